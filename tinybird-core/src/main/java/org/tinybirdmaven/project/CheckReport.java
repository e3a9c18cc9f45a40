package org.tinybirdmaven.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.datafile.Diagnostic;
import org.tinybirdmaven.datafile.ParsedDatafile;

/**
 * What {@code check} reports about a project: one line per datafile, every diagnostic as
 * {@code file:line:column: message}, and a summary. Paths are relative to the project directory.
 */
public final class CheckReport {

    /** How a report line should be shown. */
    public enum Level { INFO, WARNING, ERROR }

    public record Line(Level level, String text) {}

    private final Project project;
    private final List<Diagnostic> diagnostics;

    public CheckReport(Project project) {
        this.project = project;
        this.diagnostics = project.diagnostics();
    }

    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        Map<Path, List<Diagnostic>> byFile = new LinkedHashMap<>();
        project.files().forEach(file -> byFile.put(file.path(), new ArrayList<>()));
        for (Diagnostic diagnostic : diagnostics) {
            byFile.computeIfAbsent(diagnostic.location().file(), file -> new ArrayList<>()).add(diagnostic);
        }
        for (ParsedDatafile file : project.files()) {
            List<Diagnostic> found = byFile.get(file.path());
            long errors = found.stream().filter(Diagnostic::isError).count();
            long warnings = found.size() - errors;
            String status = errors > 0 ? "FAIL" : "OK  ";
            lines.add(new Line(errors > 0 ? Level.ERROR : Level.INFO, status + "  " + relative(file.path())
                    + counts(errors, warnings)));
        }
        for (Diagnostic diagnostic : diagnostics) {
            lines.add(new Line(diagnostic.isError() ? Level.ERROR : Level.WARNING, format(diagnostic)));
        }
        lines.add(new Line(errorCount() > 0 ? Level.ERROR : Level.INFO, summary()));
        return lines;
    }

    public String summary() {
        long files = project.files().size();
        long invalid = project.files().stream().filter(file -> diagnostics.stream().anyMatch(d -> d.isError()
                && d.location().file().equals(file.path()))).count();
        return "Checked " + files + plural(files, " datafile") + ": " + (files - invalid) + " valid, " + invalid
                + " with errors; " + errorCount() + plural(errorCount(), " error") + ", " + warningCount()
                + plural(warningCount(), " warning");
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return diagnostics.size() - errorCount();
    }

    public boolean failed(boolean failOnWarnings) {
        return errorCount() > 0 || failOnWarnings && warningCount() > 0;
    }

    /** The message a failed build ends with: every error (and warning, when they fail the build) on its own line. */
    public String failureMessage(boolean failOnWarnings) {
        StringBuilder message = new StringBuilder("Tinybird datafiles have ");
        message.append(errorCount()).append(plural(errorCount(), " error"));
        if (failOnWarnings) {
            message.append(" and ").append(warningCount()).append(plural(warningCount(), " warning"));
        }
        message.append(':');
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.isError() || failOnWarnings) {
                message.append(System.lineSeparator()).append("  ").append(format(diagnostic));
            }
        }
        return message.toString();
    }

    /** {@code relative/path:line:column: message}. */
    public String format(Diagnostic diagnostic) {
        var location = diagnostic.location();
        return relative(location.file()) + ":" + location.line() + (location.column() > 0 ? ":"
                + location.column() : "") + ": " + (diagnostic.isError() ? "" : "warning: ") + diagnostic.message();
    }

    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(project.directory()) ? project.directory().relativize(absolute).toString()
                : absolute.toString();
    }

    private static String counts(long errors, long warnings) {
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + plural(errors, " error"));
        }
        if (warnings > 0) {
            parts.add(warnings + plural(warnings, " warning"));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String plural(long count, String word) {
        return count == 1 ? word : word + "s";
    }
}
