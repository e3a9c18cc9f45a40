package org.tinybirdmaven.server.query;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.template.Template;
import org.tinybirdmaven.template.TemplateParser;

/**
 * Tinybird's SQL templates as the server uses them: a node (or a {@code q}) whose first non-blank character is
 * {@code %} is rendered with the request parameters before it is compiled. Everything template-specific the server
 * does goes through this class.
 */
public final class Templates {

    /** Rendering is not wired yet: the evaluator is developed separately; see {@link #render}. */
    public static final class RenderingUnavailable extends ApiException {
        private static final long serialVersionUID = 1L;

        RenderingUnavailable() {
            super(400, "template rendering is not available yet");
        }
    }

    /** The wording of the template parser's block-structure errors, as opposed to Python syntax errors. */
    private static final Pattern TORNADO_REASON = Pattern.compile(
            "\\{%|%}|}}|#}|is forbidden|outside|operator|statement|block");

    private Templates() {}

    /** Whether {@code sql} is a template: its first non-blank character is {@code %}. */
    public static boolean isTemplate(String sql) {
        return !sql.isBlank() && sql.strip().charAt(0) == '%';
    }

    /**
     * Parses a template; positions in errors and in the tree are positions in {@code sql} (the {@code %} marker is
     * blanked out, not removed).
     *
     * @throws org.tinybirdmaven.syntax.SyntaxException when the template is malformed
     */
    public static Template parse(String sql) {
        int marker = sql.indexOf('%');
        return TemplateParser.parse(sql.substring(0, marker) + " " + sql.substring(marker + 1));
    }

    /**
     * A template error as Tinybird words it: {@code Syntax error: <reason>} and the line, written the way the layer
     * that found it writes it: Tornado's block-structure errors say {@code at line N} ({@code Missing {% end %} block
     * for if at line 5}, {@code import is forbidden at line 1}), Python's syntax errors {@code , line N}
     * ({@code invalid syntax, line 1}).
     */
    public static String syntaxError(String reason, int line) {
        boolean tornado = TORNADO_REASON.matcher(reason).find();
        return "Syntax error: " + reason + (tornado ? " at line " : ", line ") + line;
    }

    /**
     * Renders a template with the request parameters ({@code testMode}: with placeholders, as Tinybird does to
     * validate a node when it is saved).
     *
     * @throws RenderingUnavailable always, until the template evaluator is merged
     */
    static String render(String sql, Map<String, List<String>> params, boolean testMode) {
        throw new RenderingUnavailable();
    }
}
