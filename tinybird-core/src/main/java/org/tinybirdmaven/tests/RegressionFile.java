package org.tinybirdmaven.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code tests/regression.yaml} (spec §9): a list of {@code {pipe: <regex>, tests: [coverage | last | manual]}}.
 * A pipe is tested by the <em>last</em> entry whose regex matches the start of its name (Python's
 * {@code re.match}), so a specific entry after a {@code '.*'} one overrides it, e.g. to {@code skip} a pipe. Without
 * the file every endpoint gets one {@code coverage} test with the default assertions.
 */
public final class RegressionFile {

    public static final String PATH = "tests/regression.yaml";

    /** How an endpoint's requests are chosen. */
    public enum Mode { COVERAGE, LAST, MANUAL }

    /**
     * The assertions of a test ({@code config}); defaults are those of {@code tb branch regression-tests}.
     *
     * @param timeIncreasePercentage      a negative value turns the time assertion off
     * @param bytesReadIncreasePercentage a negative value turns the bytes assertion off
     * @param maxTime                     seconds under which a slower answer is not a regression
     */
    public record Assertions(boolean result, boolean noError, boolean rowsCount, boolean ignoreOrder,
                             double timeIncreasePercentage, double bytesReadIncreasePercentage, double maxTime,
                             boolean failfast, boolean skip) {

        public static final Assertions DEFAULTS = new Assertions(true, true, true, false, 25, 25, 0.3, false, false);
    }

    /**
     * One test of a rule.
     *
     * @param limit           the most requests to send (coverage and last)
     * @param samplesByParams values tried per parameter (coverage)
     * @param params          the requests of {@code manual}, or extra ones for coverage
     */
    public record Test(Mode mode, Assertions assertions, int limit, int samplesByParams,
                       List<Map<String, String>> params) {

        public static Test coverage() {
            return new Test(Mode.COVERAGE, Assertions.DEFAULTS, 10, 1, List.of());
        }
    }

    /** An entry of the file: the pipes it applies to and their tests. */
    public record Rule(Pattern pipe, List<Test> tests, int line) {

        public boolean matches(String pipeName) {
            return pipe.matcher(pipeName).lookingAt();
        }
    }

    private static final Set<String> ENTRY_KEYS = Set.of("pipe", "tests");
    private static final Set<String> TEST_KEYS = Set.of("config", "limit", "samples_by_params", "matches", "params");
    private static final Set<String> CONFIG_KEYS = Set.of("assert_result", "assert_result_no_error",
            "assert_result_rows_count", "assert_result_ignore_order", "assert_time_increase_percentage",
            "assert_bytes_read_increase_percentage", "assert_max_time", "failfast", "skip");

    private RegressionFile() {}

    /** The rules of {@code <projectDir>/tests/regression.yaml}, or one coverage rule for every pipe without it. */
    public static List<Rule> rules(Path projectDir) {
        Path file = projectDir.resolve(PATH);
        if (!Files.isRegularFile(file)) {
            return List.of(new Rule(Pattern.compile(".*"), List.of(Test.coverage()), 0));
        }
        return read(file, PATH);
    }

    /** Parses a regression file; {@link TestFileException} when it is not valid. */
    public static List<Rule> read(Path file, String display) {
        List<Rule> rules = new ArrayList<>();
        for (TestYaml.Item item : TestYaml.readList(file, display, "{pipe, tests} entries")) {
            rules.add(rule(item, display));
        }
        return rules;
    }

    /** The tests of a pipe: those of the last rule that matches it, or none. */
    public static List<Test> testsFor(List<Rule> rules, String pipeName) {
        List<Test> tests = List.of();
        for (Rule rule : rules) {
            if (rule.matches(pipeName)) {
                tests = rule.tests();
            }
        }
        return tests;
    }

    private static Rule rule(TestYaml.Item item, String file) {
        JsonNode node = item.node();
        if (!node.isObject() || !node.path("pipe").isTextual()) {
            throw new TestFileException(file, item.line(), 0, "each entry needs 'pipe: <regex>' and 'tests: [...]'");
        }
        unknown(file, item, node, ENTRY_KEYS, "an entry");
        Pattern pipe;
        try {
            pipe = Pattern.compile(node.get("pipe").asText());
        } catch (PatternSyntaxException e) {
            throw new TestFileException(file, item.line(), 0, "'pipe' is not a valid regular expression: "
                    + e.getDescription());
        }
        List<Test> tests = new ArrayList<>();
        JsonNode list = node.path("tests");
        if (!list.isArray()) {
            throw new TestFileException(file, item.line(), 0, "'tests' must be a list of coverage, last or manual");
        }
        for (JsonNode test : list) {
            tests.add(test(file, item, test));
        }
        return new Rule(pipe, tests, item.line());
    }

