package org.tinybirdmaven.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff of two lists of lines, as Python's {@code difflib.unified_diff} prints it (which {@code tb diff}
 * uses): {@code ---}/{@code +++} headers, then hunks with three lines of context. java-diff-utils computes it; only
 * the hunk ranges are rewritten to difflib's short forms.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

    private UnifiedDiff() {}

    /** The diff lines; empty when {@code from} and {@code to} are equal. */
    public static List<String> of(List<String> from, List<String> to, String fromHeader, String toHeader) {
        if (from.equals(to)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(fromHeader, toHeader, from, DiffUtils.diff(from, to),
                CONTEXT)) {
            Matcher hunk = HUNK.matcher(line);
            out.add(hunk.matches() ? "@@ -" + range(hunk.group(1), hunk.group(2)) + " +"
                    + range(hunk.group(3), hunk.group(4)) + " @@" : line);
        }
        return out;
    }

    /** difflib's range format: {@code start,count}, {@code start} alone for one line, {@code start-1,0} for none. */
    private static String range(String start, String count) {
        return switch (count) {
            case "1" -> start;
            case "0" -> Math.max(0, Integer.parseInt(start) - 1) + ",0";
            default -> start + "," + count;
        };
    }
}
