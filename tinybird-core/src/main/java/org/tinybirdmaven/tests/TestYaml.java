package org.tinybirdmaven.tests;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the YAML test files ({@code tests/*.yaml}, {@code tests/regression.yaml}) with line numbers. */
final class TestYaml {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** An item of the file's top-level list and the line it starts on. */
    record Item(JsonNode node, int line) {}

    private TestYaml() {}

    /**
     * The items of a file whose document is a list; an empty file has none.
     *
     * @param what what the list holds, for the error message ({@code tests})
     */
    static List<Item> readList(Path file, String display, String what) {
        List<Item> items = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.VALUE_NULL) {
                return items;
            }
            if (token != JsonToken.START_ARRAY) {
                throw error(display, parser.currentTokenLocation(), "the file must be a YAML list of " + what
                        + " (lines starting with '- '), not " + describe(token));
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int line = parser.currentTokenLocation().getLineNr();
                items.add(new Item(parser.readValueAsTree(), line));
            }
            if (parser.nextToken() != null) {
                throw error(display, parser.currentTokenLocation(), "only one YAML document is allowed");
            }
            return items;
        } catch (JsonProcessingException e) {
            throw error(display, e.getLocation(), clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new TestFileException(display, 0, 0, "cannot read the file (" + e.getMessage() + ")");
        }
    }

    static TestFileException error(String display, JsonLocation location, String message) {
        return location == null ? new TestFileException(display, 0, 0, message)
                : new TestFileException(display, location.getLineNr(), location.getColumnNr(), message);
    }

    /** SnakeYAML's messages repeat the position and quote the source; the location is already in front. */
    private static String clean(String message) {
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("in 'reader'") && !trimmed.startsWith("^")
                    && !line.startsWith("    ")) {
                kept.add(trimmed);
            }
        }
        return kept.isEmpty() ? message : String.join(" ", kept);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case VALUE_STRING -> "a text";
            default -> "a value";
        };
    }

    /** A scalar as the text a request parameter carries; lists become comma-separated, as Array params take them. */
    static String scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(scalar(v)));
            return String.join(",", parts);
        }
        return value.asText();
    }

    /** The fields of a mapping, in file order. */
    static List<Map.Entry<String, JsonNode>> fields(JsonNode mapping) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        mapping.fields().forEachRemaining(fields::add);
        return fields;
    }
}
