package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinybirdmaven.template.TemplateProblem.Severity;

/**
 * The checks of {@link Template#validate()}.
 *
 * <p>Variable names are checked the way Tinybird does it, on every identifier the template's Python code
 * references: names, assigned names, exception names and attribute names (so {@code '{}'.format(x)} is rejected
 * for its {@code format}, as by Tinybird); not keyword-argument names ({@code String(x, format='date')} is fine).
 * Functions are checked at calls of plain names; names bound in the template ({@code set}, {@code for},
 * comprehensions, lambda parameters, {@code except ... as}) may be called freely.
 */
final class TemplateValidator {

    private final List<TemplateProblem> problems = new ArrayList<>();

    List<TemplateProblem> validate(List<Node> nodes) {
        Set<String> localNames = localNames(nodes);
        AstWalker.walkNodes(nodes, new AstWalker.Visitor() {
            @Override
            public void node(Node node) {
                if (node instanceof Node.Try tryNode) {
                    for (Node.Handler handler : tryNode.handlers()) {
                        if (handler.name() != null) {
                            checkVariable(handler.name(), handler.position());
                        }
                    }
                }
            }

            @Override
            public void expression(Expr expression) {
                if (expression instanceof Expr.Name name) {
                    checkVariable(name.id(), name.position());
                } else if (expression instanceof Expr.Attribute attribute) {
                    checkVariable(attribute.attribute(), attribute.position());
                } else if (expression instanceof Expr.Call call
                        && call.function() instanceof Expr.Name function
                        && !localNames.contains(function.id())) {
                    checkFunction(function);
                }
            }

            @Override
            public void boundName(Target.Name name) {
                checkVariable(name.id(), name.position());
            }
        });
        return List.copyOf(problems);
    }

    private void checkVariable(String name, SourcePosition position) {
        if (TemplateNames.FORBIDDEN_VARIABLES.contains(name)) {
            problems.add(TemplateProblem.at(
                    Severity.ERROR, position, "\"" + name + "\" can not be used as a variable name"));
        } else if (TemplateNames.RESERVED_PARAMETERS.contains(name)) {
            problems.add(TemplateProblem.at(Severity.WARNING, position, "The parameter name \"" + name
                    + "\" is a reserved word. Please, choose another name or the pipe will not work as expected."));
        }
    }

    private void checkFunction(Expr.Name function) {
        String name = function.id();
        if (TemplateNames.FORBIDDEN_BUILTINS.contains(name)) {
            problems.add(TemplateProblem.at(
                    Severity.ERROR, function.position(), "\"" + name + "\" is forbidden in templates"));
        } else if (!TemplateNames.KNOWN_FUNCTIONS.contains(name) && !TemplateNames.FORBIDDEN_VARIABLES.contains(name)) {
            problems.add(TemplateProblem.at(
                    Severity.WARNING, function.position(), "'" + name + "' is not a valid function"));
        }
    }

    private static Set<String> localNames(List<Node> nodes) {
        Set<String> names = new HashSet<>();
        AstWalker.walkNodes(nodes, new AstWalker.Visitor() {
            @Override
            public void node(Node node) {
                if (node instanceof Node.Try tryNode) {
                    tryNode.handlers().stream()
                            .filter(handler -> handler.name() != null)
                            .forEach(handler -> names.add(handler.name()));
                }
            }

            @Override
            public void expression(Expr expression) {
                if (expression instanceof Expr.Lambda lambda) {
                    lambda.parameters().forEach(parameter -> names.add(parameter.name()));
                }
            }

            @Override
            public void boundName(Target.Name name) {
                names.add(name.id());
            }
        });
        return names;
    }
}
