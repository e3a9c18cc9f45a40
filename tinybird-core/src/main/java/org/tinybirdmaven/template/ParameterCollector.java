package org.tinybirdmaven.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parameter discovery (spec §4.8); see {@link Template#parameters()} for the rules. */
final class ParameterCollector {

    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf(9007199254740991L);

    private static final String FUNCTION_CALL = "function_call";

    /** How much an occurrence of a name tells about its parameter: a higher rank replaces a lower one. */
    private enum Rank {
        HELPER_ARGUMENT,
        PLAIN,
        TYPED
    }

    private record Occurrence(Rank rank, TemplateParameter parameter) {}

    private final Map<String, Occurrence> parameters = new LinkedHashMap<>();
    /** Names already accounted for by their enclosing call (callees, first arguments of type functions/helpers). */
    private final Set<Expr> claimedNames = Collections.newSetFromMap(new IdentityHashMap<>());

    private final AstWalker.Visitor visitor = new AstWalker.Visitor() {
        @Override
        public void expression(Expr expression) {
            if (expression instanceof Expr.Call call && call.function() instanceof Expr.Name function) {
                claimedNames.add(function);
                call(call, function.id());
            } else if (expression instanceof Expr.Name name
                    && !claimedNames.contains(name)
                    && !TemplateNames.NOT_PARAMETERS.contains(name.id())) {
                add(name.id(), Rank.PLAIN, untyped(name.id(), null));
            }
        }

        @Override
        public void boundName(Target.Name name) {
            if (!TemplateNames.NOT_PARAMETERS.contains(name.id())) {
                add(name.id(), Rank.PLAIN, untyped(name.id(), null));
            }
        }
    };

    List<TemplateParameter> collect(List<Node> nodes) {
        nodes(nodes);
        return parameters.values().stream().map(Occurrence::parameter).toList();
    }

    /** Tinybird's order: a block's body (and its elif/except parts, in place) before the block's own statement. */
    private void nodes(List<Node> nodes) {
        for (Node node : nodes) {
            if (node instanceof Node.Output output) {
                expression(output.expression());
            } else if (node instanceof Node.If ifNode) {
                List<Node.Branch> branches = ifNode.branches();
                nodes(branches.get(0).body());
                for (Node.Branch branch : branches.subList(1, branches.size())) {
                    expression(branch.condition());
                    nodes(branch.body());
                }
                nodes(ifNode.orElse());
                expression(branches.get(0).condition());
            } else if (node instanceof Node.For forNode) {
                nodes(forNode.body());
                nodes(forNode.orElse());
                AstWalker.walkTarget(forNode.target(), visitor);
                expression(forNode.iterable());
            } else if (node instanceof Node.While whileNode) {
                nodes(whileNode.body());
                nodes(whileNode.orElse());
                expression(whileNode.condition());
            } else if (node instanceof Node.Try tryNode) {
                nodes(tryNode.body());
                for (Node.Handler handler : tryNode.handlers()) {
                    if (handler.type() != null) {
                        expression(handler.type());
                    }
                    nodes(handler.body());
                }
                nodes(tryNode.orElse());
                nodes(tryNode.finallyBody());
            } else if (node instanceof Node.Assignment assignment) {
                AstWalker.walkTarget(assignment.target(), visitor);
                expression(assignment.value());
            } else if (node instanceof Node.AugmentedAssignment assignment) {
                AstWalker.walkTarget(assignment.target(), visitor);
                expression(assignment.value());
            }
        }
    }

    private void expression(Expr expression) {
        AstWalker.walkExpression(expression, visitor);
    }

    private void call(Expr.Call call, String function) {
        boolean typeFunction = TemplateNames.TYPE_FUNCTIONS.contains(function);
        if (!typeFunction && !TemplateNames.PARAMETER_HELPERS.contains(function)
                || call.arguments().isEmpty()
                || !(call.arguments().get(0) instanceof Expr.PositionalArgument first)
                || !(first.value() instanceof Expr.Name name)) {
            return;
        }
        claimedNames.add(name);
        if (typeFunction) {
            add(name.id(), Rank.TYPED, typed(name.id(), function, call.arguments()));
        } else {
            add(name.id(), Rank.HELPER_ARGUMENT, untyped(name.id(), FUNCTION_CALL));
        }
    }

    private void add(String name, Rank rank, TemplateParameter parameter) {
        Occurrence existing = parameters.get(name);
        if (existing == null || rank.compareTo(existing.rank()) > 0) {
            parameters.put(name, new Occurrence(rank, parameter));
        }
    }

    private static TemplateParameter untyped(String name, String usedIn) {
        return new TemplateParameter(name, "String", null, null, null, List.of(), null, null, usedIn);
    }

    /**
     * {@code Type(name, default, description=..., ...)}; for {@code Array(name, 'T', default, ...)} the type is
     * {@code Array(T)}.
     */
    private static TemplateParameter typed(String name, String function, List<Expr.Argument> arguments) {
        List<Expr> positional = new ArrayList<>();
        Map<String, Expr> keywords = new HashMap<>();
        for (Expr.Argument argument : arguments) {
            if (argument instanceof Expr.PositionalArgument value) {
                positional.add(value.value());
            } else if (argument instanceof Expr.KeywordArgument keyword) {
                keywords.put(keyword.name(), keyword.value());
            }
        }
        boolean array = function.equals("Array");
        String type = array ? "Array(" + arrayElementType(positional, keywords) + ")" : function;
        int defaultIndex = array ? 2 : 1;
        Expr defaultValue = keywords.containsKey("default")
                ? keywords.get("default")
                : positional.size() > defaultIndex ? positional.get(defaultIndex) : null;
        return new TemplateParameter(
                name,
                type,
                literalValue(defaultValue),
                literalValue(keywords.get("description")) instanceof String description ? description : null,
                literalValue(keywords.get("required")) instanceof Boolean required ? required : null,
                literalValue(keywords.get("enum")) instanceof List<?> values
                        ? new ArrayList<Object>(values)
                        : List.of(),
                literalValue(keywords.get("example")),
                literalValue(keywords.get("format")) instanceof String format ? format : null,
                null);
    }

    /** The element type: a string literal, or the name written unquoted by mistake (as Tinybird reads it). */
    private static String arrayElementType(List<Expr> positional, Map<String, Expr> keywords) {
        Expr type = keywords.containsKey("_type")
                ? keywords.get("_type")
                : positional.size() > 1 ? positional.get(1) : null;
        if (type instanceof Expr.Literal literal && literal.value() instanceof String text) {
            return text;
        }
        if (type instanceof Expr.Name typeName) {
            return typeName.id();
        }
        return "String";
    }

    /**
     * The Java value of a literal ({@code -1} and lists of literals included); {@code null} for anything computed.
     * Integers above 2^53−1 (or beyond {@code long}) become strings, as JSON consumers would lose precision.
     */
    private static Object literalValue(Expr expression) {
        if (expression instanceof Expr.Literal literal) {
            return literal.value() instanceof BigInteger integer ? integer(integer) : literal.value();
        }
        if (expression instanceof Expr.Unary unary
                && unary.operand() instanceof Expr.Literal literal
                && (unary.operator() == Expr.UnaryOperator.NEGATE || unary.operator() == Expr.UnaryOperator.PLUS)) {
            boolean negate = unary.operator() == Expr.UnaryOperator.NEGATE;
            if (literal.value() instanceof BigInteger integer) {
                return integer(negate ? integer.negate() : integer);
            }
            if (literal.value() instanceof Double number) {
                return negate ? -number : number;
            }
        }
        List<Expr> elements = expression instanceof Expr.ListDisplay list ? list.elements()
                : expression instanceof Expr.TupleDisplay tuple ? tuple.elements()
                : null;
        if (elements != null) {
            List<Object> values = new ArrayList<>();
            elements.forEach(element -> values.add(literalValue(element)));
            return Collections.unmodifiableList(values);
        }
        return null;
    }

    private static Object integer(BigInteger value) {
        if (value.compareTo(MAX_SAFE_INTEGER) > 0 || value.bitLength() >= Long.SIZE) {
            return value.toString();
        }
        return value.longValue();
    }
}
