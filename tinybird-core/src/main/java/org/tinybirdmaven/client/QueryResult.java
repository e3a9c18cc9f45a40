package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The body of a query ({@code /v0/sql} or a pipe endpoint), in whatever format was asked for. */
public final class QueryResult {

    private final String contentType;
    private final byte[] body;

    QueryResult(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
    }

    /** The response's {@code Content-Type}, or null. */
    public String contentType() {
        return contentType;
    }

    public byte[] bytes() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON ({@code FORMAT JSON}: {@code meta}, {@code data}, {@code rows}, {@code statistics}). */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("The query result is not JSON (" + contentType + ")", e);
        }
    }

    @Override
    public String toString() {
        return "QueryResult[" + contentType + ", " + body.length + " bytes]";
    }
}
