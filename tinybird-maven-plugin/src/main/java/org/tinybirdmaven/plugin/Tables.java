package org.tinybirdmaven.plugin;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** Logs a plain-text table, one info line per row, columns padded to their widest cell. */
final class Tables {

    private Tables() {}

    static void log(Log log, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.size() - 1 ? row.get(i)
                        : String.format("%-" + widths[i] + "s", row.get(i)));
            }
            log.info(line.toString());
        }
        if (rows.isEmpty()) {
            log.info("(none)");
        }
    }

    /** A cell for a value Tinybird may omit. */
    static String text(String value) {
        return value == null ? "-" : value;
    }
}
