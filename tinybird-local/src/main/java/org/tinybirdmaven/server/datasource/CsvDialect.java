package org.tinybirdmaven.server.datasource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.server.http.ApiException;

/**
 * How a CSV file is written: its delimiter and whether its first row is a header.
 *
 * <p>Tinybird accepts CSV files with or without a header. Here the first row is a header when every one of its
 * fields (trimmed) is the name of a column of the datasource, each at most once; the data is then mapped to columns
 * by those names, so a header may list columns in any order or leave some out (they take their DEFAULT). Otherwise
 * fields map to columns by position. The delimiter is the {@code dialect_delimiter} parameter, or the most frequent
 * of {@code , ; TAB |} outside quotes in the first row (comma on a tie).
 *
 * @param header the header fields, or null when the first row is data
 */
record CsvDialect(char delimiter, List<String> header) {

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    /** The first row is looked for in this many characters at most. */
    private static final int MAX_FIRST_ROW = 1 << 20;

    static CsvDialect detect(Upload upload, List<Column> columns, Character delimiter) {
        String firstRow = firstRow(upload);
        char chosen = delimiter != null ? delimiter : guessDelimiter(firstRow);
        List<String> fields = split(firstRow, chosen);
        Set<String> names = new HashSet<>();
        ImportPlan.insertable(columns).forEach(column -> names.add(column.name()));
        Set<String> seen = new HashSet<>();
        boolean header = !fields.isEmpty();
        for (String field : fields) {
            header &= names.contains(field) && seen.add(field);
        }
        return new CsvDialect(chosen, header ? List.copyOf(fields) : null);
    }

    /** The first row of the file, its quoted line breaks included. */
    static String firstRow(Upload upload) {
        try (InputStream in = upload.open(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            StringBuilder row = new StringBuilder();
            boolean quoted = false;
            int c;
            while ((c = reader.read()) >= 0 && row.length() < MAX_FIRST_ROW) {
                if (c == '"') {
                    quoted = !quoted;
                } else if ((c == '\n' || c == '\r') && !quoted) {
                    break;
                }
                row.append((char) c);
            }
            return row.toString();
        } catch (IOException e) {
            // A damaged gzip stream, typically.
            throw ApiException.badRequest("Could not read the uploaded file: " + e.getMessage());
        }
    }

    static char guessDelimiter(String row) {
        char best = ',';
        int bestCount = 0;
        for (char candidate : CANDIDATES) {
            int count = 0;
            boolean quoted = false;
            for (int i = 0; i < row.length(); i++) {
                char c = row.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == candidate && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /** The unquoted, trimmed fields of one CSV row ({@code ""} inside quotes is a quote). */
    static List<String> split(String row, char delimiter) {
        List<String> fields = new ArrayList<>();
        if (row.isBlank()) {
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == delimiter && !quoted) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
