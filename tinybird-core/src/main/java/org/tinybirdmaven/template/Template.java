package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed template: the immutable node tree plus the static analyses Tinybird performs on templates (parameter
 * discovery, checks, dependency detection). Obtain one with {@link TemplateParser#parse(String)}.
 */
public final class Template {

    private final String source;
    private final List<Node> nodes;

    Template(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
    }

    /** The text that was parsed. */
    public String source() {
        return source;
    }

    /** The top-level nodes, in source order. */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * The request parameters of the template, one entry per name, following Tinybird's metadata extractor
     * (spec §4.8): a type-function call with a bare name as first argument gives a typed parameter; a name that
     * only appears as first argument of a helper such as {@code defined()} is {@code String} with
     * {@code usedIn = "function_call"}; any other name (also {@code {% set %}}, loop and comprehension variables) is
     * {@code String}. A typed use wins over the others (the first typed use if several), then a plain use over a
     * helper argument. Order: first appearance, where a block's body counts before the block's own statement, as in
     * Tinybird. Python builtins (except {@code id} and {@code format}) and template function names are not
     * parameters when used as plain names.
     */
    public List<TemplateParameter> parameters() {
        return new ParameterCollector().collect(nodes);
    }

    /**
     * Static checks of {@code tinybird:check}: errors for {@code format} or {@code q} used as a variable and for
     * forbidden builtins ({@code open}, {@code eval}, ...); warnings for reserved request-option names
     * ({@code token}, {@code debug}, ...) used as variables and for calls of unknown functions. A template with
     * errors is rejected by Tinybird; warnings are what Tinybird warns about, or fails on only when rendering.
     */
    public List<TemplateProblem> validate() {
        return new TemplateValidator().validate(nodes);
    }

    /** The string-literal arguments of {@code table('...')} / {@code TABLE('...')} calls, in source order. */
    public List<TableCall> tableCalls() {
        List<TableCall> calls = new ArrayList<>();
        AstWalker.walkNodes(nodes, new AstWalker.Visitor() {
            @Override
            public void expression(Expr expression) {
                if (expression instanceof Expr.Call call
                        && call.function() instanceof Expr.Name function
                        && (function.id().equals("table") || function.id().equals("TABLE"))
                        && !call.arguments().isEmpty()
                        && call.arguments().get(0) instanceof Expr.PositionalArgument argument
                        && argument.value() instanceof Expr.Literal literal
                        && literal.value() instanceof String name) {
                    calls.add(new TableCall(name, literal.position().line(), literal.position().column()));
                }
            }
        });
        return calls;
    }
}
