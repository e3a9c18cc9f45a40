package org.tinybirdmaven.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A canned-response HTTP server for what the local server cannot produce: answers queued responses in order and
 * records every request. Bodies are read as a stream; only their first {@value #KEPT} bytes are kept, so uploads
 * of any size can be received.
 */
final class CannedServer implements AutoCloseable {

    static final int KEPT = 64 * 1024;

    /** One request as received. */
    record Recorded(String method, String uri, Headers headers, byte[] body, long bodyLength) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String path() {
            int query = uri.indexOf('?');
            return query < 0 ? uri : uri.substring(0, query);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The query string's parameters, every value of each. */
        Map<String, List<String>> query() {
            int query = uri.indexOf('?');
            return parse(query < 0 ? "" : uri.substring(query + 1));
        }

        /** A form body's parameters. */
        Map<String, List<String>> form() {
            return parse(text());
        }
    }

    private record Canned(int status, byte[] body, String[] headers, long delayMillis) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedDeque<Canned> queue = new ConcurrentLinkedDeque<>();
    final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

    CannedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Queues an answer; {@code headers} are name, value pairs. */
    CannedServer respond(int status, String body, String... headers) {
        queue.add(new Canned(status, body.getBytes(StandardCharsets.UTF_8), headers, 0));
        return this;
    }

    /** Queues an answer sent only after {@code delayMillis}. */
    CannedServer respondAfter(long delayMillis, int status, String body) {
        queue.add(new Canned(status, body.getBytes(StandardCharsets.UTF_8), new String[0], delayMillis));
        return this;
    }

    CannedServer json(String body) {
        return respond(200, body, "Content-Type", "application/json");
    }

    Recorded request(int index) {
        return requests.get(index);
    }

    Recorded last() {
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] kept;
        long length = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (head.size() < KEPT) {
                    head.write(buffer, 0, Math.min(read, KEPT - head.size()));
                }
                length += read;
            }
            kept = head.toByteArray();
        }
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders(), kept, length));
        Canned canned = queue.poll();
        if (canned == null) {
            canned = new Canned(599, "{\"error\": \"no canned response left\"}".getBytes(StandardCharsets.UTF_8),
                    new String[0], 0);
        }
        if (canned.delayMillis() > 0) {
            try {
                Thread.sleep(canned.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i + 1 < canned.headers().length; i += 2) {
            exchange.getResponseHeaders().add(canned.headers()[i], canned.headers()[i + 1]);
        }
        boolean noBody = canned.body().length == 0;
        exchange.sendResponseHeaders(canned.status(), noBody ? -1 : canned.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(canned.body());
            }
        }
        exchange.close();
    }

    static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return params;
        }
        Arrays.stream(encoded.split("&")).forEach(pair -> {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        });
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
