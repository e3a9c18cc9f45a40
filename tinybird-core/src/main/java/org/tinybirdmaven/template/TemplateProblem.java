package org.tinybirdmaven.template;

/**
 * A finding of {@link Template#validate()}: something Tinybird rejects ({@link Severity#ERROR}) or warns about.
 *
 * @param line 1-based, relative to the template source
 * @param column 1-based
 */
public record TemplateProblem(Severity severity, String reason, int line, int column) {

    public enum Severity {
        ERROR,
        WARNING
    }

    static TemplateProblem at(Severity severity, SourcePosition position, String reason) {
        return new TemplateProblem(severity, reason, position.line(), position.column());
    }
}
