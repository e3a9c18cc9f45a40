package org.tinybirdmaven.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A data-quality test file: a YAML list whose items each map one test name to its properties ({@code sql},
 * {@code pipe: {name, params}}, {@code max_time}, {@code max_bytes_read}). Anything else in the file is an error
 * naming the file and line, as {@code tb test run} refuses the file too.
 *
 * @param name the file relative to the project directory
 */
public record DataQualityFile(String name, List<DataQualityTest> tests) {

    private static final Set<String> PROPERTIES = Set.of("sql", "pipe", "max_time", "max_bytes_read");

    public DataQualityFile {
        tests = List.copyOf(tests);
    }

    /** Parses a file; {@link TestFileException} when it is not a valid test file. */
    public static DataQualityFile read(Path file, String name) {
        List<DataQualityTest> tests = new ArrayList<>();
        for (TestYaml.Item item : TestYaml.readList(file, name, "tests")) {
            tests.add(test(item, name));
        }
        return new DataQualityFile(name, tests);
    }

    private static DataQualityTest test(TestYaml.Item item, String file) {
        JsonNode node = item.node();
        if (!node.isObject() || node.size() != 1) {
            throw new TestFileException(file, item.line(), 0, "each item must be one test, written"
                    + " '- test_name:' followed by its indented properties (sql, pipe, max_time, max_bytes_read)");
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        String name = entry.getKey();
        JsonNode properties = entry.getValue();
        if (properties.isNull()) {
            return new DataQualityTest(name, null, null, Map.of(), null, null, item.line());
        }
        if (!properties.isObject()) {
            throw problem(file, item, name, "its properties must be a mapping (sql, pipe, max_time, max_bytes_read)");
        }
        for (Map.Entry<String, JsonNode> property : TestYaml.fields(properties)) {
            if (!PROPERTIES.contains(property.getKey())) {
                throw problem(file, item, name, "unknown property '" + property.getKey()
                        + "'; a test has sql, pipe, max_time and max_bytes_read");
            }
        }
        JsonNode sql = properties.path("sql");
        if (!sql.isMissingNode() && !sql.isNull() && !sql.isTextual()) {
            throw problem(file, item, name, "'sql' must be a text");
        }
        String pipe = null;
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode pipeNode = properties.path("pipe");
        if (!pipeNode.isMissingNode() && !pipeNode.isNull()) {
            if (!pipeNode.isObject() || !pipeNode.path("name").isTextual()) {
                throw problem(file, item, name, "'pipe' must be a mapping with a 'name' and optional 'params'");
            }
            pipe = pipeNode.get("name").asText();
            JsonNode paramsNode = pipeNode.path("params");
            if (!paramsNode.isMissingNode() && !paramsNode.isNull()) {
                if (!paramsNode.isObject()) {
                    throw problem(file, item, name, "'pipe.params' must be a mapping of parameter names to values");
                }
                TestYaml.fields(paramsNode).forEach(p -> params.put(p.getKey(), TestYaml.scalar(p.getValue())));
            }
        }
        return new DataQualityTest(name, sql.isTextual() ? sql.asText() : null, pipe, params,
                limit(file, item, name, properties.path("max_time")),
                bytes(file, item, name, properties.path("max_bytes_read")), item.line());
    }

    private static Double limit(String file, TestYaml.Item item, String test, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        throw problem(file, item, test, "'max_time' must be a number of seconds or null");
    }

    private static Long bytes(String file, TestYaml.Item item, String test, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        throw problem(file, item, test, "'max_bytes_read' must be a whole number of bytes or null");
    }

    private static TestFileException problem(String file, TestYaml.Item item, String test, String message) {
        return new TestFileException(file, item.line(), 0, "test '" + test + "': " + message);
    }
}
