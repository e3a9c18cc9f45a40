package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One scope of a token: {@code PIPES:READ} on resource {@code top_events}, with an optional SQL filter. */
public record TokenScope(String type, String resource, String filter) {

    static TokenScope from(JsonNode json) {
        return new TokenScope(Json.text(json, "type"), Json.text(json, "resource"), Json.text(json, "filter"));
    }

    /**
     * The {@code scope=} parameter form, {@code TYPE[:resource][:filter]}, as the CLI re-sends existing scopes
     * when it adds one.
     */
    public String asParameter() {
        StringBuilder text = new StringBuilder(type);
        if (resource != null && !resource.isEmpty()) {
            text.append(':').append(resource);
            if (filter != null && !filter.isEmpty()) {
                text.append(':').append(filter);
            }
        }
        return text.toString();
    }
}
