package org.tinybirdmaven.ci.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of GitHub Actions expressions the templates may use, evaluated the way the runner does: literals,
 * context properties ({@code a.b}, {@code a['b']}, object filters {@code labels.*.name}), {@code ! == != < <= > >=
 * && ||} with GitHub's loose equality (strings case-insensitive, other mixes compared as numbers), and the functions
 * {@code always success failure cancelled contains startsWith endsWith join format}. Anything else is an error, so
 * a template that needs more fails its tests instead of being run wrongly.
 */
public final class Expressions {

    /** The values of the contexts ({@code github}, {@code inputs} …) and the job status for the status functions. */
    public interface Scope {
        Map<String, Object> contexts();

        boolean jobFailed();
    }

    /** The result of an object filter: property access maps over its elements. */
    private record Filtered(List<Object> items) {}

    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(\\d+(?:\\.\\d+)?)|('(?:[^']|'')*')|([A-Za-z_][\\w-]*)|(==|!=|<=|>=|&&|\\|\\||[!<>().\\[\\],*]))");

    private final List<String> tokens = new ArrayList<>();
    private final String source;
    private final Scope scope;
    private int position;

    private Expressions(String source, Scope scope) {
        this.source = source;
        this.scope = scope;
        Matcher matcher = TOKEN.matcher(source);
        int at = 0;
        while (at < source.length() && !source.substring(at).isBlank()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw error("cannot read '" + source.substring(at).strip() + "'");
            }
            tokens.add(matcher.group().strip());
            at = matcher.end();
        }
    }

    /** Evaluates one expression (the text between {@code ${{} and {@code }}}, or a bare {@code if:}). */
    public static Object evaluate(String expression, Scope scope) {
        Expressions parser = new Expressions(expression, scope);
        Object value = parser.or();
        if (parser.position != parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return value;
    }

    /** Replaces every {@code ${{ … }}} of a string with its value as text. */
    public static String interpolate(String text, Scope scope) {
        Matcher matcher = TEMPLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(text(evaluate(matcher.group(1), scope))));
        }
        return matcher.appendTail(out).toString();
    }

    /**
     * An {@code if:} condition: a bare expression or one {@code ${{ }}}; without a status function it means
     * {@code success() && (…)}, as on GitHub.
     */
    public static boolean condition(String condition, Scope scope) {
        String expression = condition.strip();
        Matcher whole = Pattern.compile("^\\$\\{\\{(.*)}}$", Pattern.DOTALL).matcher(expression);
        if (whole.matches()) {
            expression = whole.group(1);
        }
        if (!expression.matches("(?s).*\\b(always|success|failure|cancelled)\\s*\\(.*")) {
            expression = "success() && (" + expression + ")";
        }
        return truthy(evaluate(expression, scope));
    }

    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Double number) {
            return number != 0 && !number.isNaN();
        }
        if (value instanceof String string) {
            return !string.isEmpty();
        }
        return true;
    }

    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return number == Math.rint(number) && !number.isInfinite() ? Long.toString(number.longValue())
                    : number.toString();
        }
        if (value instanceof Filtered || value instanceof List || value instanceof Map) {
            return value instanceof Map ? "Object" : "Array";
        }
        return value.toString();
    }

    private Object or() {
        Object left = and();
        while (accept("||")) {
            Object right = and();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private Object and() {
        Object left = equality();
        while (accept("&&")) {
            Object right = equality();
            left = truthy(left) ? right : left;
        }
        return left;
    }

    private Object equality() {
        Object left = comparison();
        while (peek("==") || peek("!=")) {
            boolean equal = tokens.get(position++).equals("==");
            left = equal == looseEquals(left, comparison());
        }
        return left;
    }

    private Object comparison() {
        Object left = unary();
        while (peek("<") || peek("<=") || peek(">") || peek(">=")) {
            String operator = tokens.get(position++);
            double a = number(left);
            double b = number(unary());
            left = switch (operator) {
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                default -> a >= b;
            };
        }
        return left;
    }

    private Object unary() {
        if (accept("!")) {
            return !truthy(unary());
        }
        return postfix(primary());
    }

    private Object postfix(Object value) {
        while (true) {
            if (accept(".")) {
                if (accept("*")) {
                    value = filter(value);
                } else {
                    value = property(value, next());
                }
            } else if (accept("[")) {
                if (accept("*")) {
                    value = filter(value);
                } else {
                    value = property(value, text(or()));
                }
                expect("]");
            } else {
                return value;
            }
        }
    }

    private Object primary() {
        String token = next();
        if (token.equals("(")) {
            Object value = or();
            expect(")");
            return value;
        }
        if (token.startsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        if (Character.isDigit(token.charAt(0))) {
            return Double.valueOf(token);
        }
        switch (token) {
            case "true":
                return true;
            case "false":
                return false;
            case "null":
                return null;
            default:
                break;
        }
        if (accept("(")) {
            List<Object> args = new ArrayList<>();
            if (!accept(")")) {
                do {
                    args.add(or());
                } while (accept(","));
                expect(")");
            }
            return call(token, args);
        }
        if (!scope.contexts().containsKey(token)) {
            throw error("context '" + token + "' is not available here (known: " + scope.contexts().keySet() + ")");
        }
        return scope.contexts().get(token);
    }

    private Object call(String function, List<Object> args) {
        return switch (function.toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "success" -> !scope.jobFailed();
            case "failure" -> scope.jobFailed();
            case "cancelled" -> false;
            case "contains" -> contains(args.get(0), args.get(1));
            case "startswith" -> text(args.get(0)).toLowerCase(Locale.ROOT)
                    .startsWith(text(args.get(1)).toLowerCase(Locale.ROOT));
            case "endswith" -> text(args.get(0)).toLowerCase(Locale.ROOT)
                    .endsWith(text(args.get(1)).toLowerCase(Locale.ROOT));
            case "join" -> String.join(args.size() > 1 ? text(args.get(1)) : ",",
                    items(args.get(0)).stream().map(Expressions::text).toList());
            case "format" -> format(args);
            default -> throw error("function " + function + "() is outside the supported subset");
        };
    }

    private static boolean contains(Object haystack, Object needle) {
        if (haystack instanceof List || haystack instanceof Filtered) {
            return items(haystack).stream().anyMatch(item -> looseEquals(item, needle));
        }
        return text(haystack).toLowerCase(Locale.ROOT).contains(text(needle).toLowerCase(Locale.ROOT));
    }

    private static String format(List<Object> args) {
        String out = text(args.get(0));
        for (int i = 1; i < args.size(); i++) {
            out = out.replace("{" + (i - 1) + "}", text(args.get(i)));
        }
        return out;
    }

    private static List<Object> items(Object value) {
        if (value instanceof Filtered filtered) {
            return filtered.items();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value == null ? List.of() : List.of(value);
    }

    private static Object filter(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new Filtered(new ArrayList<>(map.values()));
        }
        return new Filtered(items(value));
    }

    private static Object property(Object value, String name) {
        if (value instanceof Filtered filtered) {
            List<Object> mapped = new ArrayList<>();
            for (Object item : filtered.items()) {
                Object child = property(item, name);
                if (child != null) {
                    mapped.add(child);
                }
            }
            return new Filtered(mapped);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey().toString().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
        }
        if (value instanceof List<?> list && name.matches("\\d+")) {
            int index = Integer.parseInt(name);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    private static boolean looseEquals(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a == null && b == null) {
            return true;
        }
        if (a != null && b != null && a.getClass() == b.getClass()) {
            return a.equals(b);
        }
        // Different types are compared as numbers: null and '' are both 0, so null == '' as on GitHub.
        return number(a) == number(b);
    }

    private static double number(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof Double number) {
            return number;
        }
        if (value instanceof String string) {
            try {
                return string.isBlank() ? 0 : Double.parseDouble(string.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private boolean peek(String token) {
        return position < tokens.size() && tokens.get(position).equals(token);
    }

    private boolean accept(String token) {
        if (peek(token)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private String next() {
        if (position >= tokens.size()) {
            throw error("unexpected end");
        }
        return tokens.get(position++);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("Expression '" + source.strip() + "': " + message);
    }
}
