package org.tinybirdmaven.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table as the {@code tb} CLI prints one (humanfriendly's {@code format_pretty_table}): a dashed line, the header,
 * a dashed line, the rows, a dashed line; columns whose values are all numbers are right-aligned. Fixture tests of
 * {@code tb sql} without {@code --format} expect exactly this text, so it is copied rule for rule.
 */
public final class TextTable {

    private static final Pattern NUMERIC = Pattern.compile("^\\d+(\\.\\d+)?$");

    private TextTable() {}

    /** The lines of the table, without trailing newlines. Null cells print as empty. */
    public static List<String> render(List<String> header, List<List<String>> rows) {
        int columns = header.size();
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        java.util.Arrays.fill(numeric, true);
        for (int c = 0; c < columns; c++) {
            widths[c] = width(header.get(c));
        }
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                String cell = cell(row, c);
                widths[c] = Math.max(widths[c], width(cell));
                numeric[c] &= NUMERIC.matcher(cell).matches();
            }
        }
        int total = 1;
        for (int width : widths) {
            total += width + 3;
        }
        String bar = "-".repeat(total);
        List<String> lines = new ArrayList<>();
        lines.add(bar);
        lines.add(line(header, widths, numeric));
        lines.add(bar);
        for (List<String> row : rows) {
            lines.add(line(row, widths, numeric));
        }
        lines.add(bar);
        return lines;
    }

    private static String line(List<String> row, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            String cell = cell(row, c);
            String padding = " ".repeat(widths[c] - width(cell));
            line.append(' ').append(numeric[c] ? padding + cell : cell + padding).append(" |");
        }
        return line.toString();
    }

    private static String cell(List<String> row, int column) {
        String cell = column < row.size() ? row.get(column) : null;
        return cell == null ? "" : cell.replace("\n", " ");
    }

    private static int width(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** The {@code data} of a JSON query answer as a table, with the columns of its {@code meta}. */
    public static List<String> rows(JsonNode answer) {
        List<String> header = new ArrayList<>();
        answer.path("meta").forEach(column -> header.add(column.path("name").asText()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("data")) {
            if (header.isEmpty()) {
                row.fieldNames().forEachRemaining(header::add);
            }
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                JsonNode value = row.get(column);
                cells.add(value == null || value.isNull() ? "" : value.isValueNode() ? value.asText()
                        : value.toString());
            }
            rows.add(cells);
        }
        return TextTable.render(header, rows);
    }
}
