package org.tinybirdmaven.plugin;

import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.tinybirdmaven.output.TextTable;

/** Logs a table the way the {@code tb} CLI prints one, one info line per text line. */
final class Tables {

    private Tables() {}

    static void log(Log log, List<String> header, List<List<String>> rows) {
        TextTable.render(header, rows).forEach(log::info);
        if (rows.isEmpty()) {
            log.info("(none)");
        }
    }

    /** A cell for a value Tinybird may omit. */
    static String text(String value) {
        return value == null ? "-" : value;
    }
}
