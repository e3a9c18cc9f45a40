package org.tinybirdmaven.plugin;

import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.project.CheckReport;

/** Writes report lines from tinybird-core to Maven's log at their level. */
final class MavenOutput {

    private MavenOutput() {}

    static void log(Log log, List<CheckReport.Line> lines) {
        for (CheckReport.Line line : lines) {
            switch (line.level()) {
                case ERROR -> log.error(line.text());
                case WARNING -> log.warn(line.text());
                default -> log.info(line.text());
            }
        }
    }

    /** The deploy engine's, fixtures' and diff's lines, to Maven's log. */
    static Output of(Log log) {
        return (level, text) -> {
            switch (level) {
                case ERROR -> log.error(text);
                case WARNING -> log.warn(text);
                default -> log.info(text);
            }
        };
    }
}
