package org.tinybirdmaven.datafile;

import java.util.Locale;
import java.util.Optional;

/** The {@code TYPE} of a pipe node; {@code STANDARD} covers no TYPE and the values {@code standard}/{@code default}. */
public enum NodeType {
    STANDARD, ENDPOINT, MATERIALIZED, COPY, SINK, STREAM;

    /** Parses a TYPE value case-insensitively. */
    public static Optional<NodeType> fromDatafile(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "standard", "default" -> Optional.of(STANDARD);
            case "endpoint" -> Optional.of(ENDPOINT);
            case "materialized" -> Optional.of(MATERIALIZED);
            case "copy" -> Optional.of(COPY);
            case "sink" -> Optional.of(SINK);
            case "stream" -> Optional.of(STREAM);
            default -> Optional.empty();
        };
    }

    /** The lower-case name the API uses ({@code node_type}, pipe {@code type}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
