package org.tinybirdmaven.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A response read whole: status, the headers the client uses (lower-case names), and the body. */
record Response(int status, String reason, Map<String, String> headers, byte[] body) {

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    String contentType() {
        return header("content-type");
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
