package org.tinybirdmaven.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes a parsed template: a tree-walking interpreter for the Python subset of {@link Expr} and the statements of
 * {@link Node}, with Python's scoping as in the function Tornado compiles a template into.
 *
 * <p>Scopes: names bound by <code>{% set %}</code>, <code>{% for %}</code> and {@code except ... as} anywhere in the
 * template are local to the whole template (reading one before it is bound raises {@code UnboundLocalError}, even if
 * a request parameter has the same name); comprehensions and lambdas have their own scope and see the enclosing ones.
 * Other names are looked up in this order: Tinybird's functions, request parameters, {@code id}/{@code open}/...
 * (None), Python builtins, and finally — for a parameter that was not sent — {@code None} (request mode) or a
 * {@link Placeholder} (test mode).
 *
 * <p>Every evaluated expression, statement and iterated element costs one step of the {@link PyRuntime} budget; loop
 * iterations, output size, string and collection sizes, integer sizes and lambda call depth are limited too.
 */
final class Interpreter {

    private enum Flow {
        NORMAL,
        BREAK,
        CONTINUE
    }

    /** A Python scope: the template's function scope, a comprehension or a lambda call. */
    static final class Scope {
        final Scope parent;
        final Set<String> owned;
        final Map<String, Object> values = new HashMap<>();

        Scope(Scope parent, Set<String> owned) {
            this.parent = parent;
            this.owned = owned;
        }
    }

    private static final Set<String> NONE_NAMES = Set.of("id", "open", "close", "print", "input");

    private final PyRuntime runtime;
    private final TinybirdFunctions functions;
    private final Map<String, Object> variables;
    private final Map<String, Integer> placeholderLines;
    private final Map<String, Placeholder> placeholders = new HashMap<>();
    private final boolean escapeArrays;
    private final StringBuilder output = new StringBuilder();

    Interpreter(PyRuntime runtime, TinybirdFunctions functions, Map<String, Object> variables,
            Map<String, Integer> placeholderLines) {
        this.runtime = runtime;
        this.functions = functions;
        this.variables = variables;
        this.placeholderLines = placeholderLines;
        this.escapeArrays = runtime.options.escapeArrays();
    }

    /** Renders the template's nodes and returns the SQL. */
    String render(List<Node> nodes, Set<String> templateLocals) {
        exec(nodes, new Scope(null, templateLocals));
        return output.toString();
    }

    /** The names a template binds at its top level (its local variables). */
    static Set<String> localNames(List<Node> nodes) {
        Set<String> names = new HashSet<>();
        collectLocals(nodes, names);
        return Set.copyOf(names);
    }

    private static void collectLocals(List<Node> nodes, Set<String> names) {
        for (Node node : nodes) {
            if (node instanceof Node.Assignment assignment) {
                targetNames(assignment.target(), names);
            } else if (node instanceof Node.AugmentedAssignment assignment) {
                names.add(assignment.target().id());
            } else if (node instanceof Node.For forNode) {
                targetNames(forNode.target(), names);
                collectLocals(forNode.body(), names);
                collectLocals(forNode.orElse(), names);
            } else if (node instanceof Node.If ifNode) {
                ifNode.branches().forEach(branch -> collectLocals(branch.body(), names));
                collectLocals(ifNode.orElse(), names);
            } else if (node instanceof Node.While whileNode) {
                collectLocals(whileNode.body(), names);
                collectLocals(whileNode.orElse(), names);
            } else if (node instanceof Node.Try tryNode) {
                collectLocals(tryNode.body(), names);
                for (Node.Handler handler : tryNode.handlers()) {
                    if (handler.name() != null) {
                        names.add(handler.name());
                    }
                    collectLocals(handler.body(), names);
                }
                collectLocals(tryNode.orElse(), names);
                collectLocals(tryNode.finallyBody(), names);
            }
        }
    }

    static void targetNames(Target target, Set<String> names) {
        if (target instanceof Target.Name name) {
            names.add(name.id());
        } else {
            ((Target.Tuple) target).elements().forEach(element -> targetNames(element, names));
        }
    }

    // ============================================================================================ statements

