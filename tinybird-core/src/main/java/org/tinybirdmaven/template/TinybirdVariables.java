package org.tinybirdmaven.template;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two variable lists Tinybird's renderer computes before rendering, reproduced on the parsed template because
 * rendering depends on them:
 * <ul>
 *   <li>{@link #names()} — {@code get_var_names}: per tag, the identifiers its Python code refers to (Python's
 *       {@code co_names}, without builtins and engine names). It yields the {@code format}/{@code q} error, the
 *       reserved-name warnings, and the line reported for a test-mode placeholder (the last tag using the name).
 *   <li>{@link #variables()} — {@code get_var_names_and_types}: the typed parameter entries found by walking each
 *       tag's Python AST breadth first (bodies before their block's statement). The first entry of a name decides
 *       whether a request value is pre-split as an array; the entries without default are listed in the "Required
 *       parameter is not defined" message.
 * </ul>
 * Unlike {@link Template#parameters()}, which reports one tidy entry per parameter for metadata, these lists keep
 * Tinybird's quirks (duplicates, loop and {@code set} variables, names under helper calls skipped).
 */
final class TinybirdVariables {

    /** One entry of Tinybird's typed variable list; {@code defaultValue} is {@link PyNone} for None. */
    record Variable(Object name, String type, Object defaultValue, boolean functionCall) {}

    /** One identifier used in a tag. */
    record NameUse(String name, SourcePosition position) {}

    private static final Set<String> PARAMETER_TYPES = Set.of(
            "String", "Boolean", "DateTime64", "DateTime", "Date", "Float32", "Float64", "Int8", "Int16", "Int32",
            "Int64", "Int128", "Int256", "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256", "Array", "JSON");

    private static final Set<String> FUNCTION_LIST = Set.of(
            "columns", "table", "TABLE", "error", "custom_error", "sql_and", "defined", "column",
            "enumerate_with_last", "split_to_array", "day_diff", "date_diff_in_days", "date_diff_in_hours",
            "date_diff_in_minutes", "date_diff_in_seconds", "sql_unescape", "JSON");

    private static final Set<String> ENGINE_NAMESPACE = Set.of(
            "column", "symbol", "error", "custom_error", "_tt_utf8", "_tt_string_types", "xhtml_escape",
            "expression_wrapper", "__buildins__", "__import__", "__debug__", "__doc__", "__name__", "__package__",
            "open", "close", "print", "input");

    /** Names never reported as variables: builtins (but {@code format} and {@code id}) and engine internals. */
    static final Set<String> RESERVED;

    static {
        Set<String> reserved = new HashSet<>(TemplateNames.PYTHON_BUILTINS);
        reserved.addAll(Set.of("_tt_tmp", "_tt_append", "isinstance", "str", "error", "custom_error"));
        reserved.remove("format");
        reserved.remove("id");
        RESERVED = Set.copyOf(reserved);
    }

    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf(9007199254740991L);

    private final List<Variable> variables;
    private final List<NameUse> names;
    private final PyError failure;

    private TinybirdVariables(List<Variable> variables, List<NameUse> names, PyError failure) {
        this.variables = variables;
        this.names = names;
        this.failure = failure;
    }

    static TinybirdVariables analyze(Template template) {
        List<NameUse> names = new ArrayList<>();
        new NameCollector(names).nodes(template.nodes());
        List<Variable> variables = new ArrayList<>();
        PyError failure = null;
        try {
            new TypedCollector(variables).nodes(template.nodes());
        } catch (PyError e) {
            failure = e;
        }
        return new TinybirdVariables(List.copyOf(variables), List.copyOf(names), failure);
    }

    List<Variable> variables() {
        return variables;
    }

    List<NameUse> names() {
        return names;
    }

    /** The {@code ValueError} Tinybird raises while listing variables (a list used as a variable name), if any. */
    PyError failure() {
        return failure;
    }

    /** The type of the first entry for {@code name}, or null. */
    String firstType(String name) {
        for (Variable variable : variables) {
            if (variable.name() instanceof String s && s.equals(name)) {
                return variable.type();
            }
        }
        return null;
    }

    boolean hasVariable(String name) {
        return variables.stream().anyMatch(variable -> name.equals(variable.name()));
    }

    /**
     * Tinybird's {@code format_SQLTemplateException_message}: the "Required parameter is not defined" message listing
     * the variables without default, or null when none can be listed.
     */
    String requiredParameterMessage() {
        List<Object> missing = new ArrayList<>();
        for (Variable variable : variables) {
            if (variable.defaultValue() instanceof PyNone && !variable.functionCall()
                    && missing.stream().noneMatch(name -> PyRuntime.eq(name, variable.name()))
                    && !"job_timestamp".equals(variable.name())) {
                missing.add(variable.name());
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        String joined;
        if (missing.size() == 1) {
            Object only = missing.get(0);
            if (!PyRuntime.truthy(only)) {
                return null;
            }
            joined = only instanceof String s ? s : new PyRuntime(RenderOptions.defaults(), RenderMode.REQUEST)
                    .str(only);
        } else {
            if (!missing.stream().allMatch(name -> name instanceof String)) {
                return null;
            }
            List<String> texts = missing.stream().map(name -> (String) name).toList();
            joined = String.join(", ", texts.subList(0, texts.size() - 1)) + " and " + texts.get(texts.size() - 1);
        }
        return TinybirdFunctions.REQUIRED_PARAM_NOT_DEFINED + ". Check the parameters " + joined
                + ". Please provide a value or set a default value in the pipe code.";
    }

    // ============================================================================================ get_var_names

    /** {@code co_names} per tag, in tag order (a block's statement before its body). */
    private static final class NameCollector {
        private final List<NameUse> out;
        private Set<String> current;

        NameCollector(List<NameUse> out) {
            this.out = out;
        }

        private void tag(SourcePosition position, Runnable collect) {
            current = new LinkedHashSet<>();
            collect.run();
            for (String name : current) {
                if (!ENGINE_NAMESPACE.contains(name) && !RESERVED.contains(name)) {
                    out.add(new NameUse(name, position));
                }
            }
        }

        void nodes(List<Node> nodes) {
            for (Node node : nodes) {
                if (node instanceof Node.Output output) {
                    tag(output.position(), () -> expression(output.expression()));
                } else if (node instanceof Node.If ifNode) {
                    for (Node.Branch branch : ifNode.branches()) {
                        tag(branch.position(), () -> expression(branch.condition()));
                        nodes(branch.body());
                    }
                    nodes(ifNode.orElse());
                } else if (node instanceof Node.For forNode) {
                    tag(forNode.position(), () -> {
                        expression(forNode.iterable());
                        target(forNode.target());
                    });
                    nodes(forNode.body());
                    nodes(forNode.orElse());
                } else if (node instanceof Node.While whileNode) {
                    tag(whileNode.position(), () -> expression(whileNode.condition()));
                    nodes(whileNode.body());
                    nodes(whileNode.orElse());
                } else if (node instanceof Node.Try tryNode) {
                    nodes(tryNode.body());
                    for (Node.Handler handler : tryNode.handlers()) {
                        tag(handler.position(), () -> {
                            if (handler.type() != null) {
                                expression(handler.type());
                            }
                            if (handler.name() != null) {
                                current.add(handler.name());
                            }
                        });
                        nodes(handler.body());
                    }
                    nodes(tryNode.orElse());
                    nodes(tryNode.finallyBody());
                } else if (node instanceof Node.Assignment assignment) {
                    tag(assignment.position(), () -> {
                        expression(assignment.value());
                        target(assignment.target());
                    });
                } else if (node instanceof Node.AugmentedAssignment assignment) {
                    tag(assignment.position(), () -> {
                        current.add(assignment.target().id());
                        expression(assignment.value());
                    });
                }
            }
        }

        private void target(Target target) {
            if (target instanceof Target.Name name) {
                current.add(name.id());
            } else {
                ((Target.Tuple) target).elements().forEach(this::target);
            }
        }

        /** Names in evaluation order; lambda bodies and comprehensions (but their first iterable) are other code. */
        private void expression(Expr e) {
            if (e == null) {
                return;
            }
            if (e instanceof Expr.Name name) {
                current.add(name.id());
            } else if (e instanceof Expr.Attribute attribute) {
                expression(attribute.value());
                current.add(attribute.attribute());
            } else if (e instanceof Expr.Call call) {
                expression(call.function());
                call.arguments().forEach(argument -> expression(argument.value()));
            } else if (e instanceof Expr.Conditional conditional) {
                expression(conditional.test());
                expression(conditional.body());
                expression(conditional.orElse());
            } else if (e instanceof Expr.Comprehension comprehension) {
                expression(comprehension.clauses().get(0).iterable());
            } else if (e instanceof Expr.DictComprehension comprehension) {
                expression(comprehension.clauses().get(0).iterable());
            } else if (e instanceof Expr.Lambda lambda) {
                lambda.parameters().forEach(parameter -> expression(parameter.defaultValue()));
            } else if (e instanceof Expr.Unary unary) {
                expression(unary.operand());
            } else if (e instanceof Expr.Binary binary) {
                expression(binary.left());
                expression(binary.right());
            } else if (e instanceof Expr.ListDisplay list) {
                list.elements().forEach(this::expression);
            } else {
                VNode.children(e).forEach(this::expression);
            }
        }
    }

    // ============================================================================================ get_var_data

    /** A node of Python's AST, as far as Tinybird's variable extraction looks at it. */
    private static final class VNode {
        enum Kind {
            MODULE, STATEMENT, CALL, NAME, KEYWORD, CONSTANT, LIST, BINOP, UNARY, OTHER
        }

        final Kind kind;
        final List<VNode> children = new ArrayList<>();
        /** the expression this node stands for (null for wrappers and keywords) */
        Expr source;
        String id;
        Object value;
        int argumentCount;
        Expr.UnaryOperator operator;

        VNode(Kind kind) {
            this.kind = kind;
        }

        static VNode constant(Object value) {
            VNode node = new VNode(Kind.CONSTANT);
            node.value = value;
            return node;
        }

        VNode add(VNode child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        /**
         * The node for an expression; with {@code embedded}, <code>{{ e }}</code> (a set of a set) becomes the
         * constant None, as Tinybird replaces it before parsing a statement.
         */
        static VNode of(Expr e, boolean embedded) {
            if (e == null) {
                return null;
            }
            VNode node;
            if (embedded && embeddedExpression(e) != null) {
                node = constant(PyNone.NONE);
            } else if (e instanceof Expr.Literal literal) {
                node = constant(literalValue(literal.value()));
            } else if (e instanceof Expr.Name name) {
                node = new VNode(Kind.NAME);
                node.id = name.id();
            } else if (e instanceof Expr.Call call) {
                node = new VNode(Kind.CALL).add(of(call.function(), embedded));
                for (Expr.Argument argument : call.arguments()) {
                    if (argument instanceof Expr.PositionalArgument || argument instanceof Expr.UnpackedIterable) {
                        VNode value = of(argument.value(), embedded);
                        if (argument instanceof Expr.UnpackedIterable) {
                            value = new VNode(Kind.OTHER).add(value);
                        }
                        node.add(value);
                        node.argumentCount++;
                    }
                }
                for (Expr.Argument argument : call.arguments()) {
                    if (argument instanceof Expr.KeywordArgument keyword) {
                        VNode k = new VNode(Kind.KEYWORD).add(of(keyword.value(), embedded));
                        k.id = keyword.name();
                        node.add(k);
                    } else if (argument instanceof Expr.UnpackedMapping mapping) {
                        node.add(new VNode(Kind.KEYWORD).add(of(mapping.value(), embedded)));
                    }
                }
            } else if (e instanceof Expr.Unary unary) {
                node = new VNode(Kind.UNARY).add(of(unary.operand(), embedded));
                node.operator = unary.operator();
            } else if (e instanceof Expr.Binary binary) {
                node = new VNode(Kind.BINOP).add(of(binary.left(), embedded)).add(of(binary.right(), embedded));
            } else if (e instanceof Expr.ListDisplay list) {
                node = new VNode(Kind.LIST);
                list.elements().forEach(element -> node.add(of(element, embedded)));
            } else {
                node = new VNode(Kind.OTHER);
                for (Expr child : children(e)) {
                    node.add(of(child, embedded));
                }
                if (e instanceof Expr.Lambda lambda) {
                    VNode arguments = new VNode(Kind.OTHER);
                    lambda.parameters().stream().filter(p -> p.kind() == Expr.ParameterKind.KEYWORD_ONLY)
                            .forEach(p -> arguments.add(of(p.defaultValue(), embedded)));
                    lambda.parameters().stream().filter(p -> p.kind() == Expr.ParameterKind.POSITIONAL)
                            .forEach(p -> arguments.add(of(p.defaultValue(), embedded)));
                    node.children.add(0, arguments);
                } else if (e instanceof Expr.Comprehension || e instanceof Expr.DictComprehension) {
                    List<Expr.ComprehensionClause> clauses = e instanceof Expr.Comprehension c ? c.clauses()
                            : ((Expr.DictComprehension) e).clauses();
                    for (Expr.ComprehensionClause clause : clauses) {
                        VNode generator = new VNode(Kind.OTHER).add(target(clause.target()))
                                .add(of(clause.iterable(), embedded));
                        clause.conditions().forEach(condition -> generator.add(of(condition, embedded)));
                        node.add(generator);
                    }
                }
            }
            node.source = e;
            return node;
        }

        /** Python AST children in field order, except calls, lambdas and comprehension clauses (done above). */
        private static List<Expr> children(Expr e) {
            List<Expr> children = new ArrayList<>();
            if (e instanceof Expr.FormattedString formatted) {
                children.addAll(formatted.parts());
            } else if (e instanceof Expr.FormattedValue value) {
                children.add(value.value());
                if (value.formatSpec() != null) {
                    children.add(value.formatSpec());
                }
            } else if (e instanceof Expr.Attribute attribute) {
                children.add(attribute.value());
            } else if (e instanceof Expr.Subscript subscript) {
                children.add(subscript.value());
                children.add(subscript.index());
            } else if (e instanceof Expr.Slice slice) {
                addIfPresent(children, slice.lower());
                addIfPresent(children, slice.upper());
                addIfPresent(children, slice.step());
            } else if (e instanceof Expr.Logical logical) {
                children.addAll(logical.operands());
            } else if (e instanceof Expr.Comparison comparison) {
                children.add(comparison.left());
                children.addAll(comparison.comparators());
            } else if (e instanceof Expr.Conditional conditional) {
                children.add(conditional.test());
                children.add(conditional.body());
                children.add(conditional.orElse());
            } else if (e instanceof Expr.TupleDisplay tuple) {
                children.addAll(tuple.elements());
            } else if (e instanceof Expr.SetDisplay set) {
                children.addAll(set.elements());
            } else if (e instanceof Expr.DictDisplay dict) {
                dict.entries().stream().filter(entry -> entry.key() != null).forEach(entry -> children.add(entry.key()));
                dict.entries().forEach(entry -> children.add(entry.value()));
            } else if (e instanceof Expr.Starred starred) {
                children.add(starred.value());
            } else if (e instanceof Expr.Comprehension comprehension) {
                children.add(comprehension.element());
            } else if (e instanceof Expr.DictComprehension comprehension) {
                children.add(comprehension.key());
                children.add(comprehension.value());
            } else if (e instanceof Expr.Lambda lambda) {
                children.add(lambda.body());
            }
            return children;
        }

        private static void addIfPresent(List<Expr> children, Expr e) {
            if (e != null) {
                children.add(e);
            }
        }

        static VNode target(Target target) {
            if (target instanceof Target.Name name) {
                VNode node = new VNode(Kind.NAME);
                node.id = name.id();
                return node;
            }
            VNode tuple = new VNode(Kind.OTHER);
            ((Target.Tuple) target).elements().forEach(element -> tuple.add(target(element)));
            return tuple;
        }

        static VNode module(VNode statement) {
            return new VNode(Kind.MODULE).add(statement);
        }

        static VNode statement(VNode... children) {
            VNode node = new VNode(Kind.STATEMENT);
            for (VNode child : children) {
                node.add(child);
            }
            return node;
        }
    }

    /** <code>{{ e }}</code> inside a statement: Python reads it as a set containing a set. */
    static Expr embeddedExpression(Expr e) {
        if (e instanceof Expr.SetDisplay outer && outer.elements().size() == 1
                && outer.elements().get(0) instanceof Expr.SetDisplay inner && inner.elements().size() == 1
                && !(inner.elements().get(0) instanceof Expr.Starred)) {
            return inner.elements().get(0);
        }
        return null;
    }

    private static Object literalValue(Object value) {
        return value == null ? PyNone.NONE : value;
    }

    /** Thrown when Tinybird's code would fail on a call and skip it. */
    private static final class SkipCall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SkipCall() {
            super(null, null, false, false);
        }
    }

    private static final class TypedCollector {
        private final List<Variable> out;
        private final Set<PyKey> typedNames = new HashSet<>();

        TypedCollector(List<Variable> out) {
            this.out = out;
        }

        void nodes(List<Node> nodes) {
            for (Node node : nodes) {
                if (node instanceof Node.Output output) {
                    List<Variable> data = varData(VNode.module(VNode.statement(VNode.of(output.expression(),
                            false))));
                    data.forEach(variable -> typedNames.add(new PyKey(variable.name())));
                    out.addAll(data);
                } else if (node instanceof Node.If ifNode) {
                    List<Node.Branch> branches = ifNode.branches();
                    nodes(branches.get(0).body());
                    for (Node.Branch branch : branches.subList(1, branches.size())) {
                        statement(branch.condition(), condition -> VNode.statement(
                                VNode.constant(false), new VNode(VNode.Kind.STATEMENT),
                                VNode.statement(condition, new VNode(VNode.Kind.STATEMENT))));
                        nodes(branch.body());
                    }
                    nodes(ifNode.orElse());
                    statement(branches.get(0).condition(),
                            condition -> VNode.statement(condition, new VNode(VNode.Kind.STATEMENT)));
                } else if (node instanceof Node.For forNode) {
                    nodes(forNode.body());
                    nodes(forNode.orElse());
                    statement(forNode.iterable(), iterable -> VNode.statement(VNode.target(forNode.target()),
                            iterable, new VNode(VNode.Kind.STATEMENT)));
                } else if (node instanceof Node.While whileNode) {
                    nodes(whileNode.body());
                    nodes(whileNode.orElse());
                    statement(whileNode.condition(),
                            condition -> VNode.statement(condition, new VNode(VNode.Kind.STATEMENT)));
                } else if (node instanceof Node.Try tryNode) {
                    nodes(tryNode.body());
                    for (Node.Handler handler : tryNode.handlers()) {
                        if (handler.type() != null) {
                            statement(handler.type(), type -> VNode.statement(new VNode(VNode.Kind.STATEMENT),
                                    VNode.statement(type, new VNode(VNode.Kind.STATEMENT))));
                        }
                        nodes(handler.body());
                    }
                    nodes(tryNode.orElse());
                    nodes(tryNode.finallyBody());
                } else if (node instanceof Node.Assignment assignment) {
                    if (!containsEmbedded(assignment.value())) {
                        statement(assignment.value(),
                                value -> VNode.statement(VNode.target(assignment.target()), value));
                    }
                } else if (node instanceof Node.AugmentedAssignment assignment) {
                    if (!containsEmbedded(assignment.value())) {
                        statement(assignment.value(),
                                value -> VNode.statement(VNode.target(assignment.target()), value));
                    }
                }
            }
        }

        private static boolean containsEmbedded(Expr e) {
            boolean[] found = {false};
            AstWalker.walkExpression(e, new AstWalker.Visitor() {
                @Override
                public void expression(Expr expression) {
                    found[0] |= embeddedExpression(expression) != null;
                }
            });
            return found[0];
        }

        /** {@code parse_statement}: embedded expressions first, then the statement; failures are ignored. */
        private void statement(Expr expression, java.util.function.Function<VNode, VNode> wrap) {
            Set<PyKey> statementNames = new HashSet<>();
            List<Expr> embedded = new ArrayList<>();
            AstWalker.walkExpression(expression, new AstWalker.Visitor() {
                @Override
                public void expression(Expr e) {
                    Expr inner = embeddedExpression(e);
                    if (inner != null) {
                        embedded.add(inner);
                    }
                }
            });
            for (Expr inner : embedded) {
                try {
                    for (Variable variable : varData(VNode.module(VNode.statement(VNode.of(inner, false))))) {
                        if (!typedNames.contains(new PyKey(variable.name()))) {
                            statementNames.add(new PyKey(variable.name()));
                            out.add(variable);
                        }
                    }
                } catch (PyError e) {
                    // Tinybird ignores expressions it cannot analyse
                }
            }
            try {
                for (Variable variable : varData(VNode.module(wrap.apply(VNode.of(expression, true))))) {
                    PyKey key = new PyKey(variable.name());
                    if (!typedNames.contains(key) && !statementNames.contains(key)) {
                        out.add(variable);
                    }
                }
            } catch (PyError e) {
                // Tinybird ignores statements it cannot analyse
            }
        }

        /** {@code get_var_data}: one breadth-first walk, later entries of a name replacing earlier ones. */
        private List<Variable> varData(VNode root) {
            Map<PyKey, Variable> vars = new LinkedHashMap<>();
            ArrayDeque<VNode[]> queue = new ArrayDeque<>();
            queue.add(new VNode[] {root, null});
            while (!queue.isEmpty()) {
                VNode[] item = queue.poll();
                VNode node = item[0];
                VNode parent = item[1];
                if (node.kind == VNode.Kind.CALL && node.children.get(0).kind == VNode.Kind.NAME) {
                    try {
                        call(node, vars);
                    } catch (SkipCall | PyError skipped) {
                        if (skipped instanceof PyError e && e.type() == PyType.VALUE_ERROR) {
                            throw e;
                        }
                    }
                } else if (node.kind == VNode.Kind.NAME) {
                    boolean parentIsCall = parent != null && parent.kind == VNode.Kind.CALL;
                    String id = node.id;
                    boolean reserved = RESERVED.contains(id) || FUNCTION_LIST.contains(id)
                            || ENGINE_NAMESPACE.contains(id);
                    if (!parentIsCall && !reserved) {
                        vars.put(new PyKey(id), new Variable(id, "String", PyNone.NONE, false));
                    }
                }
                for (VNode child : node.children) {
                    queue.add(new VNode[] {child, node});
                }
            }
            return new ArrayList<>(vars.values());
        }

        private void call(VNode node, Map<PyKey, Variable> vars) {
            String function = node.children.get(0).id;
            List<Object> args = new ArrayList<>();
            for (VNode argument : node.children.subList(1, 1 + node.argumentCount)) {
                if (argument.kind != VNode.Kind.CALL) {
                    args.add(nodeToValue(argument));
                }
            }
            Map<String, Object> kwargs = new LinkedHashMap<>();
            for (VNode keyword : node.children.subList(1 + node.argumentCount, node.children.size())) {
                Object value = nodeToValue(keyword.children.get(0));
                kwargs.put(keyword.id, "default".equals(keyword.id) ? checkDefault(value) : value);
            }
            if (TemplateNames.PARAMETER_HELPERS.contains(function)) {
                if (!args.isEmpty() && args.get(0) instanceof PyList) {
                    throw listName(args.get(0));
                }
                if (!args.isEmpty() && PyRuntime.truthy(args.get(0)) && !vars.containsKey(new PyKey(args.get(0)))) {
                    vars.put(new PyKey(args.get(0)), new Variable(args.get(0), "String", PyNone.NONE, true));
                }
            } else if (function.equals("Array")) {
                Object defaultValue = kwargs.containsKey("default") ? kwargs.get("default")
                        : checkDefault(args.size() > 2 && PyRuntime.truthy(args.get(2)) ? args.get(2) : PyNone.NONE);
                if (!args.isEmpty()) {
                    if (args.get(0) instanceof PyList) {
                        throw listName(args.get(0));
                    }
                    String type = args.size() > 1 ? "Array(" + pyStr(args.get(1)) + ")" : "Array(String)";
                    vars.put(new PyKey(args.get(0)), new Variable(args.get(0), type, defaultValue, false));
                }
            } else if (PARAMETER_TYPES.contains(function)) {
                if (!args.isEmpty() && !(args.get(0) instanceof PyNone)) {
                    Object defaultValue = kwargs.containsKey("default") ? kwargs.get("default")
                            : checkDefault(args.size() > 1 ? args.get(1) : PyNone.NONE);
                    if (args.get(0) instanceof PyList) {
                        throw listName(args.get(0));
                    }
                    vars.put(new PyKey(args.get(0)), new Variable(args.get(0), function, defaultValue, false));
                }
            }
        }

        private static PyError listName(Object list) {
            return PyError.of(PyType.VALUE_ERROR, "\"" + pyStr(list) + "\" can not be used as a variable name");
        }

        private static String pyStr(Object value) {
            return new PyRuntime(RenderOptions.defaults(), RenderMode.REQUEST).str(value);
        }

        private static Object checkDefault(Object value) {
            if (PyRuntime.isInt(value) && PyRuntime.intValue(value).compareTo(MAX_SAFE_INTEGER) > 0) {
                return PyRuntime.intValue(value).toString();
            }
            return value;
        }

        /** Tinybird's {@code node_to_value}. */
        private static Object nodeToValue(VNode node) {
            switch (node.kind) {
                case CONSTANT:
                    return node.value;
                case NAME:
                    return node.id;
                case LIST: {
                    PyList list = new PyList();
                    if (node.children.isEmpty()) {
                        return list;
                    }
                    VNode.Kind first = node.children.get(0).kind;
                    if (first != VNode.Kind.CONSTANT && first != VNode.Kind.NAME) {
                        return list;
                    }
                    for (VNode element : node.children) {
                        if (element.kind != first) {
                            throw new SkipCall();
                        }
                        list.items.add(first == VNode.Kind.CONSTANT ? element.value : element.id);
                    }
                    return list;
                }
                case BINOP: {
                    Object left = nodeToValue(node.children.get(0));
                    return PyRuntime.truthy(left) ? left : nodeToValue(node.children.get(1));
                }
                case UNARY: {
                    VNode operand = node.children.get(0);
                    if (operand.kind != VNode.Kind.CONSTANT) {
                        return PyNone.NONE;
                    }
                    if (node.operator != Expr.UnaryOperator.NEGATE) {
                        return operand.value;
                    }
                    try {
                        return new PyRuntime(RenderOptions.defaults(), RenderMode.REQUEST)
                                .binary(Expr.BinaryOperator.MULTIPLY, operand.value, BigInteger.ONE.negate());
                    } catch (PyError e) {
                        throw new SkipCall();
                    }
                }
                default:
                    return PyNone.NONE;
            }
        }
    }
}
