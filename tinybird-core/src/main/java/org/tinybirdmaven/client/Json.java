package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Lenient reading of Tinybird's JSON: missing and null fields read as null, unknown fields are kept in raw nodes. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /** The parsed body, or null when it is empty or not JSON. */
    static JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    static JsonNode field(JsonNode node, String name) {
        return node == null ? MissingNode.getInstance() : node.path(name);
    }

    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    static boolean bool(JsonNode node, String name) {
        return field(node, name).asBoolean(false);
    }

    static long number(JsonNode node, String name) {
        return field(node, name).asLong(0);
    }

    static Double decimal(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.isNumber() || value.isTextual() && !value.asText().isEmpty() ? value.asDouble() : null;
    }

    /** Strings of an array field; objects are kept as their JSON text. */
    static List<String> texts(JsonNode node, String name) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : field(node, name)) {
            texts.add(item.isValueNode() ? item.asText() : item.toString());
        }
        return List.copyOf(texts);
    }

    static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : field(node, name)) {
            items.add(mapper.apply(item));
        }
        return List.copyOf(items);
    }

    /** The scalar fields of an object, as text. */
    static Map<String, String> textMap(JsonNode node, String name) {
        Map<String, String> map = new LinkedHashMap<>();
        field(node, name).fields().forEachRemaining(entry -> {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                map.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return map;
    }
}
