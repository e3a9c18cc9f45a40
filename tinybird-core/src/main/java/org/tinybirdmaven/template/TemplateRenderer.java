package org.tinybirdmaven.template;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a parsed {@link Template} into SQL with request parameters, as Tinybird's server does for endpoints,
 * {@code /v0/sql}, copies and sinks (spec §4, Tinybird's {@code render_sql_template}).
 *
 * <pre>{@code
 * Template template = TemplateParser.parse(sql);
 * RenderResult result = new TemplateRenderer().render(template, Map.of("limit", "10"), RenderMode.REQUEST);
 * run(result.sql(), result.queryParameters(), result.maxThreads());
 * }</pre>
 *
 * <p>Parameters are what the HTTP request carries: a {@code String} per name, or a {@code List<String>} for repeated
 * keys or values already split. (Other Java values are converted: numbers, booleans, maps, lists, null.) As in
 * Tinybird, the value of a parameter whose first typed use is {@code Array(name, 'T')} is split and converted before
 * rendering, so that the template sees a list; {@code job_timestamp} defaults to the current time.
 *
 * <p>Rendering is a sandboxed interpretation of the template's Python: no Python code runs, only the operations
 * implemented here, within the resource limits of {@link RenderOptions}. Errors are {@link TemplateRenderException}s
 * with Tinybird's message and HTTP status. A renderer is immutable and thread-safe; it caches the static analysis of
 * the templates it renders (weakly).
 */
public final class TemplateRenderer {

    private static final Pattern ARRAY_TYPE = Pattern.compile("Array\\((\\w+)\\)");
    private static final DateTimeFormatter JOB_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What rendering needs to know about a template before running it. */
    private record Analysis(
            TinybirdVariables variables,
            Set<String> locals,
            TinybirdVariables.NameUse forbidden,
            List<String> reservedNames,
            Map<String, Integer> lastLines,
            boolean usesLength) {}

    private final RenderOptions options;
    private final Map<Template, Analysis> analyses = Collections.synchronizedMap(new WeakHashMap<>());

    /** A renderer with {@link RenderOptions#defaults()}. */
    public TemplateRenderer() {
        this(RenderOptions.defaults());
    }

    public TemplateRenderer(RenderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Renders with this renderer's options. */
    public RenderResult render(Template template, Map<String, ?> parameters, RenderMode mode) {
        return render(template, parameters, mode, options);
    }

    /**
     * Renders a template.
     *
     * @param parameters request parameters by name: {@code String} or {@code List<String>} values
     * @param mode {@link RenderMode#REQUEST} for an endpoint call, {@link RenderMode#TEST} for the CLI's validation
     * @param options secrets, flags and limits for this rendering
     * @throws TemplateRenderException when the template fails, with Tinybird's message and HTTP status
     */
    public RenderResult render(Template template, Map<String, ?> parameters, RenderMode mode, RenderOptions options) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(options, "options");
        Analysis analysis = analyses.computeIfAbsent(template, TemplateRenderer::analyze);
        if (analysis.forbidden() != null) {
            TinybirdVariables.NameUse use = analysis.forbidden();
            throw new TemplateRenderException("\"" + use.name() + "\" can not be used as a variable name, line "
                    + use.position().line(), 400, "ValueError", TemplateRenderException.DEFAULT_DOCUMENTATION,
                    use.position(), null, null);
        }
        PyRuntime runtime = new PyRuntime(options, mode);
        if (analysis.variables().failure() != null) {
            throw toException(analysis.variables().failure(), analysis, Map.of(), mode, runtime);
        }
        Map<String, Object> variables = variables(parameters == null ? Map.of() : parameters, analysis, options);
        TinybirdFunctions.State state = new TinybirdFunctions.State();
        try {
            TinybirdFunctions functions = new TinybirdFunctions(runtime, state);
            Interpreter interpreter = new Interpreter(runtime, functions, variables, analysis.lastLines());
            String sql = interpreter.render(template.nodes(), analysis.locals());
            return new RenderResult(sql, state.maxThreads, state.cacheTtl, state.backendHint, state.activate,
                    state.disable, state.queryParameters, analysis.reservedNames());
        } catch (PyError e) {
            throw toException(e, analysis, variables, mode, runtime);
        } catch (RenderLimitException e) {
            throw new TemplateRenderException(e.getMessage(), 400, "RenderLimit", null, e.position(), null, null);
        } catch (StackOverflowError e) {
            throw new TemplateRenderException("Template nests too deeply to be rendered", 400, "RenderLimit", null,
                    null, null, null);
        }
    }

    private static Analysis analyze(Template template) {
        TinybirdVariables variables = TinybirdVariables.analyze(template);
        TinybirdVariables.NameUse forbidden = null;
        List<String> reserved = new ArrayList<>();
        Map<String, Integer> lastLines = new HashMap<>();
        for (TinybirdVariables.NameUse use : variables.names()) {
            if (TemplateNames.FORBIDDEN_VARIABLES.contains(use.name())) {
                if (forbidden == null) {
                    forbidden = use;
                }
            } else if (TemplateNames.RESERVED_PARAMETERS.contains(use.name()) && forbidden == null) {
                reserved.add(use.name());
            }
            lastLines.put(use.name(), use.position().line());
        }
        boolean usesLength = lastLines.containsKey("length");
        return new Analysis(variables, Interpreter.localNames(template.nodes()), forbidden, List.copyOf(reserved),
                Map.copyOf(lastLines), usesLength);
    }

    /** Request parameters as template values, with Array pre-splitting and the job_timestamp default. */
    private static Map<String, Object> variables(Map<String, ?> parameters, Analysis analysis, RenderOptions options) {
        Map<String, Object> variables = new LinkedHashMap<>();
        TinybirdFunctions functions = null;
        for (Map.Entry<String, ?> entry : parameters.entrySet()) {
            Object value = PyRuntime.fromJava(entry.getValue());
            String type = analysis.variables().firstType(entry.getKey());
            if (type != null && !(value instanceof PyNone)) {
                Matcher array = ARRAY_TYPE.matcher(type);
                if (array.lookingAt()) {
                    if (functions == null) {
                        // Tinybird converts with the request-mode functions, also in test mode
                        functions = new TinybirdFunctions(new PyRuntime(options, RenderMode.REQUEST),
                                new TinybirdFunctions.State());
                    }
                    Object split = presplit(functions, value, array.group(1));
                    if (split != null) {
                        value = split;
                    }
                }
            }
            variables.put(entry.getKey(), value);
        }
        if (analysis.variables().hasVariable("job_timestamp") && !variables.containsKey("job_timestamp")) {
            variables.put("job_timestamp", LocalDateTime.now(options.clock()).format(JOB_TIMESTAMP));
        }
        return variables;
    }

    /**
     * Tinybird's {@code preprocess_variables}: {@code ast.literal_eval(Array(value, type))}, or null when that fails
     * (the value is then left as sent, and the template's {@code Array()} reports the problem).
     */
    private static Object presplit(TinybirdFunctions functions, Object value, String type) {
        List<Object> elements;
        try {
            elements = functions.arrayElements(value, type, PyNone.NONE, true);
        } catch (PyError | RenderLimitException e) {
            return null;
        }
        if (elements == null) {
            return null;
        }
        PyList list = new PyList();
        for (Object element : elements) {
            if (element instanceof String quoted) {
                list.items.add(literalString(quoted.substring(1, quoted.length() - 1)));
            } else if (element instanceof Boolean || element instanceof java.math.BigInteger) {
                list.items.add(element);
            } else if (element instanceof Double d && !d.isNaN() && !d.isInfinite()) {
                list.items.add(d);
            } else {
                return null;
            }
        }
        return list;
    }

    /** The value of a Python string literal's body (what {@code literal_eval} reads back from an escaped string). */
    private static String literalString(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case '\\' -> out.append('\\');
                case '\'' -> out.append('\'');
                case '"' -> out.append('"');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\n' -> {
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int code = next - '0';
                        for (int k = 0; k < 2 && i + 1 < body.length() && body.charAt(i + 1) >= '0'
                                && body.charAt(i + 1) <= '7'; k++) {
                            code = code * 8 + (body.charAt(++i) - '0');
                        }
                        out.append((char) code);
                    } else {
                        out.append('\\').append(next);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Tinybird's handling of an exception escaping the template ({@code generate}, {@code render_sql_template}). */
    private static TemplateRenderException toException(PyError error, Analysis analysis, Map<String, Object> variables,
            RenderMode mode, PyRuntime runtime) {
        SourcePosition position = error.position();
        PyType type = error.type();
        String text = error.text();
        if (type.isSubclassOf(PyType.SQL_TEMPLATE_CUSTOM_ERROR)) {
            Object payload = error.payload();
            if (payload instanceof PyDict) {
                String body;
                try {
                    body = PyJson.dumps(runtime, payload);
                } catch (PyError e) {
                    return new TemplateRenderException(e.text(), 500, e.type().name(), null, position, null, null);
                }
                return new TemplateRenderException(text, error.code(), type.name(), null, position, body,
                        "application/json; charset=UTF-8");
            }
            if (PyRuntime.isStr(payload)) {
                return new TemplateRenderException(text, error.code(), type.name(), null, position,
                        PyRuntime.strValue(payload), "text/html; charset=UTF-8");
            }
            return new TemplateRenderException("write() only accepts bytes, unicode, and dict objects", 500,
                    "TypeError", null, position, null, null);
        }
        // generate(): UnboundLocalError becomes an SQLTemplateException, TypeError a ValueError
        if (type.isSubclassOf(PyType.UNBOUND_LOCAL_ERROR)) {
            return template(text, null, position);
        }
        boolean valueError = type.isSubclassOf(PyType.VALUE_ERROR);
        if (type.isSubclassOf(PyType.TYPE_ERROR)) {
            if (text.contains("not supported between instances of 'Placeholder' and ")) {
                text = text + ". If you are using a dynamic parameter, you need to wrap it around a valid Data Type "
                        + "(e.g. Int8(placeholder))";
            }
            valueError = true;
        } else if (type.isSubclassOf(PyType.NAME_ERROR)) {
            return template(text, TinybirdFunctions.DOCS + "#defined", position);
        } else if (type.isSubclassOf(PyType.SQL_TEMPLATE_EXCEPTION)) {
            String documentation = error.documentation();
            if (text.contains(TinybirdFunctions.REQUIRED_PARAM_NOT_DEFINED)) {
                String listed = analysis.variables().requiredParameterMessage();
                if (listed != null) {
                    return template(listed, documentation, position);
                }
            }
            return new TemplateRenderException(text, 400, "SQLTemplateException", documentation, position, null,
                    null);
        } else if (type.isSubclassOf(PyType.ATTRIBUTE_ERROR)) {
            if (text.contains("'str' object has no attribute 'get'")) {
                return template("'str' object has no attribute 'get'. Make sure you're using an object/dictionary "
                        + "where trying to use .get()", TinybirdFunctions.DOCS, position);
            }
            return template(text, TinybirdFunctions.DOCS, position);
        } else if (type.isSubclassOf(PyType.INDEX_ERROR)) {
            if (text.contains("string index out of range")) {
                return template("String index out of range. Check that string parameters have values before "
                        + "accessing specific characters (e.g., param[0]). Provide default values or add length "
                        + "checks in your template.", TinybirdFunctions.DOCS, position);
            }
            return template(text, TinybirdFunctions.DOCS, position);
        }
        boolean lengthFalsy = variables.containsKey("length") ? !PyRuntime.truthy(variables.get("length"))
                : analysis.usesLength() && mode == RenderMode.REQUEST;
        if (lengthFalsy) {
            return template("length cannot be used as a variable name or as a function inside of a template", null,
                    position);
        }
        if (text.contains("missing 1 required positional argument")) {
            return template("one of the transform type functions is missing an argument",
                    TinybirdFunctions.DOCS + "#transform-types-functions", position);
        }
        if (text.contains("not callable") || text.contains("unhashable type")) {
            return template("wrong syntax, you might be using a not valid function inside a control block",
                    TinybirdFunctions.DOCS, position);
        }
        if (valueError) {
            return new TemplateRenderException(text, 400, type.isSubclassOf(PyType.TYPE_ERROR) ? "TypeError"
                    : type.name(), TemplateRenderException.DEFAULT_DOCUMENTATION, position, null, null);
        }
        return new TemplateRenderException(text, 500, type.name(), null, position, null, null);
    }

    private static TemplateRenderException template(String message, String documentation, SourcePosition position) {
        return new TemplateRenderException("Template Syntax Error: " + message, 400, "SQLTemplateException",
                documentation, position, null, null);
    }
}
