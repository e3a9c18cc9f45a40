package org.tinybirdmaven.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two texts line by line ignoring blank lines, as {@code diff -B} does for fixture tests, and prints the
 * differences as a unified diff. Empty lines are dropped from both sides before comparing (a line of spaces is not
 * blank, as in GNU diff); {@code \r\n} counts as {@code \n}. The hunks' line numbers count non-blank lines.
 */
public final class LineDiff {

    private static final int CONTEXT = 3;
    /** Above this many cells the comparison table would be too big: the middle is shown as replaced instead. */
    private static final long MAX_CELLS = 16_000_000L;

    private enum Op { SAME, DELETE, INSERT }

    private record Edit(Op op, String line) {}

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
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        if (a.equals(b)) {
            return "";
        }
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder("--- ").append(expectedName).append('\n')
                .append("+++ ").append(actualName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is within two contexts.
            while (true) {
                while (end < edits.size() && edits.get(end).op() != Op.SAME) {
                    end++;
                }
                int same = end;
                while (same < edits.size() && edits.get(same).op() == Op.SAME) {
                    same++;
                }
                if (same < edits.size() && same - end <= 2 * CONTEXT) {
                    end = same;
                } else {
                    end = Math.min(edits.size(), end + CONTEXT);
                    break;
                }
            }
            hunk(out, edits, start, end);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> edits, int start, int end) {
        int oldLine = 1;
        int newLine = 1;
        for (int k = 0; k < start; k++) {
            oldLine += edits.get(k).op() != Op.INSERT ? 1 : 0;
            newLine += edits.get(k).op() != Op.DELETE ? 1 : 0;
        }
        int oldCount = 0;
        int newCount = 0;
        StringBuilder body = new StringBuilder();
        for (int k = start; k < end; k++) {
            Edit edit = edits.get(k);
            oldCount += edit.op() != Op.INSERT ? 1 : 0;
            newCount += edit.op() != Op.DELETE ? 1 : 0;
            body.append(switch (edit.op()) {
                case SAME -> ' ';
                case DELETE -> '-';
                case INSERT -> '+';
            }).append(edit.line()).append('\n');
        }
        out.append("@@ -").append(range(oldCount == 0 ? oldLine - 1 : oldLine, oldCount)).append(" +")
                .append(range(newCount == 0 ? newLine - 1 : newLine, newCount)).append(" @@\n").append(body);
    }

    private static String range(int line, int count) {
        return count == 1 ? Integer.toString(line) : line + "," + count;
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

    /** The shortest edit script, from the longest common subsequence of the lines between the common ends. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> x = a.subList(prefix, a.size() - suffix);
        List<String> y = b.subList(prefix, b.size() - suffix);
        List<Edit> edits = new ArrayList<>();
        a.subList(0, prefix).forEach(line -> edits.add(new Edit(Op.SAME, line)));
        if ((long) x.size() * y.size() > MAX_CELLS) {
            x.forEach(line -> edits.add(new Edit(Op.DELETE, line)));
            y.forEach(line -> edits.add(new Edit(Op.INSERT, line)));
        } else {
            int[][] lcs = new int[x.size() + 1][y.size() + 1];
            for (int i = x.size() - 1; i >= 0; i--) {
                for (int j = y.size() - 1; j >= 0; j--) {
                    lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1
                            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < x.size() || j < y.size()) {
                if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
                    edits.add(new Edit(Op.SAME, x.get(i++)));
                    j++;
                } else if (j < y.size() && (i == x.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                    edits.add(new Edit(Op.INSERT, y.get(j++)));
                } else {
                    edits.add(new Edit(Op.DELETE, x.get(i++)));
                }
            }
        }
        a.subList(a.size() - suffix, a.size()).forEach(line -> edits.add(new Edit(Op.SAME, line)));
        return edits;
    }
}
