package org.tinybirdmaven.template;

import java.util.List;

/**
 * A piece of a parsed template. Rendering a template means rendering its nodes in order. {@code {# comments #}},
 * {@code {% comment %}} and {@code {% autoescape %}} leave no node. Positions are those of the tag's opening
 * <code>{{</code> / <code>{%</code> (for text: its first character).
 */
public sealed interface Node {

    SourcePosition position();

    /**
     * Literal output, including the <code>{{</code> / <code>{%</code> / <code>{#</code> produced by
     * <code>{{!</code> / <code>{%!</code> / <code>{#!</code>.
     */
    record Text(String text, SourcePosition position) implements Node {}

    /**
     * {@code {{ expression }}} (or {@code {% raw expression %}}): the value is converted to SQL text.
     *
     * @param source the expression text as written, for error messages such as {@code expression "x" evaluated to null}
     */
    record Output(Expr expression, String source, SourcePosition position) implements Node {}

    /**
     * {@code {% if %}} with its {@code {% elif %}} branches; {@code orElse} is empty when there is no
     * {@code {% else %}}.
     */
    record If(List<Branch> branches, List<Node> orElse, SourcePosition position) implements Node {
        public If {
            branches = List.copyOf(branches);
            orElse = List.copyOf(orElse);
        }
    }

    /** The condition and body of an {@code if} or {@code elif}; the position is that of its tag. */
    record Branch(Expr condition, List<Node> body, SourcePosition position) {
        public Branch {
            body = List.copyOf(body);
        }
    }

    /**
     * {@code {% for target in iterable %}}; {@code orElse} runs when the loop ends without {@code break}, as in
     * Python.
     */
    record For(Target target, Expr iterable, List<Node> body, List<Node> orElse, SourcePosition position)
            implements Node {
        public For {
            body = List.copyOf(body);
            orElse = List.copyOf(orElse);
        }
    }

    /** {@code {% while condition %}}; {@code orElse} runs when the loop ends without {@code break}. */
    record While(Expr condition, List<Node> body, List<Node> orElse, SourcePosition position) implements Node {
        public While {
            body = List.copyOf(body);
            orElse = List.copyOf(orElse);
        }
    }

    /**
     * {@code {% try %}} with its {@code except}, {@code else} and {@code finally} parts;
     * {@code orElse} and {@code finallyBody} may be empty.
     */
    record Try(
            List<Node> body, List<Handler> handlers, List<Node> orElse, List<Node> finallyBody, SourcePosition position)
            implements Node {
        public Try {
            body = List.copyOf(body);
            handlers = List.copyOf(handlers);
            orElse = List.copyOf(orElse);
            finallyBody = List.copyOf(finallyBody);
        }
    }

    /**
     * {@code {% except type as name %}}: {@code type} is null for a bare {@code except}, {@code name} is null
     * without {@code as}.
     */
    record Handler(Expr type, String name, List<Node> body, SourcePosition position) {
        public Handler {
            body = List.copyOf(body);
        }
    }

    /** {@code {% set target = value %}} */
    record Assignment(Target target, Expr value, SourcePosition position) implements Node {}

    /** {@code {% set name += value %}} and the other augmented assignments. */
    record AugmentedAssignment(Target.Name target, Expr.BinaryOperator operator, Expr value, SourcePosition position)
            implements Node {}

    /** {@code {% break %}} */
    record Break(SourcePosition position) implements Node {}

    /** {@code {% continue %}} */
    record Continue(SourcePosition position) implements Node {}
}
