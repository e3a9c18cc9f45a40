package org.tinybirdmaven.server.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.syntax.SyntaxException;
import org.tinybirdmaven.template.RenderMode;
import org.tinybirdmaven.template.Template;
import org.tinybirdmaven.template.TemplateParser;
import org.tinybirdmaven.template.TemplateRenderException;
import org.tinybirdmaven.template.TemplateRenderer;

/**
 * Tinybird's SQL templates as the server uses them: a node (or a {@code q}) whose first non-blank character is
 * {@code %} is rendered with the request parameters before it is compiled. Everything template-specific the server
 * does goes through this class.
 */
public final class Templates {

    /**
     * {@code custom_error(payload, code)} in a template: the response is the payload itself, with its status and
     * content type, not Tinybird's error envelope.
     */
    public static final class CustomError extends ApiException {
        private static final long serialVersionUID = 1L;

        private final String body;
        private final String contentType;

        CustomError(int status, String body, String contentType) {
            super(status, body);
            this.body = body;
            this.contentType = contentType;
        }

        /** The response to send. */
        public ApiResponse response() {
            return ApiResponse.text(status(), contentType, body);
        }
    }

    private static final TemplateRenderer RENDERER = new TemplateRenderer();
    private static final String DOCUMENTATION_SITE = "https://docs.tinybird.co";
    /** Request options that are never template variables. */
    private static final Set<String> NOT_VARIABLES = Set.of("token", "q");

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
     * Renders a template with the request parameters: {@code testMode} renders parameters that were not sent as
     * placeholders (Tinybird's validation when a pipe is saved, and the Query API), otherwise they are missing (an
     * endpoint call).
     *
     * @param suffix appended to syntax errors: the node the template belongs to
     * @throws ApiException 400 for a malformed template, the status Tinybird gives for a failing rendering
     * @throws CustomError when the template calls {@code custom_error()}
     */
    static String render(String sql, Map<String, List<String>> params, boolean testMode, String suffix) {
        Template template;
        try {
            template = parse(sql);
        } catch (SyntaxException e) {
            throw ApiException.badRequest(syntaxError(e.reason(), e.line()) + suffix);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (!NOT_VARIABLES.contains(name) && !values.isEmpty()) {
                variables.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
            }
        });
        try {
            return RENDERER.render(template, variables, testMode ? RenderMode.TEST : RenderMode.REQUEST).sql();
        } catch (TemplateRenderException e) {
            if (e.isCustomError()) {
                throw new CustomError(e.status(), e.customErrorBody(), e.customErrorContentType());
            }
            Map<String, Object> extra = e.documentation() == null ? Map.of()
                    : Map.of("documentation", e.documentation().startsWith("/")
                            ? DOCUMENTATION_SITE + e.documentation() : e.documentation());
            throw new ApiException(e.status(), e.getMessage(), extra);
        }
    }
}