    private static Test test(String file, TestYaml.Item item, JsonNode node) {
        String key = node.isTextual() ? node.asText() : node.isObject() && node.size() == 1
                ? node.fieldNames().next() : null;
        Mode mode = null;
        for (Mode m : Mode.values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(key)) {
                mode = m;
            }
        }
        if (mode == null) {
            throw new TestFileException(file, item.line(), 0, "each test is one of coverage, last or manual, not "
                    + (key == null ? node.toString() : "'" + key + "'"));
        }
        JsonNode body = node.isObject() ? node.get(key) : null;
        if (body == null || body.isNull()) {
            return new Test(mode, Assertions.DEFAULTS, 10, 1, List.of());
        }
        if (!body.isObject()) {
            throw new TestFileException(file, item.line(), 0, key + ": its settings must be a mapping");
        }
        unknown(file, item, body, TEST_KEYS, key);
        List<Map<String, String>> params = new ArrayList<>();
        JsonNode paramsNode = body.path("params");
        if (!paramsNode.isMissingNode() && !paramsNode.isNull()) {
            if (!paramsNode.isArray()) {
                throw new TestFileException(file, item.line(), 0, key + ": 'params' must be a list of mappings,"
                        + " one per request");
            }
            for (JsonNode request : paramsNode) {
                if (!request.isObject()) {
                    throw new TestFileException(file, item.line(), 0, key + ": each 'params' item must be a"
                            + " mapping of parameter names to values");
                }
                Map<String, String> values = new LinkedHashMap<>();
                TestYaml.fields(request).forEach(f -> values.put(f.getKey(), TestYaml.scalar(f.getValue())));
                params.add(values);
            }
        }
        if (mode == Mode.MANUAL && params.isEmpty()) {
            throw new TestFileException(file, item.line(), 0, "manual: 'params' must list the requests to compare");
        }
        return new Test(mode, assertions(file, item, key, body.path("config")),
                number(file, item, key, body, "limit", 10), number(file, item, key, body, "samples_by_params", 1),
                params);
    }

    private static Assertions assertions(String file, TestYaml.Item item, String test, JsonNode config) {
        if (config.isMissingNode() || config.isNull()) {
            return Assertions.DEFAULTS;
        }
        if (!config.isObject()) {
            throw new TestFileException(file, item.line(), 0, test + ": 'config' must be a mapping");
        }
        unknown(file, item, config, CONFIG_KEYS, test + ".config");
        Assertions d = Assertions.DEFAULTS;
        return new Assertions(flag(file, item, config, "assert_result", d.result()),
                flag(file, item, config, "assert_result_no_error", d.noError()),
                flag(file, item, config, "assert_result_rows_count", d.rowsCount()),
                flag(file, item, config, "assert_result_ignore_order", d.ignoreOrder()),
                decimal(file, item, config, "assert_time_increase_percentage", d.timeIncreasePercentage()),
                decimal(file, item, config, "assert_bytes_read_increase_percentage",
                        d.bytesReadIncreasePercentage()),
                decimal(file, item, config, "assert_max_time", d.maxTime()),
                flag(file, item, config, "failfast", d.failfast()), flag(file, item, config, "skip", d.skip()));
    }

    private static void unknown(String file, TestYaml.Item item, JsonNode node, Set<String> known, String where) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new TestFileException(file, item.line(), 0, "unknown setting '" + name + "' in " + where
                        + "; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        });
    }

    private static boolean flag(String file, TestYaml.Item item, JsonNode config, String name, boolean fallback) {
        JsonNode value = config.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        throw new TestFileException(file, item.line(), 0, "'" + name + "' must be true or false");
    }

    private static double decimal(String file, TestYaml.Item item, JsonNode config, String name, double fallback) {
        JsonNode value = config.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        throw new TestFileException(file, item.line(), 0, "'" + name + "' must be a number");
    }

    private static int number(String file, TestYaml.Item item, String test, JsonNode body, String name,
                              int fallback) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.asInt() > 0) {
            return value.asInt();
        }
        throw new TestFileException(file, item.line(), 0, test + ": '" + name + "' must be a positive whole number");
    }
}
