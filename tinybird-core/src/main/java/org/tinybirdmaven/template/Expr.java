package org.tinybirdmaven.template;

import java.util.List;

/**
 * A Python expression inside a template, as parsed by the template parser: the subset of Python 3 expressions that
 * Tinybird templates use. Not part of the language: the power operator {@code **} (Tinybird rejects it), {@code :=},
 * {@code yield}, {@code await}, {@code ...}, bytes and complex literals.
 *
 * <p>Every node records the position where it starts (for a binary operation or a call: where its leftmost operand
 * starts, as in Python's own AST).
 */
public sealed interface Expr {

    SourcePosition position();

    /**
     * A constant. {@code value} is a {@code String}, a {@code java.math.BigInteger} (Python {@code int}), a
     * {@code Double} (Python {@code float}), a {@code Boolean}, or {@code null} for {@code None}. Adjacent string
     * literals are already concatenated.
     */
    record Literal(Object value, SourcePosition position) implements Expr {}

    /**
     * An f-string (or a concatenation of string literals of which one is an f-string). Parts are string
     * {@link Literal}s and {@link FormattedValue}s.
     */
    record FormattedString(List<Expr> parts, SourcePosition position) implements Expr {
        public FormattedString {
            parts = List.copyOf(parts);
        }
    }

    /** A replacement field {@code {value!conversion:formatSpec}} of an f-string; {@code formatSpec} may be null. */
    record FormattedValue(Expr value, Conversion conversion, FormattedString formatSpec, SourcePosition position)
            implements Expr {}

    /** The {@code !s}, {@code !r}, {@code !a} conversion of an f-string replacement field. */
    enum Conversion {
        NONE,
        STR,
        REPR,
        ASCII
    }

    /** A variable or function name. */
    record Name(String id, SourcePosition position) implements Expr {}

    /** {@code value.attribute} */
    record Attribute(Expr value, String attribute, SourcePosition position) implements Expr {}

    /**
     * {@code value[index]}; {@code index} is a {@link Slice}, a {@link TupleDisplay} for {@code a[i, j]}, or any
     * expression.
     */
    record Subscript(Expr value, Expr index, SourcePosition position) implements Expr {}

    /** {@code lower:upper:step} inside a subscript; every part may be null. */
    record Slice(Expr lower, Expr upper, Expr step, SourcePosition position) implements Expr {}

    /** {@code function(arguments)}, arguments in source order. */
    record Call(Expr function, List<Argument> arguments, SourcePosition position) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** One argument of a {@link Call}. */
    sealed interface Argument {
        Expr value();
    }

    /** {@code f(value)} */
    record PositionalArgument(Expr value) implements Argument {}

    /** {@code f(name=value)} */
    record KeywordArgument(String name, Expr value) implements Argument {}

    /** {@code f(*value)} */
    record UnpackedIterable(Expr value) implements Argument {}

    /** {@code f(**value)} */
    record UnpackedMapping(Expr value) implements Argument {}

    /** {@code not x}, {@code -x}, {@code +x}, {@code ~x} */
    record Unary(UnaryOperator operator, Expr operand, SourcePosition position) implements Expr {}

    enum UnaryOperator {
        NOT("not"),
        NEGATE("-"),
        PLUS("+"),
        INVERT("~");

        private final String symbol;

        UnaryOperator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in Python. */
        public String symbol() {
            return symbol;
        }
    }

    /** {@code left operator right} for arithmetic and bitwise operators. */
    record Binary(Expr left, BinaryOperator operator, Expr right, SourcePosition position) implements Expr {}

    enum BinaryOperator {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        FLOOR_DIVIDE("//"),
        MODULO("%"),
        MATRIX_MULTIPLY("@"),
        BIT_OR("|"),
        BIT_AND("&"),
        BIT_XOR("^"),
        LEFT_SHIFT("<<"),
        RIGHT_SHIFT(">>");

        private final String symbol;

        BinaryOperator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in Python. */
        public String symbol() {
            return symbol;
        }
    }

