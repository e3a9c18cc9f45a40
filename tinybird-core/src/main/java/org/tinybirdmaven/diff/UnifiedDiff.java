package org.tinybirdmaven.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two lists of lines, as Python's {@code difflib.unified_diff} prints it (which {@code tb diff}
 * uses): {@code ---}/{@code +++} headers, then hunks with three lines of context.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    /** Beyond this many cells the longest common subsequence is not computed: the whole text is one hunk. */
    private static final long MAX_CELLS = 20_000_000L;

    private enum Op { EQUAL, DELETE, INSERT }

    private record Edit(Op op, int from, int to) {}

    private UnifiedDiff() {}

    /** The diff lines; empty when {@code from} and {@code to} are equal. */
    public static List<String> of(List<String> from, List<String> to, String fromHeader, String toHeader) {
        if (from.equals(to)) {
            return List.of();
        }
        List<Edit> edits = edits(from, to);
        List<String> out = new ArrayList<>();
        out.add("--- " + fromHeader);
        out.add("+++ " + toHeader);
        int i = 0;
        while (i < edits.size()) {
            while (i < edits.size() && edits.get(i).op() == Op.EQUAL) {
                i++;
            }
            if (i == edits.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // A hunk goes on while the next change is at most 2 * CONTEXT equal lines away.
            while (true) {
                while (end < edits.size() && edits.get(end).op() != Op.EQUAL) {
                    end++;
                }
                int equalRun = 0;
                while (end + equalRun < edits.size() && edits.get(end + equalRun).op() == Op.EQUAL) {
                    equalRun++;
                }
                if (end + equalRun < edits.size() && equalRun <= 2 * CONTEXT) {
                    end += equalRun;
                } else {
                    end = Math.min(edits.size(), end + Math.min(equalRun, CONTEXT));
                    break;
                }
            }
            hunk(edits.subList(start, end), from, to, out);
            i = end;
        }
        return out;
    }

    private static void hunk(List<Edit> edits, List<String> from, List<String> to, List<String> out) {
        int fromStart = -1;
        int toStart = -1;
        int fromCount = 0;
        int toCount = 0;
        List<String> body = new ArrayList<>();
        for (Edit edit : edits) {
            switch (edit.op()) {
                case EQUAL -> {
                    body.add(" " + from.get(edit.from()));
                    fromCount++;
                    toCount++;
                }
                case DELETE -> {
                    body.add("-" + from.get(edit.from()));
                    fromCount++;
                }
                case INSERT -> {
                    body.add("+" + to.get(edit.to()));
                    toCount++;
                }
            }
            if (fromStart < 0 && edit.op() != Op.INSERT) {
                fromStart = edit.from();
            }
            if (toStart < 0 && edit.op() != Op.DELETE) {
                toStart = edit.to();
            }
        }
        if (fromStart < 0) {
            fromStart = edits.get(0).from();
        }
        if (toStart < 0) {
            toStart = edits.get(0).to();
        }
        out.add("@@ -" + range(fromStart, fromCount) + " +" + range(toStart, toCount) + " @@");
        out.addAll(body);
    }

    /** difflib's range format: {@code start,count} 1-based, {@code start} alone for one line, start-1 for none. */
    private static String range(int start, int count) {
        if (count == 1) {
            return Integer.toString(start + 1);
        }
        return (count == 0 ? start : start + 1) + "," + count;
    }

    /**
     * The edit script of a longest common subsequence. {@code from} and {@code to} of each edit are the positions in
     * the two lists at that point (for inserts and deletes, the position where the other side stands).
     */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> edits = new ArrayList<>();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                edits.add(new Edit(Op.DELETE, i, 0));
            }
            for (int j = 0; j < m; j++) {
                edits.add(new Edit(Op.INSERT, n, j));
            }
            return edits;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Op.EQUAL, i++, j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit(Op.DELETE, i++, j));
            } else {
                edits.add(new Edit(Op.INSERT, i, j++));
            }
        }
        return edits;
    }
}
