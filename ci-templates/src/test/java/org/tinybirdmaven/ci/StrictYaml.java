package org.tinybirdmaven.ci;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a CI file the way the CI systems would refuse it: duplicate keys and tab indentation are errors, and the
 * document must be a mapping. Jackson keeps {@code on} as a string key, where YAML 1.1 readers turn it into
 * {@code true} (which breaks schema validation of GitHub workflows).
 */
final class StrictYaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StrictYaml() {}

    static ObjectNode parse(String name, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("^ *\t.*")) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": tab in indentation");
            }
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException(name + ": the document is not a mapping");
        }
        return object;
    }
}
