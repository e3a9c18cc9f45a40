package org.tinybirdmaven.template;

import java.util.List;

/** Visits every expression and bound name of a template in source order. */
final class AstWalker {

    interface Visitor {
        /** Called for every expression node, parents before children. */
        default void expression(Expr expression) {}

        /** Called for every name bound by {@code set}, {@code for} or a comprehension. */
        default void boundName(Target.Name name) {}

        /** Called for every node, before its parts. */
        default void node(Node node) {}
    }

    private AstWalker() {}

    static void walkNodes(List<Node> nodes, Visitor visitor) {
        for (Node node : nodes) {
            walkNode(node, visitor);
        }
    }

    private static void walkNode(Node node, Visitor visitor) {
        visitor.node(node);
        if (node instanceof Node.Output output) {
            walkExpression(output.expression(), visitor);
        } else if (node instanceof Node.If ifNode) {
            for (Node.Branch branch : ifNode.branches()) {
                walkExpression(branch.condition(), visitor);
                walkNodes(branch.body(), visitor);
            }
            walkNodes(ifNode.orElse(), visitor);
        } else if (node instanceof Node.For forNode) {
            walkTarget(forNode.target(), visitor);
            walkExpression(forNode.iterable(), visitor);
            walkNodes(forNode.body(), visitor);
            walkNodes(forNode.orElse(), visitor);
        } else if (node instanceof Node.While whileNode) {
            walkExpression(whileNode.condition(), visitor);
            walkNodes(whileNode.body(), visitor);
            walkNodes(whileNode.orElse(), visitor);
        } else if (node instanceof Node.Try tryNode) {
            walkNodes(tryNode.body(), visitor);
            for (Node.Handler handler : tryNode.handlers()) {
                if (handler.type() != null) {
                    walkExpression(handler.type(), visitor);
                }
                walkNodes(handler.body(), visitor);
            }
            walkNodes(tryNode.orElse(), visitor);
            walkNodes(tryNode.finallyBody(), visitor);
        } else if (node instanceof Node.Assignment assignment) {
            walkTarget(assignment.target(), visitor);
            walkExpression(assignment.value(), visitor);
        } else if (node instanceof Node.AugmentedAssignment assignment) {
            walkTarget(assignment.target(), visitor);
            walkExpression(assignment.value(), visitor);
        }
    }

    static void walkTarget(Target target, Visitor visitor) {
        if (target instanceof Target.Name name) {
            visitor.boundName(name);
        } else {
            ((Target.Tuple) target).elements().forEach(element -> walkTarget(element, visitor));
        }
    }

    static void walkExpression(Expr expression, Visitor visitor) {
        if (expression == null) {
            return;
        }
        visitor.expression(expression);
        if (expression instanceof Expr.FormattedString formatted) {
            formatted.parts().forEach(part -> walkExpression(part, visitor));
        } else if (expression instanceof Expr.FormattedValue value) {
            walkExpression(value.value(), visitor);
            walkExpression(value.formatSpec(), visitor);
        } else if (expression instanceof Expr.Attribute attribute) {
            walkExpression(attribute.value(), visitor);
        } else if (expression instanceof Expr.Subscript subscript) {
            walkExpression(subscript.value(), visitor);
            walkExpression(subscript.index(), visitor);
        } else if (expression instanceof Expr.Slice slice) {
            walkExpression(slice.lower(), visitor);
            walkExpression(slice.upper(), visitor);
            walkExpression(slice.step(), visitor);
        } else if (expression instanceof Expr.Call call) {
            walkExpression(call.function(), visitor);
            call.arguments().forEach(argument -> walkExpression(argument.value(), visitor));
        } else if (expression instanceof Expr.Unary unary) {
            walkExpression(unary.operand(), visitor);
        } else if (expression instanceof Expr.Binary binary) {
            walkExpression(binary.left(), visitor);
            walkExpression(binary.right(), visitor);
        } else if (expression instanceof Expr.Logical logical) {
            logical.operands().forEach(operand -> walkExpression(operand, visitor));
        } else if (expression instanceof Expr.Comparison comparison) {
            walkExpression(comparison.left(), visitor);
            comparison.comparators().forEach(operand -> walkExpression(operand, visitor));
        } else if (expression instanceof Expr.Conditional conditional) {
            walkExpression(conditional.body(), visitor);
            walkExpression(conditional.test(), visitor);
            walkExpression(conditional.orElse(), visitor);
        } else if (expression instanceof Expr.TupleDisplay tuple) {
            tuple.elements().forEach(element -> walkExpression(element, visitor));
        } else if (expression instanceof Expr.ListDisplay list) {
            list.elements().forEach(element -> walkExpression(element, visitor));
        } else if (expression instanceof Expr.SetDisplay set) {
            set.elements().forEach(element -> walkExpression(element, visitor));
        } else if (expression instanceof Expr.DictDisplay dict) {
            for (Expr.DictEntry entry : dict.entries()) {
                walkExpression(entry.key(), visitor);
                walkExpression(entry.value(), visitor);
            }
        } else if (expression instanceof Expr.Starred starred) {
            walkExpression(starred.value(), visitor);
        } else if (expression instanceof Expr.Comprehension comprehension) {
            walkExpression(comprehension.element(), visitor);
            walkClauses(comprehension.clauses(), visitor);
        } else if (expression instanceof Expr.DictComprehension comprehension) {
            walkExpression(comprehension.key(), visitor);
            walkExpression(comprehension.value(), visitor);
            walkClauses(comprehension.clauses(), visitor);
        } else if (expression instanceof Expr.Lambda lambda) {
            lambda.parameters().forEach(parameter -> walkExpression(parameter.defaultValue(), visitor));
            walkExpression(lambda.body(), visitor);
        }
    }

    private static void walkClauses(List<Expr.ComprehensionClause> clauses, Visitor visitor) {
        for (Expr.ComprehensionClause clause : clauses) {
            walkTarget(clause.target(), visitor);
            walkExpression(clause.iterable(), visitor);
            clause.conditions().forEach(condition -> walkExpression(condition, visitor));
        }
    }
}
