package org.tinybirdmaven.tests;

import java.util.ArrayList;
import java.util.List;
import org.tinybirdmaven.diff.UnifiedDiff;

/**
 * Compares two texts line by line ignoring blank lines, as {@code diff -B} does for fixture tests, and prints the
 * differences as a unified diff. Empty lines are dropped from both sides before comparing (a line of spaces is not
 * blank, as in GNU diff); {@code \r\n} counts as {@code \n}. The hunks' line numbers count non-blank lines.
 */
public final class LineDiff {

    private LineDiff() {}

    /** Whether the texts have the same non-blank lines. */
    public static boolean same(String expected, String actual) {
        return lines(expected).equals(lines(actual));
    }

    /**
     * A unified diff from {@code expected} to {@code actual}, or an empty string when they are the same.
     *
     * @param expectedName the {@code ---} header
     * @param actualName   the {@code +++} header
     */
    public static String unified(String expected, String actual, String expectedName, String actualName) {
        List<String> diff = UnifiedDiff.of(lines(expected), lines(actual), expectedName, actualName);
        return diff.isEmpty() ? "" : String.join("\n", diff) + "\n";
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