    private Flow exec(List<Node> nodes, Scope scope) {
        for (Node node : nodes) {
            runtime.step();
            Flow flow;
            try {
                flow = execNode(node, scope);
            } catch (PyError e) {
                throw e.at(node.position());
            } catch (RenderLimitException e) {
                throw e.at(node.position());
            }
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow execNode(Node node, Scope scope) {
        if (node instanceof Node.Text text) {
            append(text.text());
            return Flow.NORMAL;
        }
        if (node instanceof Node.Output out) {
            Object value = eval(out.expression(), scope);
            append(SqlRendering.output(runtime, value, out.source(), escapeArrays));
            return Flow.NORMAL;
        }
        if (node instanceof Node.If ifNode) {
            for (Node.Branch branch : ifNode.branches()) {
                boolean taken;
                try {
                    taken = PyRuntime.truthy(eval(branch.condition(), scope));
                } catch (PyError e) {
                    throw e.at(branch.position());
                }
                if (taken) {
                    return exec(branch.body(), scope);
                }
            }
            return exec(ifNode.orElse(), scope);
        }
        if (node instanceof Node.For forNode) {
            Iterator<Object> iterator = runtime.iterate(eval(forNode.iterable(), scope));
            while (iterator.hasNext()) {
                Object item = iterator.next();
                runtime.loopIteration();
                assign(forNode.target(), item, scope);
                if (exec(forNode.body(), scope) == Flow.BREAK) {
                    return Flow.NORMAL;
                }
            }
            return exec(forNode.orElse(), scope);
        }
        if (node instanceof Node.While whileNode) {
            while (PyRuntime.truthy(eval(whileNode.condition(), scope))) {
                runtime.loopIteration();
                if (exec(whileNode.body(), scope) == Flow.BREAK) {
                    return Flow.NORMAL;
                }
            }
            return exec(whileNode.orElse(), scope);
        }
        if (node instanceof Node.Try tryNode) {
            return execTry(tryNode, scope);
        }
        if (node instanceof Node.Assignment assignment) {
            assign(assignment.target(), eval(assignment.value(), scope), scope);
            return Flow.NORMAL;
        }
        if (node instanceof Node.AugmentedAssignment assignment) {
            String name = assignment.target().id();
            Object current = lookup(name, scope);
            Object value = eval(assignment.value(), scope);
            scope.values.put(name, inPlace(assignment.operator(), current, value));
            return Flow.NORMAL;
        }
        if (node instanceof Node.Break) {
            return Flow.BREAK;
        }
        return Flow.CONTINUE;
    }

    private Flow execTry(Node.Try tryNode, Scope scope) {
        Flow result = Flow.NORMAL;
        PyError pending = null;
        boolean raised = false;
        try {
            result = exec(tryNode.body(), scope);
        } catch (PyError e) {
            raised = true;
            Node.Handler handler = null;
            try {
                handler = handlerFor(tryNode, e, scope);
            } catch (PyError matching) {
                pending = matching;
            }
            if (handler == null && pending == null) {
                pending = e;
            } else if (handler != null) {
                try {
                    if (handler.name() != null) {
                        scope.values.put(handler.name(), e.exception());
                    }
                    result = exec(handler.body(), scope);
                } catch (PyError inHandler) {
                    pending = inHandler;
                } finally {
                    if (handler.name() != null) {
                        scope.values.remove(handler.name());
                    }
                }
            }
        }
        if (!raised && result == Flow.NORMAL) {
            try {
                result = exec(tryNode.orElse(), scope);
            } catch (PyError e) {
                pending = e;
            }
        }
        Flow finallyFlow = exec(tryNode.finallyBody(), scope);
        if (finallyFlow != Flow.NORMAL) {
            return finallyFlow;
        }
        if (pending != null) {
            throw pending;
        }
        return result;
    }

    private Node.Handler handlerFor(Node.Try tryNode, PyError error, Scope scope) {
        for (Node.Handler handler : tryNode.handlers()) {
            if (handler.type() == null) {
                return handler;
            }
            Object type;
            try {
                type = eval(handler.type(), scope);
            } catch (PyError e) {
                throw e.at(handler.position());
            }
            if (matches(error.type(), type)) {
                return handler;
            }
        }
        return null;
    }

    private static boolean matches(PyType raised, Object type) {
        if (type instanceof PyTuple tuple) {
            for (Object item : tuple.items) {
                if (matches(raised, item)) {
                    return true;
                }
            }
            return false;
        }
        if (!(type instanceof PyType pyType) || !pyType.isException()) {
            throw PyError.of(PyType.TYPE_ERROR, "catching classes that do not inherit from BaseException is not allowed");
        }
        return raised.isSubclassOf(pyType);
    }

    private Object inPlace(Expr.BinaryOperator operator, Object current, Object value) {
        if (current instanceof PyList list) {
            if (operator == Expr.BinaryOperator.ADD) {
                List<Object> added = runtime.toList(value);
                runtime.checkCollectionSize((long) list.items.size() + added.size());
                list.items.addAll(added);
                return list;
            }
            if (operator == Expr.BinaryOperator.MULTIPLY) {
                PyList repeated = (PyList) runtime.binary(operator, list, value);
                list.items.clear();
                list.items.addAll(repeated.items);
                return list;
            }
        }
        if (current instanceof PySet set && value instanceof PySet other) {
            PySet result = switch (operator) {
                case BIT_OR, BIT_AND, BIT_XOR -> (PySet) PyMethods.setOperation(runtime, operator, set, other);
                case SUBTRACT -> PyMethods.setDifference(runtime, set, other);
                default -> null;
            };
            if (result != null) {
                set.elements.clear();
                set.elements.addAll(result.elements);
                return set;
            }
        }
        if (current instanceof PyDict dict && value instanceof PyDict other
                && operator == Expr.BinaryOperator.BIT_OR) {
            dict.map.putAll(other.map);
            runtime.checkCollectionSize(dict.map.size());
            return dict;
        }
        try {
            return runtime.binary(operator, current, value);
        } catch (PyError e) {
            String prefix = "unsupported operand type(s) for " + operator.symbol() + ":";
            if (e.type() == PyType.TYPE_ERROR && e.text().startsWith(prefix)) {
                throw PyError.of(PyType.TYPE_ERROR, "unsupported operand type(s) for " + operator.symbol() + "=:"
                        + e.text().substring(prefix.length()));
            }
            throw e;
        }
    }

    private void append(String text) {
        if ((long) output.length() + text.length() > runtime.options.maxOutputChars()) {
            throw new RenderLimitException("Template output exceeds the limit of " + runtime.options.maxOutputChars()
                    + " characters");
        }
        output.append(text);
    }

    /** Binds a name or unpacks a value into a tuple of targets. */
    void assign(Target target, Object value, Scope scope) {
        if (target instanceof Target.Name name) {
            scope.values.put(name.id(), value);
            return;
        }
        List<Target> targets = ((Target.Tuple) target).elements();
        if (!(value instanceof PyList || value instanceof PyTuple || PyRuntime.isStr(value)
                || value instanceof PyDict || value instanceof PySet || value instanceof PyRange
                || value instanceof PyIterator || value instanceof DictView || value instanceof Placeholder)) {
            throw PyError.of(PyType.TYPE_ERROR, "cannot unpack non-iterable " + PyRuntime.typeName(value) + " object");
        }
        Iterator<Object> iterator = runtime.iterate(value);
        List<Object> items = new ArrayList<>(targets.size());
        while (iterator.hasNext() && items.size() <= targets.size()) {
            items.add(iterator.next());
        }
        if (items.size() < targets.size()) {
            throw PyError.of(PyType.VALUE_ERROR, "not enough values to unpack (expected " + targets.size() + ", got "
                    + items.size() + ")");
        }
        if (items.size() > targets.size()) {
            throw PyError.of(PyType.VALUE_ERROR, "too many values to unpack (expected " + targets.size() + ")");
        }
        for (int i = 0; i < targets.size(); i++) {
            assign(targets.get(i), items.get(i), scope);
        }
    }

    // ============================================================================================ names

    Object lookup(String name, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            if (s.owned.contains(name)) {
                Object value = s.values.get(name);
                if (value != null) {
                    return value;
                }
                if (s == scope) {
                    throw PyError.of(PyType.UNBOUND_LOCAL_ERROR,
                            "cannot access local variable '" + name + "' where it is not associated with a value");
                }
                throw PyError.of(PyType.NAME_ERROR, "cannot access free variable '" + name
                        + "' where it is not associated with a value in enclosing scope");
            }
        }
        return global(name);
    }

    private Object global(String name) {
        Object function = functions.lookup(name);
        if (function != null) {
            return function;
        }
        Object variable = variables.get(name);
        if (variable != null) {
            return variable;
        }
        if (NONE_NAMES.contains(name)) {
            return PyNone.NONE;
        }
        Object builtin = PyBuiltins.lookup(name);
        if (builtin != null) {
            return builtin;
        }
        if (runtime.mode == RenderMode.TEST) {
            return placeholders.computeIfAbsent(name, n -> new Placeholder(n, placeholderLines.getOrDefault(n, 0)));
        }
        return PyNone.NONE;
    }

    // ============================================================================================ expressions

    Object eval(Expr e, Scope scope) {
        runtime.step();
        try {
            return evalInner(e, scope);
        } catch (PyError error) {
            throw error.at(e.position());
        } catch (RenderLimitException error) {
            throw error.at(e.position());
        }
    }

    private Object evalInner(Expr e, Scope scope) {
        if (e instanceof Expr.Name name) {
            return lookup(name.id(), scope);
        }
        if (e instanceof Expr.Literal literal) {
            Object value = literal.value();
            if (value == null) {
                return PyNone.NONE;
            }
            if (value instanceof BigInteger integer) {
                return runtime.checkInt(integer);
            }
            if (value instanceof String text) {
                runtime.checkStringLength(text.length());
            }
            return value;
        }
        if (e instanceof Expr.Call call) {
            return call(call, scope);
        }
        if (e instanceof Expr.Attribute attribute) {
            return runtime.getAttribute(eval(attribute.value(), scope), attribute.attribute());
        }
        if (e instanceof Expr.Comparison comparison) {
            Object left = eval(comparison.left(), scope);
            for (int i = 0; i < comparison.operators().size(); i++) {
                Object right = eval(comparison.comparators().get(i), scope);
                if (!compare(comparison.operators().get(i), left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
        if (e instanceof Expr.Logical logical) {
            Object value = null;
            for (Expr operand : logical.operands()) {
                value = eval(operand, scope);
                boolean truth = PyRuntime.truthy(value);
                if (logical.operator() == Expr.LogicalOperator.AND ? !truth : truth) {
                    return value;
                }
            }
            return value;
        }
        if (e instanceof Expr.Binary binary) {
            Object left = eval(binary.left(), scope);
            Object right = eval(binary.right(), scope);
            return runtime.binary(binary.operator(), left, right);
        }
        if (e instanceof Expr.Unary unary) {
            return runtime.unary(unary.operator(), eval(unary.operand(), scope));
        }
        if (e instanceof Expr.Subscript subscript) {
            Object container = eval(subscript.value(), scope);
            return runtime.getItem(container, index(subscript.index(), scope));
        }
        if (e instanceof Expr.Conditional conditional) {
            return PyRuntime.truthy(eval(conditional.test(), scope))
                    ? eval(conditional.body(), scope)
                    : eval(conditional.orElse(), scope);
        }
        if (e instanceof Expr.ListDisplay list) {
            return new PyList(elements(list.elements(), scope));
        }
        if (e instanceof Expr.TupleDisplay tuple) {
            return new PyTuple(elements(tuple.elements(), scope));
        }
        if (e instanceof Expr.SetDisplay set) {
            PySet result = new PySet();
            elements(set.elements(), scope).forEach(result::add);
            return result;
        }
        if (e instanceof Expr.DictDisplay dict) {
            PyDict result = new PyDict();
            for (Expr.DictEntry entry : dict.entries()) {
                if (entry.key() == null) {
                    Object mapping = eval(entry.value(), scope);
                    if (!(mapping instanceof PyDict other)) {
                        throw PyError.of(PyType.TYPE_ERROR,
                                "'" + PyRuntime.typeName(mapping) + "' object is not a mapping");
                    }
                    result.map.putAll(other.map);
                } else {
                    Object key = eval(entry.key(), scope);
                    result.put(key, eval(entry.value(), scope));
                }
                runtime.checkCollectionSize(result.map.size());
            }
            return result;
        }
        if (e instanceof Expr.FormattedString formatted) {
            return formattedString(formatted, scope);
        }
        if (e instanceof Expr.Comprehension comprehension) {
            PyIterator generator = generator(comprehension.clauses(), comprehension.element(), null, scope);
            return switch (comprehension.kind()) {
                case GENERATOR -> generator;
                case LIST -> new PyList(runtime.toList(generator));
                case SET -> PyBuiltins.toSet(runtime, generator);
            };
        }
        if (e instanceof Expr.DictComprehension comprehension) {
            PyIterator generator = generator(comprehension.clauses(), comprehension.key(), comprehension.value(),
                    scope);
            PyDict result = new PyDict();
            while (generator.hasNext()) {
                PyTuple pair = (PyTuple) generator.next();
                result.put(pair.items.get(0), pair.items.get(1));
                runtime.checkCollectionSize(result.map.size());
            }
            return result;
        }
        if (e instanceof Expr.Lambda lambda) {
            List<Object> defaults = new ArrayList<>();
            for (Expr.LambdaParameter parameter : lambda.parameters()) {
                defaults.add(parameter.defaultValue() == null ? null : eval(parameter.defaultValue(), scope));
            }
            return new Lambda(lambda, defaults, scope, this);
        }
        if (e instanceof Expr.Slice slice) {
            return slice(slice, scope);
        }
        if (e instanceof Expr.Starred) {
            throw PyError.of(PyType.TYPE_ERROR, "can't use starred expression here");
        }
        throw new IllegalStateException("Unexpected expression " + e);
    }

    private boolean compare(Expr.ComparisonOperator operator, Object left, Object right) {
        return switch (operator) {
            case EQUAL -> PyRuntime.eq(left, right);
            case NOT_EQUAL -> !PyRuntime.eq(left, right);
            case IN -> runtime.contains(right, left);
            case NOT_IN -> !runtime.contains(right, left);
            case IS -> PyRuntime.is(left, right);
            case IS_NOT -> !PyRuntime.is(left, right);
            default -> runtime.order(operator, left, right);
        };
    }

    private Object index(Expr index, Scope scope) {
        if (index instanceof Expr.Slice slice) {
            return slice(slice, scope);
        }
        return eval(index, scope);
    }

    private PySlice slice(Expr.Slice slice, Scope scope) {
        return new PySlice(
                slice.lower() == null ? PyNone.NONE : eval(slice.lower(), scope),
                slice.upper() == null ? PyNone.NONE : eval(slice.upper(), scope),
                slice.step() == null ? PyNone.NONE : eval(slice.step(), scope));
    }

    private List<Object> elements(List<Expr> expressions, Scope scope) {
        List<Object> items = new ArrayList<>(expressions.size());
        for (Expr element : expressions) {
            if (element instanceof Expr.Starred starred) {
                items.addAll(runtime.toList(eval(starred.value(), scope)));
            } else {
                items.add(eval(element, scope));
            }
            runtime.checkCollectionSize(items.size());
        }
        return items;
    }

    private Object call(Expr.Call call, Scope scope) {
        Object function = eval(call.function(), scope);
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Expr.Argument argument : call.arguments()) {
            if (argument instanceof Expr.PositionalArgument positional) {
                args.add(eval(positional.value(), scope));
            } else if (argument instanceof Expr.UnpackedIterable unpacked) {
                Object iterable = eval(unpacked.value(), scope);
                try {
                    args.addAll(runtime.toList(iterable));
                } catch (PyError error) {
                    if (error.type() == PyType.TYPE_ERROR && error.text().endsWith("is not iterable")) {
                        throw PyError.of(PyType.TYPE_ERROR, functionName(function)
                                + " argument after * must be an iterable, not " + PyRuntime.typeName(iterable));
                    }
                    throw error;
                }
            } else if (argument instanceof Expr.KeywordArgument keyword) {
                keyword(function, kwargs, keyword.name(), eval(keyword.value(), scope));
            } else {
                Object mapping = eval(argument.value(), scope);
                if (!(mapping instanceof PyDict dict)) {
                    throw PyError.of(PyType.TYPE_ERROR, functionName(function)
                            + " argument after ** must be a mapping, not " + PyRuntime.typeName(mapping));
                }
                for (Map.Entry<PyKey, Object> entry : dict.map.entrySet()) {
                    if (!PyRuntime.isStr(entry.getKey().value)) {
                        throw PyError.of(PyType.TYPE_ERROR, "keywords must be strings");
                    }
                    keyword(function, kwargs, PyRuntime.strValue(entry.getKey().value), entry.getValue());
                }
            }
        }
        return runtime.call(function, args, kwargs);
    }

    private static void keyword(Object function, Map<String, Object> kwargs, String name, Object value) {
        if (kwargs.containsKey(name)) {
            throw PyError.of(PyType.TYPE_ERROR,
                    functionName(function) + " got multiple values for keyword argument '" + name + "'");
        }
        kwargs.put(name, value);
    }

    private static String functionName(Object function) {
        return function instanceof PyCallable callable ? callable.name() + "()" : PyRuntime.typeName(function)
                + " object";
    }

    private Object formattedString(Expr.FormattedString formatted, Scope scope) {
        StringBuilder out = new StringBuilder();
        for (Expr part : formatted.parts()) {
            if (part instanceof Expr.Literal literal) {
                out.append((String) literal.value());
            } else {
                Expr.FormattedValue field = (Expr.FormattedValue) part;
                Object value = eval(field.value(), scope);
                value = switch (field.conversion()) {
                    case STR -> runtime.str(value);
                    case REPR -> runtime.repr(value);
                    case ASCII -> PyFormat.ascii(runtime, value);
                    case NONE -> value;
                };
                String spec = field.formatSpec() == null ? "" : (String) formattedString(field.formatSpec(), scope);
                try {
                    out.append(PyFormat.format(runtime, value, spec));
                } catch (PyError error) {
                    throw error.at(field.position());
                }
            }
            runtime.checkStringLength(out.length());
        }
        return out.toString();
    }

    /**
     * A lazy generator over comprehension clauses: the first iterable is evaluated now in the enclosing scope, the
     * rest (other iterables, conditions, the element) in the comprehension's own scope, as in Python.
     */
    private PyIterator generator(List<Expr.ComprehensionClause> clauses, Expr element, Expr value, Scope scope) {
        Set<String> owned = new HashSet<>();
        clauses.forEach(clause -> targetNames(clause.target(), owned));
        Scope inner = new Scope(scope, owned);
        List<Iterator<Object>> iterators = new ArrayList<>(clauses.size());
        iterators.add(runtime.iterate(eval(clauses.get(0).iterable(), scope)));
        for (int i = 1; i < clauses.size(); i++) {
            iterators.add(null);
        }
        int last = clauses.size() - 1;
        return new PyIterator(value == null ? "generator" : "dict_comprehension") {
            private int depth;

            @Override
            protected Object compute() {
                while (depth >= 0) {
                    Expr.ComprehensionClause clause = clauses.get(depth);
                    if (iterators.get(depth) == null) {
                        iterators.set(depth, runtime.iterate(eval(clause.iterable(), inner)));
                    }
                    if (!iterators.get(depth).hasNext()) {
                        iterators.set(depth, null);
                        depth--;
                        continue;
                    }
                    assign(clause.target(), iterators.get(depth).next(), inner);
                    boolean accepted = true;
                    for (Expr condition : clause.conditions()) {
                        if (!PyRuntime.truthy(eval(condition, inner))) {
                            accepted = false;
                            break;
                        }
                    }
                    if (!accepted) {
                        continue;
                    }
                    if (depth == last) {
                        Object result = eval(element, inner);
                        return value == null ? result : PyTuple.of(result, eval(value, inner));
                    }
                    depth++;
                }
                return END;
            }
        };
    }
}
