package org.tinybirdmaven.tests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The options of {@code tb branch regression-tests}, e.g. {@code --no-assert-result --assert-max-time 1}: Tinybird's
 * CI passes pull-request labels that start with {@code --} to it. Each flag given overrides that setting in every
 * regression test, whether it comes from {@code tests/regression.yaml} or is the default coverage test; settings
 * not given keep their value.
 */
public final class RegressionFlags {

    private static final Set<String> SWITCHES = Set.of("assert-result", "assert-result-no-error",
            "assert-result-rows-count", "assert-result-ignore-order", "failfast");
    private static final Set<String> NUMBERS = Set.of("assert-time-increase-percentage",
            "assert-bytes-read-increase-percentage", "assert-max-time", "limit", "sample-by-params");

    private final Map<String, Object> values;

    private RegressionFlags(Map<String, Object> values) {
        this.values = values;
    }

    /** No flags: every test as it is. */
    public static final RegressionFlags NONE = new RegressionFlags(Map.of());

    /**
     * Reads flags separated by spaces or commas; a number follows its flag after a space or {@code =}.
     *
     * @throws IllegalArgumentException naming an unknown flag or a missing or malformed number
     */
    public static RegressionFlags parse(String flags) {
        if (flags == null || flags.isBlank()) {
            return NONE;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> words = List.of(flags.strip().split("[\\s,]+"));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = word.startsWith("--") ? word.substring(2).toLowerCase(Locale.ROOT) : null;
            String inline = null;
            if (name != null && name.contains("=")) {
                inline = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            }
            if (name != null && SWITCHES.contains(name) && inline == null) {
                values.put(name, true);
            } else if (name != null && name.startsWith("no-") && SWITCHES.contains(name.substring(3))
                    && inline == null) {
                values.put(name.substring(3), false);
            } else if (name != null && NUMBERS.contains(name)) {
                String number = inline != null ? inline : i + 1 < words.size() ? words.get(++i) : null;
                values.put(name, number(word, number));
            } else {
                throw new IllegalArgumentException("unknown regression flag '" + word + "'; known: --[no-]"
                        + String.join(", --[no-]", new TreeSet<>(SWITCHES)) + ", --"
                        + String.join(" N, --", new TreeSet<>(NUMBERS)) + " N");
            }
        }
        return new RegressionFlags(Map.copyOf(values));
    }

    private static double number(String flag, String text) {
        try {
            double value = Double.parseDouble(text);
            if (value >= 0) {
                return value;
            }
        } catch (NullPointerException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("regression flag " + flag + " needs a number of 0 or more, not "
                + (text == null ? "nothing" : "'" + text + "'"));
    }

    /** The test with the flags' settings in place of its own. */
    public RegressionFile.Test apply(RegressionFile.Test test) {
        if (values.isEmpty()) {
            return test;
        }
        RegressionFile.Assertions a = test.assertions();
        RegressionFile.Assertions assertions = new RegressionFile.Assertions(
                flag("assert-result", a.result()), flag("assert-result-no-error", a.noError()),
                flag("assert-result-rows-count", a.rowsCount()), flag("assert-result-ignore-order", a.ignoreOrder()),
                decimal("assert-time-increase-percentage", a.timeIncreasePercentage()),
                decimal("assert-bytes-read-increase-percentage", a.bytesReadIncreasePercentage()),
                decimal("assert-max-time", a.maxTime()), flag("failfast", a.failfast()), a.skip());
        return new RegressionFile.Test(test.mode(), assertions, (int) decimal("limit", test.limit()),
                (int) decimal("sample-by-params", test.samplesByParams()), test.params());
    }

    /** The rules with every test's settings overridden. */
    public List<RegressionFile.Rule> apply(List<RegressionFile.Rule> rules) {
        UnaryOperator<RegressionFile.Test> override = this::apply;
        return rules.stream().map(rule -> new RegressionFile.Rule(rule.pipe(),
                rule.tests().stream().map(override).toList(), rule.line())).toList();
    }

    private boolean flag(String name, boolean current) {
        return (Boolean) values.getOrDefault(name, current);
    }

    private double decimal(String name, double current) {
        return (Double) values.getOrDefault(name, current);
    }
}
