package org.tinybirdmaven.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, headers and a body that is written once, possibly streamed (query results can
 * be large, so the body is a writer rather than a byte array).
 */
public final class ApiResponse {

    /** Writes a response body. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Body body;

    private ApiResponse(int status, String contentType, Body body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public static ApiResponse json(int status, Object value) {
        byte[] bytes = Json.write(value);
        return new ApiResponse(status, "application/json; charset=UTF-8", out -> out.write(bytes));
    }

    public static ApiResponse json(Object value) {
        return json(200, value);
    }

    public static ApiResponse text(int status, String contentType, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ApiResponse(status, contentType, out -> out.write(bytes));
    }

    public static ApiResponse bytes(int status, String contentType, byte[] bytes) {
        return new ApiResponse(status, contentType, out -> out.write(bytes));
    }

    public static ApiResponse stream(int status, String contentType, Body body) {
        return new ApiResponse(status, contentType, body);
    }

    /** No body, e.g. 204 after a delete or 205 after a truncate. */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, null, out -> { });
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Body body() {
        return body;
    }
}
