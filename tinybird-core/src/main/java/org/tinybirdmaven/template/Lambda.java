package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@code lambda}: a closure over the scope it was created in, with Python's argument binding. */
final class Lambda implements PyCallable {
    private final Expr.Lambda definition;
    /** one per parameter: its evaluated default, or null */
    private final List<Object> defaults;
    private final Interpreter.Scope closure;
    private final Interpreter interpreter;
    private final Set<String> names = new HashSet<>();

    Lambda(Expr.Lambda definition, List<Object> defaults, Interpreter.Scope closure, Interpreter interpreter) {
        this.definition = definition;
        this.defaults = defaults;
        this.closure = closure;
        this.interpreter = interpreter;
        definition.parameters().forEach(parameter -> names.add(parameter.name()));
    }

    @Override
    public String name() {
        return "<lambda>";
    }

    @Override
    public String typeName() {
        return "function";
    }

    @Override
    public Object call(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs) {
        Interpreter.Scope scope = new Interpreter.Scope(closure, names);
        bind(scope, args, kwargs);
        runtime.enterCall();
        try {
            return interpreter.eval(definition.body(), scope);
        } finally {
            runtime.exitCall();
        }
    }

    private void bind(Interpreter.Scope scope, List<Object> args, Map<String, Object> kwargs) {
        List<Expr.LambdaParameter> parameters = definition.parameters();
        List<Integer> positional = new ArrayList<>();
        String varArgs = null;
        String varKeywords = null;
        for (int i = 0; i < parameters.size(); i++) {
            switch (parameters.get(i).kind()) {
                case POSITIONAL -> positional.add(i);
                case VAR_POSITIONAL -> varArgs = parameters.get(i).name();
                case VAR_KEYWORD -> varKeywords = parameters.get(i).name();
                default -> {
                }
            }
        }
        if (args.size() > positional.size() && varArgs == null) {
            long required = positional.stream().filter(i -> defaults.get(i) == null).count();
            String expected = required == positional.size() ? String.valueOf(positional.size())
                    : "from " + required + " to " + positional.size();
            throw PyError.of(PyType.TYPE_ERROR, "<lambda>() takes " + expected + " positional argument"
                    + (positional.size() == 1 && required == 1 ? "" : "s") + " but " + args.size()
                    + (args.size() == 1 ? " was" : " were") + " given");
        }
        for (int i = 0; i < Math.min(args.size(), positional.size()); i++) {
            scope.values.put(parameters.get(positional.get(i)).name(), args.get(i));
        }
        if (varArgs != null) {
            scope.values.put(varArgs, new PyTuple(args.size() > positional.size()
                    ? args.subList(positional.size(), args.size()) : List.of()));
        }
        PyDict extra = new PyDict();
        for (Map.Entry<String, Object> entry : kwargs.entrySet()) {
            String name = entry.getKey();
            boolean named = parameters.stream().anyMatch(p -> p.name().equals(name)
                    && (p.kind() == Expr.ParameterKind.POSITIONAL || p.kind() == Expr.ParameterKind.KEYWORD_ONLY));
            if (named) {
                if (scope.values.containsKey(name)) {
                    throw PyError.of(PyType.TYPE_ERROR, "<lambda>() got multiple values for argument '" + name + "'");
                }
                scope.values.put(name, entry.getValue());
            } else if (varKeywords != null) {
                extra.put(name, entry.getValue());
            } else {
                throw PyError.of(PyType.TYPE_ERROR, "<lambda>() got an unexpected keyword argument '" + name + "'");
            }
        }
        if (varKeywords != null) {
            scope.values.put(varKeywords, extra);
        }
        Map<Expr.ParameterKind, List<String>> missing = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Expr.LambdaParameter parameter = parameters.get(i);
            if ((parameter.kind() == Expr.ParameterKind.POSITIONAL
                    || parameter.kind() == Expr.ParameterKind.KEYWORD_ONLY)
                    && !scope.values.containsKey(parameter.name())) {
                if (defaults.get(i) != null) {
                    scope.values.put(parameter.name(), defaults.get(i));
                } else {
                    missing.computeIfAbsent(parameter.kind(), k -> new ArrayList<>()).add("'" + parameter.name() + "'");
                }
            }
        }
        for (Map.Entry<Expr.ParameterKind, List<String>> entry : missing.entrySet()) {
            List<String> list = entry.getValue();
            String joined = list.size() == 1 ? list.get(0)
                    : String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
            String kind = entry.getKey() == Expr.ParameterKind.POSITIONAL ? "positional" : "keyword-only";
            throw PyError.of(PyType.TYPE_ERROR, "<lambda>() missing " + list.size() + " required " + kind
                    + " argument" + (list.size() == 1 ? "" : "s") + ": " + joined);
        }
    }
}
