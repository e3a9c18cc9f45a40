package org.tinybirdmaven.server.http;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Adapts Jetty to the {@link Router}: builds an {@link ApiRequest}, runs the route, and writes its response. An
 * {@link ApiException} becomes Tinybird's error envelope; anything unexpected becomes a 500 whose body names the
 * error but carries no stack trace (it is logged instead).
 */
public final class JettyApiHandler extends Handler.Abstract {

    private static final System.Logger LOG = System.getLogger(JettyApiHandler.class.getName());
    private static final String DOCS = "https://docs.tinybird.co/api-reference/overview";
    private static final Set<Integer> DOCUMENTED = Set.of(400, 403, 404, 405, 408, 411, 413, 429);
    private static final long MAX_DRAINED_BYTES = 1 << 20;

    private final Router router;
    private final Faults faults;

    public JettyApiHandler(Router router, Faults faults) {
        this.router = router;
        this.faults = faults;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getName(), field.getValue(), (a, b) -> a + ", " + b);
        }
        ApiRequest apiRequest = new ApiRequest(request.getMethod(), request.getHttpURI().getDecodedPath(),
                request.getHttpURI().getQuery(), headers, Content.Source.asInputStream(request));
        ApiResponse apiResponse;
        try {
            Faults.Action fault = faults.match(request.getMethod(), apiRequest.path()).orElse(null);
            if (fault != null) {
                if (fault.latencyMillis() > 0) {
                    Thread.sleep(fault.latencyMillis());
                }
                if (fault.drop()) {
                    request.getConnectionMetaData().getConnection().getEndPoint().close();
                    callback.failed(new java.io.IOException("connection dropped by an injected fault"));
                    return true;
                }
            }
            apiResponse = fault != null && fault.status() != null ? injected(fault) : router.dispatch(apiRequest);
        } catch (ApiException e) {
            apiResponse = error(e);
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected error in " + request.getMethod() + " "
                    + request.getHttpURI().getPath(), e);
            apiResponse = error(new ApiException(500, "Internal server error: " + e));
        }
        try {
            if (!drain(apiRequest.bodyStream())) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            response.setStatus(apiResponse.status());
            if (apiResponse.contentType() != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, apiResponse.contentType());
            }
            apiResponse.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                apiResponse.body().writeTo(out);
            }
            callback.succeeded();
        } catch (Throwable e) {
            callback.failed(e);
        }
        return true;
    }

    /**
     * Reads what the route left of the request body (a request refused before its body was read), so the client
     * can send its next request on the same connection. A large rest is not worth reading: returns false, and the
     * connection is closed instead.
     */
    private static boolean drain(java.io.InputStream body) throws java.io.IOException {
        byte[] buffer = new byte[8192];
        long left = MAX_DRAINED_BYTES;
        int read;
        while ((read = body.read(buffer)) >= 0) {
            left -= read;
            if (left < 0) {
                return false;
            }
        }
        return true;
    }

    private static ApiResponse injected(Faults.Action fault) {
        String message = fault.status() == 429 ? "Too many requests" : "Injected fault " + fault.status();
        ApiResponse response = error(new ApiException(fault.status(), message));
        return fault.retryAfterSeconds() == null ? response
                : response.header("Retry-After", Integer.toString(fault.retryAfterSeconds()));
    }

    /** Tinybird's error envelope. */
    public static ApiResponse error(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (DOCUMENTED.contains(e.status())) {
            body.put("documentation", e.getMessage().equals("invalid authentication token") ? DOCS
                    + "#authentication" : DOCS);
        }
        body.putAll(e.extra());
        return ApiResponse.json(e.status(), body);
    }
}
