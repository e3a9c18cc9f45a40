package org.tinybirdmaven.template;

import java.util.List;
import java.util.stream.Collectors;

/** Renders expression trees as compact S-expressions, so that tests can state a tree's shape in one line. */
final class Sexp {

    private Sexp() {}

    /** Parses {@code {{ source }}} and renders the expression. */
    static String of(String source) {
        Node.Output output = (Node.Output) TemplateParser.parse("{{ " + source + " }}").nodes().get(0);
        return of(output.expression());
    }

    static String of(Expr expression) {
        if (expression == null) {
            return "_";
        }
        if (expression instanceof Expr.Literal literal) {
            Object value = literal.value();
            if (value instanceof String text) {
                return "'" + text + "'";
            }
            if (value instanceof Boolean bool) {
                return bool ? "True" : "False";
            }
            return value == null ? "None" : value + (value instanceof Double ? "d" : "");
        }
        if (expression instanceof Expr.Name name) {
            return name.id();
        }
        if (expression instanceof Expr.FormattedString formatted) {
            return list("f", formatted.parts());
        }
        if (expression instanceof Expr.FormattedValue value) {
            String conversion = value.conversion() == Expr.Conversion.NONE
                    ? ""
                    : " !" + value.conversion().name().toLowerCase().charAt(0);
            String spec = value.formatSpec() == null ? "" : " " + of(value.formatSpec());
            return "(fmt " + of(value.value()) + conversion + spec + ")";
        }
        if (expression instanceof Expr.Attribute attribute) {
            return "(. " + of(attribute.value()) + " " + attribute.attribute() + ")";
        }
        if (expression instanceof Expr.Subscript subscript) {
            return "([] " + of(subscript.value()) + " " + of(subscript.index()) + ")";
        }
        if (expression instanceof Expr.Slice slice) {
            return "(: " + of(slice.lower()) + " " + of(slice.upper()) + " " + of(slice.step()) + ")";
        }
        if (expression instanceof Expr.Call call) {
            String arguments =
                    call.arguments().stream().map(argument -> " " + argument(argument)).collect(Collectors.joining());
            return "(call " + of(call.function()) + arguments + ")";
        }
        if (expression instanceof Expr.Unary unary) {
            return "(" + unary.operator().symbol() + " " + of(unary.operand()) + ")";
        }
        if (expression instanceof Expr.Binary binary) {
            return "(" + binary.operator().symbol() + " " + of(binary.left()) + " " + of(binary.right()) + ")";
        }
        if (expression instanceof Expr.Logical logical) {
            return list(logical.operator().name().toLowerCase(), logical.operands());
        }
        if (expression instanceof Expr.Comparison comparison) {
            StringBuilder out = new StringBuilder("(cmp ").append(of(comparison.left()));
            for (int i = 0; i < comparison.operators().size(); i++) {
                out.append(' ').append(comparison.operators().get(i).symbol().replace(' ', '-'))
                        .append(' ').append(of(comparison.comparators().get(i)));
            }
            return out.append(')').toString();
        }
        if (expression instanceof Expr.Conditional conditional) {
            return "(if " + of(conditional.test()) + " " + of(conditional.body()) + " " + of(conditional.orElse())
                    + ")";
        }
        if (expression instanceof Expr.TupleDisplay tuple) {
            return list("tuple", tuple.elements());
        }
        if (expression instanceof Expr.ListDisplay list) {
            return list("list", list.elements());
        }
        if (expression instanceof Expr.SetDisplay set) {
            return list("set", set.elements());
        }
        if (expression instanceof Expr.DictDisplay dict) {
            return "(dict" + dict.entries().stream()
                    .map(e -> e.key() == null ? " **" + of(e.value()) : " " + of(e.key()) + ":" + of(e.value()))
                    .collect(Collectors.joining()) + ")";
        }
        if (expression instanceof Expr.Starred starred) {
            return "(* " + of(starred.value()) + ")";
        }
        if (expression instanceof Expr.Comprehension comprehension) {
            return "(" + comprehension.kind().name().toLowerCase() + "comp " + of(comprehension.element())
                    + clauses(comprehension.clauses()) + ")";
        }
        if (expression instanceof Expr.DictComprehension comprehension) {
            return "(dictcomp " + of(comprehension.key()) + ":" + of(comprehension.value())
                    + clauses(comprehension.clauses()) + ")";
        }
        Expr.Lambda lambda = (Expr.Lambda) expression;
        String parameters = lambda.parameters().stream().map(Sexp::parameter).collect(Collectors.joining(" "));
        return "(lambda (" + parameters + ") " + of(lambda.body()) + ")";
    }

    static String of(Target target) {
        if (target instanceof Target.Name name) {
            return name.id();
        }
        return "(" + ((Target.Tuple) target).elements().stream().map(Sexp::of).collect(Collectors.joining(" ")) + ")";
    }

    private static String list(String head, List<Expr> elements) {
        return "(" + head + elements.stream().map(e -> " " + of(e)).collect(Collectors.joining()) + ")";
    }

    private static String argument(Expr.Argument argument) {
        if (argument instanceof Expr.KeywordArgument keyword) {
            return keyword.name() + "=" + of(keyword.value());
        }
        if (argument instanceof Expr.UnpackedIterable) {
            return "*" + of(argument.value());
        }
        if (argument instanceof Expr.UnpackedMapping) {
            return "**" + of(argument.value());
        }
        return of(argument.value());
    }

    private static String clauses(List<Expr.ComprehensionClause> clauses) {
        return clauses.stream()
                .map(clause -> " (for " + of(clause.target()) + " " + of(clause.iterable())
                        + clause.conditions().stream().map(c -> " (if " + of(c) + ")").collect(Collectors.joining())
                        + ")")
                .collect(Collectors.joining());
    }

    private static String parameter(Expr.LambdaParameter parameter) {
        String prefix = switch (parameter.kind()) {
            case VAR_POSITIONAL -> "*";
            case VAR_KEYWORD -> "**";
            case KEYWORD_ONLY -> "kw:";
            case POSITIONAL -> "";
        };
        return prefix + parameter.name() + (parameter.defaultValue() == null ? "" : "=" + of(parameter.defaultValue()));
    }
}