    /** {@code a and b and c} / {@code a or b}: Python's short-circuit operators, with all operands of one chain. */
    record Logical(LogicalOperator operator, List<Expr> operands, SourcePosition position) implements Expr {
        public Logical {
            operands = List.copyOf(operands);
        }
    }

    enum LogicalOperator {
        AND,
        OR
    }

    /**
     * A comparison chain {@code left op1 c1 op2 c2 ...}, meaning {@code left op1 c1 and c1 op2 c2 ...} with each
     * operand evaluated once.
     */
    record Comparison(
            Expr left, List<ComparisonOperator> operators, List<Expr> comparators, SourcePosition position)
            implements Expr {
        public Comparison {
            operators = List.copyOf(operators);
            comparators = List.copyOf(comparators);
        }
    }

    enum ComparisonOperator {
        EQUAL("=="),
        NOT_EQUAL("!="),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        IN("in"),
        NOT_IN("not in"),
        IS("is"),
        IS_NOT("is not");

        private final String symbol;

        ComparisonOperator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in Python. */
        public String symbol() {
            return symbol;
        }
    }

    /** {@code body if test else orElse} */
    record Conditional(Expr test, Expr body, Expr orElse, SourcePosition position) implements Expr {}

    /** {@code (a, b)} or an unparenthesised {@code a, b}; elements may be {@link Starred}. */
    record TupleDisplay(List<Expr> elements, SourcePosition position) implements Expr {
        public TupleDisplay {
            elements = List.copyOf(elements);
        }
    }

    /** {@code [a, b]}; elements may be {@link Starred}. */
    record ListDisplay(List<Expr> elements, SourcePosition position) implements Expr {
        public ListDisplay {
            elements = List.copyOf(elements);
        }
    }

    /** {@code {a, b}}; elements may be {@link Starred}. */
    record SetDisplay(List<Expr> elements, SourcePosition position) implements Expr {
        public SetDisplay {
            elements = List.copyOf(elements);
        }
    }

    /** <code>{k: v, **m}</code> */
    record DictDisplay(List<DictEntry> entries, SourcePosition position) implements Expr {
        public DictDisplay {
            entries = List.copyOf(entries);
        }
    }

    /** {@code key: value}, or {@code **value} when {@code key} is null (as in Python's AST). */
    record DictEntry(Expr key, Expr value) {}

    /** {@code *value} inside a tuple, list or set display. */
    record Starred(Expr value, SourcePosition position) implements Expr {}

    /** {@code [element for ...]}, {@code {element for ...}} or {@code (element for ...)}. */
    record Comprehension(
            ComprehensionKind kind, Expr element, List<ComprehensionClause> clauses, SourcePosition position)
            implements Expr {
        public Comprehension {
            clauses = List.copyOf(clauses);
        }
    }

    enum ComprehensionKind {
        LIST,
        SET,
        GENERATOR
    }

    /** <code>{key: value for ...}</code> */
    record DictComprehension(Expr key, Expr value, List<ComprehensionClause> clauses, SourcePosition position)
            implements Expr {
        public DictComprehension {
            clauses = List.copyOf(clauses);
        }
    }

    /** {@code for target in iterable if c1 if c2}: one nested loop of a comprehension. */
    record ComprehensionClause(Target target, Expr iterable, List<Expr> conditions) {
        public ComprehensionClause {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code lambda parameters: body} */
    record Lambda(List<LambdaParameter> parameters, Expr body, SourcePosition position) implements Expr {
        public Lambda {
            parameters = List.copyOf(parameters);
        }
    }

    /** One parameter of a {@link Lambda}; {@code defaultValue} may be null. */
    record LambdaParameter(String name, ParameterKind kind, Expr defaultValue) {}

    enum ParameterKind {
        /** {@code a} or {@code a=1} before any {@code *} */
        POSITIONAL,
        /** {@code *args} */
        VAR_POSITIONAL,
        /** {@code b} or {@code b=1} after {@code *args} */
        KEYWORD_ONLY,
        /** {@code **kwargs} */
        VAR_KEYWORD
    }
}
