package org.tinybirdmaven.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table; the first column is left-aligned, the others right-aligned (numbers). */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("| " + String.join(" | ", header) + " |");
        StringBuilder rule = new StringBuilder("|---|");
        rule.append("---:|".repeat(header.size() - 1));
        lines.add(rule.toString());
        rows.forEach(row -> lines.add("| " + String.join(" | ", row) + " |"));
        return lines;
    }

    /** The table, an empty line and a note below it. */
    public List<String> lines(String note) {
        List<String> lines = lines();
        lines.add("");
        lines.add(note);
        return lines;
    }

    /** {@code 1,234} style, without decimals. */
    public static String integer(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    public static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    /** Whether a goal was met, for the verdict column. */
    public static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }
}
