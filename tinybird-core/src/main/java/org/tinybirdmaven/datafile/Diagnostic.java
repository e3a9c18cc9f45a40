package org.tinybirdmaven.datafile;

/** One finding about a datafile: where, how bad, and what. */
public record Diagnostic(Severity severity, Location location, String message) {

    public enum Severity { ERROR, WARNING }

    /** By file, line and column; at the same place, errors before warnings. */
    public static final java.util.Comparator<Diagnostic> BY_POSITION = java.util.Comparator
            .comparing((Diagnostic d) -> d.location().file().toString()).thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column()).thenComparing(Diagnostic::severity);

    public static Diagnostic error(Location location, String message) {
        return new Diagnostic(Severity.ERROR, location, message);
    }

    public static Diagnostic warning(Location location, String message) {
        return new Diagnostic(Severity.WARNING, location, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: message}, the form compilers use so IDEs and CI annotate the line. */
    @Override
    public String toString() {
        return location + ": " + (isError() ? "" : "warning: ") + message;
    }
}
