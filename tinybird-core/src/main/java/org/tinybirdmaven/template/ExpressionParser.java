package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.syntax.SyntaxException;
import org.tinybirdmaven.template.PythonLexer.Kind;
import org.tinybirdmaven.template.PythonLexer.Token;

/**
 * Recursive-descent parser for one Python fragment of a template, following the precedence levels of Python 3's
 * grammar (lowest first): lambda, conditional expression, {@code or}, {@code and}, {@code not}, comparisons,
 * {@code |}, {@code ^}, {@code &}, shifts, {@code + -}, {@code * / // % @}, unary {@code + - ~}, power, primaries
 * (attribute, call, subscript), atoms.
 *
 * <p>The template parser drives it statement by statement: e.g. for {@code {% for x in xs %}} it calls
 * {@link #parseTargetList()}, {@link #expectKeyword(String)} and {@link #parseExpressionList()}, then
 * {@link #finish()}. The power operator is parsed (so that syntax errors after it win, as in Python) and rejected by
 * {@link #finish()} with Tinybird's message.
 */
final class ExpressionParser {

    private static final Map<String, Expr.BinaryOperator> AUGMENTED_ASSIGNMENTS = Map.ofEntries(
            Map.entry("+=", Expr.BinaryOperator.ADD),
            Map.entry("-=", Expr.BinaryOperator.SUBTRACT),
            Map.entry("*=", Expr.BinaryOperator.MULTIPLY),
            Map.entry("/=", Expr.BinaryOperator.DIVIDE),
            Map.entry("//=", Expr.BinaryOperator.FLOOR_DIVIDE),
            Map.entry("%=", Expr.BinaryOperator.MODULO),
            Map.entry("@=", Expr.BinaryOperator.MATRIX_MULTIPLY),
            Map.entry("|=", Expr.BinaryOperator.BIT_OR),
            Map.entry("&=", Expr.BinaryOperator.BIT_AND),
            Map.entry("^=", Expr.BinaryOperator.BIT_XOR),
            Map.entry("<<=", Expr.BinaryOperator.LEFT_SHIFT),
            Map.entry(">>=", Expr.BinaryOperator.RIGHT_SHIFT));

    private static final Map<String, Expr.ComparisonOperator> COMPARISONS = Map.of(
            "==", Expr.ComparisonOperator.EQUAL,
            "!=", Expr.ComparisonOperator.NOT_EQUAL,
            "<", Expr.ComparisonOperator.LESS,
            "<=", Expr.ComparisonOperator.LESS_OR_EQUAL,
            ">", Expr.ComparisonOperator.GREATER,
            ">=", Expr.ComparisonOperator.GREATER_OR_EQUAL);

    private static final String POWER_REJECTED = "Invalid BinOp: Pow()";

    private static final Set<String> KEYWORDS_STARTING_EXPRESSIONS = Set.of("True", "False", "None", "not", "lambda");

    private static final Set<String> OPERATORS_STARTING_EXPRESSIONS = Set.of("(", "[", "{", "-", "+", "~", "*");

    /** {@code {% set %}}: either {@code target = value} or {@code name op= value} (then {@code operator} is set). */
    record Assignment(Target target, Expr.BinaryOperator operator, Expr value) {}

    /** {@code {% except type as name %}}; both may be null. */
    record ExceptClause(Expr type, String name) {}

    private final String source;
    private final LineMap lines;
    private final List<Token> tokens;
    private int index;
    private int firstPowerOperator = -1;

    ExpressionParser(String source, int start, int end, LineMap lines) {
        this(source, start, end, lines, false);
    }

    private ExpressionParser(String source, int start, int end, LineMap lines, boolean insideBrackets) {
        this.source = source;
        this.lines = lines;
        this.tokens = PythonLexer.tokenize(source, start, end, lines, insideBrackets);
    }

    /** An f-string replacement field's expression, which Python reads as if parenthesised. */
    static Expr parseReplacementField(String source, int start, int end, LineMap lines) {
        ExpressionParser parser = new ExpressionParser(source, start, end, lines, true);
        Expr expression = parser.parseExpressionList();
        parser.finish();
        return expression;
    }

    /** Fails unless all tokens were consumed; rejects the power operator (Tinybird's security check). */
    void finish() {
        Token token = peek();
        if (token.kind() != Kind.END) {
            throw invalidSyntax(token);
        }
        if (firstPowerOperator >= 0) {
            throw lines.error(firstPowerOperator, POWER_REJECTED);
        }
    }

    void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw invalidSyntax(peek());
        }
        next();
    }

    /** Python's {@code star_expressions}: an expression, or an unparenthesised tuple {@code a, *b, c}. */
    Expr parseExpressionList() {
        Token first = peek();
        Expr element = parseStarredOrExpression();
        if (!peek().isOperator(",")) {
            if (element instanceof Expr.Starred) {
                throw lines.error(first.start(), "can't use starred expression here");
            }
            return element;
        }
        List<Expr> elements = new ArrayList<>(List.of(element));
        while (accept(",") && startsExpression(peek())) {
            elements.add(parseStarredOrExpression());
        }
        return new Expr.TupleDisplay(elements, position(first));
    }

    /** Python's {@code expression}: a lambda, a conditional expression or anything of higher precedence. */
    Expr parseExpression() {
        if (peek().isKeyword("lambda")) {
            return lambda();
        }
        Expr body = disjunction();
        if (!peek().isKeyword("if")) {
            return body;
        }
        next();
        Expr test = disjunction();
        if (!peek().isKeyword("else")) {
            throw lines.error(body.position().offset(), "expected 'else' after 'if' expression");
        }
        next();
        return new Expr.Conditional(test, body, parseExpression(), body.position());
    }

    /** Assignment targets: a name or a tuple of targets, with optional parentheses / brackets. */
    Target parseTargetList() {
        Token first = peek();
        Target target = target();
        if (!peek().isOperator(",")) {
            return target;
        }
        List<Target> elements = new ArrayList<>(List.of(target));
        while (accept(",") && startsTarget(peek())) {
            elements.add(target());
        }
        return new Target.Tuple(elements, position(first));
    }

    /** The body of {@code {% set %}}. */
    Assignment parseAssignment() {
        Target target = parseTargetList();
        Token operator = peek();
        if (operator.kind() == Kind.OPERATOR && AUGMENTED_ASSIGNMENTS.containsKey(operator.text())) {
            if (!(target instanceof Target.Name)) {
                throw lines.error(target.position().offset(), "illegal expression for augmented assignment");
            }
            next();
            return new Assignment(target, AUGMENTED_ASSIGNMENTS.get(operator.text()), parseExpressionList());
        }
        if (operator.isOperator("**=")) {
            recordPower(operator);
            next();
            // the operator is a stand-in: finish() rejects the fragment
            return new Assignment(target, Expr.BinaryOperator.MULTIPLY, parseExpressionList());
        }
        if (!operator.isOperator("=")) {
            throw invalidSyntax(operator);
        }
        next();
        return new Assignment(target, null, parseExpressionList());
    }

    /** The suffix of {@code {% except %}}: nothing, {@code Type} or {@code Type as name}. */
    ExceptClause parseExceptClause() {
        if (peek().kind() == Kind.END) {
            return new ExceptClause(null, null);
        }
        Expr type = parseExpression();
        if (peek().isOperator(",")) {
            throw lines.error(type.position().offset(), "multiple exception types must be parenthesized");
        }
        if (!peek().isKeyword("as")) {
            return new ExceptClause(type, null);
        }
        next();
        return new ExceptClause(type, identifier());
    }

    // ---- precedence levels, lowest first ----

    private Expr parseStarredOrExpression() {
        Token token = peek();
        if (token.isOperator("*")) {
            next();
            return new Expr.Starred(bitwiseOr(), position(token));
        }
        return parseExpression();
    }

    private Expr lambda() {
        Token keyword = next();
        List<Expr.LambdaParameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean afterStar = false;
        boolean afterDefault = false;
        while (!peek().isOperator(":")) {
            Token token = peek();
            Expr.LambdaParameter parameter;
            if (accept("**")) {
                parameter = new Expr.LambdaParameter(identifier(), Expr.ParameterKind.VAR_KEYWORD, null);
            } else if (accept("*")) {
                if (afterStar) {
                    throw invalidSyntax(token);
                }
                afterStar = true;
                parameter = new Expr.LambdaParameter(identifier(), Expr.ParameterKind.VAR_POSITIONAL, null);
            } else {
                String name = identifier();
                Expr defaultValue = accept("=") ? parseExpression() : null;
                if (!afterStar) {
                    if (defaultValue == null && afterDefault) {
                        throw lines.error(token.start(), "non-default argument follows default argument");
                    }
                    afterDefault |= defaultValue != null;
                }
                Expr.ParameterKind kind = afterStar ? Expr.ParameterKind.KEYWORD_ONLY : Expr.ParameterKind.POSITIONAL;
                parameter = new Expr.LambdaParameter(name, kind, defaultValue);
            }
            if (!names.add(parameter.name())) {
                throw lines.error(token.start(),
                        "duplicate argument '" + parameter.name() + "' in function definition");
            }
            parameters.add(parameter);
            if (parameter.kind() == Expr.ParameterKind.VAR_KEYWORD || !accept(",")) {
                break;
            }
        }
        expect(":");
        return new Expr.Lambda(parameters, parseExpression(), position(keyword));
    }

    private Expr disjunction() {
        return logical("or", Expr.LogicalOperator.OR);
    }

    private Expr conjunction() {
        return logical("and", Expr.LogicalOperator.AND);
    }

    private Expr logical(String keyword, Expr.LogicalOperator operator) {
        Expr first = operator == Expr.LogicalOperator.OR ? conjunction() : inversion();
        if (!peek().isKeyword(keyword)) {
            return first;
        }
        List<Expr> operands = new ArrayList<>(List.of(first));
        while (peek().isKeyword(keyword)) {
            next();
            operands.add(operator == Expr.LogicalOperator.OR ? conjunction() : inversion());
        }
        return new Expr.Logical(operator, operands, first.position());
    }

    private Expr inversion() {
        Token token = peek();
        if (token.isKeyword("not")) {
            next();
            return new Expr.Unary(Expr.UnaryOperator.NOT, inversion(), position(token));
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = bitwiseOr();
        List<Expr.ComparisonOperator> operators = new ArrayList<>();
        List<Expr> comparators = new ArrayList<>();
        while (true) {
            Expr.ComparisonOperator operator = comparisonOperator();
            if (operator == null) {
                break;
            }
            operators.add(operator);
            comparators.add(bitwiseOr());
        }
        return operators.isEmpty() ? left : new Expr.Comparison(left, operators, comparators, left.position());
    }

    /** Consumes and returns the comparison operator at the cursor, or returns null. */
    private Expr.ComparisonOperator comparisonOperator() {
        Token token = peek();
        if (token.kind() == Kind.OPERATOR && COMPARISONS.containsKey(token.text())) {
            next();
            return COMPARISONS.get(token.text());
        }
        if (token.isKeyword("in")) {
            next();
            return Expr.ComparisonOperator.IN;
        }
        if (token.isKeyword("not") && peek(1).isKeyword("in")) {
            next();
            next();
            return Expr.ComparisonOperator.NOT_IN;
        }
        if (token.isKeyword("is")) {
            next();
            if (peek().isKeyword("not")) {
                next();
                return Expr.ComparisonOperator.IS_NOT;
            }
            return Expr.ComparisonOperator.IS;
        }
        return null;
    }

    private Expr bitwiseOr() {
        Expr left = bitwiseXor();
        while (accept("|")) {
            left = new Expr.Binary(left, Expr.BinaryOperator.BIT_OR, bitwiseXor(), left.position());
        }
        return left;
    }

    private Expr bitwiseXor() {
        Expr left = bitwiseAnd();
        while (accept("^")) {
            left = new Expr.Binary(left, Expr.BinaryOperator.BIT_XOR, bitwiseAnd(), left.position());
        }
        return left;
    }

    private Expr bitwiseAnd() {
        Expr left = shift();
        while (accept("&")) {
            left = new Expr.Binary(left, Expr.BinaryOperator.BIT_AND, shift(), left.position());
        }
        return left;
    }

    private Expr shift() {
        Expr left = sum();
        while (true) {
            if (accept("<<")) {
                left = new Expr.Binary(left, Expr.BinaryOperator.LEFT_SHIFT, sum(), left.position());
            } else if (accept(">>")) {
                left = new Expr.Binary(left, Expr.BinaryOperator.RIGHT_SHIFT, sum(), left.position());
            } else {
                return left;
            }
        }
    }

    private Expr sum() {
        Expr left = term();
        while (true) {
            if (accept("+")) {
                left = new Expr.Binary(left, Expr.BinaryOperator.ADD, term(), left.position());
            } else if (accept("-")) {
                left = new Expr.Binary(left, Expr.BinaryOperator.SUBTRACT, term(), left.position());
            } else {
                return left;
            }
        }
    }

    private Expr term() {
        Expr left = factor();
        while (true) {
            Expr.BinaryOperator operator = termOperator(peek());
            if (operator == null) {
                return left;
            }
            next();
            left = new Expr.Binary(left, operator, factor(), left.position());
        }
    }

    private static Expr.BinaryOperator termOperator(Token token) {
        if (token.kind() != Kind.OPERATOR) {
            return null;
        }
        return switch (token.text()) {
            case "*" -> Expr.BinaryOperator.MULTIPLY;
            case "/" -> Expr.BinaryOperator.DIVIDE;
            case "//" -> Expr.BinaryOperator.FLOOR_DIVIDE;
            case "%" -> Expr.BinaryOperator.MODULO;
            case "@" -> Expr.BinaryOperator.MATRIX_MULTIPLY;
            default -> null;
        };
    }

    private Expr factor() {
        Token token = peek();
        Expr.UnaryOperator operator = token.kind() != Kind.OPERATOR ? null : switch (token.text()) {
            case "-" -> Expr.UnaryOperator.NEGATE;
            case "+" -> Expr.UnaryOperator.PLUS;
            case "~" -> Expr.UnaryOperator.INVERT;
            default -> null;
        };
        if (operator == null) {
            return power();
        }
        next();
        return new Expr.Unary(operator, factor(), position(token));
    }

    private Expr power() {
        Expr base = primary();
        Token token = peek();
        if (!token.isOperator("**")) {
            return base;
        }
        recordPower(token);
        next();
        factor();
        // the exponent is dropped: finish() rejects the fragment
        return base;
    }

    private void recordPower(Token token) {
        if (firstPowerOperator < 0) {
            firstPowerOperator = token.start();
        }
    }

    private Expr primary() {
        Expr expression = atom();
        while (true) {
            Token token = peek();
            if (token.isOperator(".")) {
                next();
                expression = new Expr.Attribute(expression, identifier(), expression.position());
            } else if (token.isOperator("(")) {
                expression = call(expression);
            } else if (token.isOperator("[")) {
                next();
                Expr index = subscriptIndex();
                expect("]");
                expression = new Expr.Subscript(expression, index, expression.position());
            } else {
                return expression;
            }
        }
    }

    private Expr call(Expr function) {
        next();
        List<Expr.Argument> arguments = new ArrayList<>();
        Set<String> keywords = new HashSet<>();
        boolean afterKeyword = false;
        boolean afterMappingUnpack = false;
        while (!peek().isOperator(")")) {
            Token token = peek();
            if (accept("*")) {
                if (afterMappingUnpack) {
                    throw lines.error(token.start(),
                            "iterable argument unpacking follows keyword argument unpacking");
                }
                arguments.add(new Expr.UnpackedIterable(parseExpression()));
            } else if (accept("**")) {
                afterMappingUnpack = true;
                arguments.add(new Expr.UnpackedMapping(parseExpression()));
            } else if (token.kind() == Kind.NAME && peek(1).isOperator("=")) {
                String name = identifier();
                next();
                if (!keywords.add(name)) {
                    throw lines.error(token.start(), "keyword argument repeated: " + name);
                }
                afterKeyword = true;
                arguments.add(new Expr.KeywordArgument(name, parseExpression()));
            } else {
                Expr value = parseExpression();
                if (peek().isKeyword("for")) {
                    value = new Expr.Comprehension(
                            Expr.ComprehensionKind.GENERATOR, value, comprehensionClauses(), value.position());
                    if (!arguments.isEmpty() || !peek().isOperator(")")) {
                        throw lines.error(value.position().offset(), "Generator expression must be parenthesized");
                    }
                }
                if (afterMappingUnpack) {
                    throw lines.error(token.start(), "positional argument follows keyword argument unpacking");
                }
                if (afterKeyword) {
                    throw lines.error(token.start(), "positional argument follows keyword argument");
                }
                arguments.add(new Expr.PositionalArgument(value));
            }
            if (!accept(",")) {
                break;
            }
        }
        expect(")");
        return new Expr.Call(function, arguments, function.position());
    }

    /** What goes between the brackets of a subscript: an index, a slice, or a tuple of them. */
    private Expr subscriptIndex() {
        Token first = peek();
        Expr element = sliceOrExpression();
        if (!peek().isOperator(",")) {
            return element;
        }
        List<Expr> elements = new ArrayList<>(List.of(element));
        while (accept(",") && !peek().isOperator("]")) {
            elements.add(sliceOrExpression());
        }
        return new Expr.TupleDisplay(elements, position(first));
    }

    private Expr sliceOrExpression() {
        Token first = peek();
        Expr lower = first.isOperator(":") ? null : parseExpression();
        if (!peek().isOperator(":")) {
            return lower;
        }
        next();
        Expr upper = endsSlicePart(peek()) ? null : parseExpression();
        Expr step = null;
        if (accept(":") && !endsSlicePart(peek())) {
            step = parseExpression();
        }
        return new Expr.Slice(lower, upper, step, position(first));
    }

    private static boolean endsSlicePart(Token token) {
        return token.isOperator(":") || token.isOperator("]") || token.isOperator(",");
    }

    private Expr atom() {
        Token token = peek();
        switch (token.kind()) {
            case NUMBER -> {
                next();
                return new Expr.Literal(token.value(), position(token));
            }
            case STRING -> {
                return strings();
            }
            case NAME -> {
                next();
                return switch (token.text()) {
                    case "True" -> new Expr.Literal(Boolean.TRUE, position(token));
                    case "False" -> new Expr.Literal(Boolean.FALSE, position(token));
                    case "None" -> new Expr.Literal(null, position(token));
                    default -> {
                        if (PythonLexer.KEYWORDS.contains(token.text())) {
                            throw invalidSyntax(token);
                        }
                        yield new Expr.Name(token.text(), position(token));
                    }
                };
            }
            case OPERATOR -> {
                switch (token.text()) {
                    case "(" -> {
                        return parenthesised();
                    }
                    case "[" -> {
                        return list();
                    }
                    case "{" -> {
                        return dictOrSet();
                    }
                    default -> throw invalidSyntax(token);
                }
            }
            default -> throw invalidSyntax(token);
        }
    }

    /** Adjacent string literals, concatenated; an f-string among them makes the result a formatted string. */
    private Expr strings() {
        Token first = peek();
        List<Expr> parts = new ArrayList<>();
        boolean formatted = false;
        while (peek().kind() == Kind.STRING) {
            Token token = next();
            if (token.value() instanceof PythonLexer.FStringBody body) {
                formatted = true;
                parts.addAll(FStringParser.parse(source, body, lines));
            } else {
                parts.add(new Expr.Literal(token.value(), position(token)));
            }
        }
        if (!formatted) {
            StringBuilder text = new StringBuilder();
            parts.forEach(part -> text.append(((Expr.Literal) part).value()));
            return new Expr.Literal(text.toString(), position(first));
        }
        return new Expr.FormattedString(mergeAdjacentLiterals(parts), position(first));
    }

    private static List<Expr> mergeAdjacentLiterals(List<Expr> parts) {
        List<Expr> merged = new ArrayList<>();
        for (Expr part : parts) {
            int last = merged.size() - 1;
            if (part instanceof Expr.Literal literal
                    && last >= 0
                    && merged.get(last) instanceof Expr.Literal previous) {
                merged.set(last, new Expr.Literal((String) previous.value() + literal.value(), previous.position()));
            } else {
                merged.add(part);
            }
        }
        return merged;
    }

    private Expr parenthesised() {
        Token open = next();
        if (accept(")")) {
            return new Expr.TupleDisplay(List.of(), position(open));
        }
        Expr first = parseStarredOrExpression();
        if (peek().isKeyword("for") && !(first instanceof Expr.Starred)) {
            Expr generator = new Expr.Comprehension(
                    Expr.ComprehensionKind.GENERATOR, first, comprehensionClauses(), position(open));
            expect(")");
            return generator;
        }
        if (accept(")")) {
            if (first instanceof Expr.Starred) {
                throw lines.error(first.position().offset(), "cannot use starred expression here");
            }
            return first;
        }
        expect(",");
        List<Expr> elements = new ArrayList<>(List.of(first));
        elements.addAll(remainingElements(")"));
        return new Expr.TupleDisplay(elements, position(open));
    }

    private Expr list() {
        Token open = next();
        if (accept("]")) {
            return new Expr.ListDisplay(List.of(), position(open));
        }
        Expr first = parseStarredOrExpression();
        if (peek().isKeyword("for") && !(first instanceof Expr.Starred)) {
            Expr comprehension =
                    new Expr.Comprehension(Expr.ComprehensionKind.LIST, first, comprehensionClauses(), position(open));
            expect("]");
            return comprehension;
        }
        List<Expr> elements = new ArrayList<>(List.of(first));
        if (accept(",")) {
            elements.addAll(remainingElements("]"));
        } else {
            expect("]");
        }
        return new Expr.ListDisplay(elements, position(open));
    }

    private Expr dictOrSet() {
        Token open = next();
        if (accept("}")) {
            return new Expr.DictDisplay(List.of(), position(open));
        }
        if (peek().isOperator("**")) {
            return dictDisplay(open, new ArrayList<>());
        }
        Expr first = parseStarredOrExpression();
        if (!(first instanceof Expr.Starred) && accept(":")) {
            Expr value = parseExpression();
            if (peek().isKeyword("for")) {
                Expr comprehension = new Expr.DictComprehension(first, value, comprehensionClauses(), position(open));
                expect("}");
                return comprehension;
            }
            List<Expr.DictEntry> entries = new ArrayList<>(List.of(new Expr.DictEntry(first, value)));
            if (!accept(",")) {
                expect("}");
                return new Expr.DictDisplay(entries, position(open));
            }
            return dictDisplay(open, entries);
        }
        if (peek().isKeyword("for") && !(first instanceof Expr.Starred)) {
            Expr comprehension =
                    new Expr.Comprehension(Expr.ComprehensionKind.SET, first, comprehensionClauses(), position(open));
            expect("}");
            return comprehension;
        }
        List<Expr> elements = new ArrayList<>(List.of(first));
        if (accept(",")) {
            elements.addAll(remainingElements("}"));
        } else {
            expect("}");
        }
        return new Expr.SetDisplay(elements, position(open));
    }

    /** The remaining {@code key: value} and {@code **mapping} entries of a dict display, up to its closing brace. */
    private Expr dictDisplay(Token open, List<Expr.DictEntry> entries) {
        while (!accept("}")) {
            if (accept("**")) {
                entries.add(new Expr.DictEntry(null, bitwiseOr()));
            } else {
                Expr key = parseExpression();
                expect(":");
                entries.add(new Expr.DictEntry(key, parseExpression()));
            }
            if (!accept(",")) {
                expect("}");
                break;
            }
        }
        return new Expr.DictDisplay(entries, position(open));
    }

    /** Elements after the first comma of a display, up to and including {@code closer}. */
    private List<Expr> remainingElements(String closer) {
        List<Expr> elements = new ArrayList<>();
        while (!accept(closer)) {
            elements.add(parseStarredOrExpression());
            if (!accept(",")) {
                expect(closer);
                break;
            }
        }
        return elements;
    }

    private List<Expr.ComprehensionClause> comprehensionClauses() {
        List<Expr.ComprehensionClause> clauses = new ArrayList<>();
        while (peek().isKeyword("for")) {
            next();
            Target target = parseTargetList();
            expectKeyword("in");
            Expr iterable = disjunction();
            List<Expr> conditions = new ArrayList<>();
            while (peek().isKeyword("if")) {
                next();
                conditions.add(disjunction());
            }
            clauses.add(new Expr.ComprehensionClause(target, iterable, conditions));
        }
        return clauses;
    }

    private Target target() {
        Token token = peek();
        if (token.isOperator("(") || token.isOperator("[")) {
            next();
            String closer = token.isOperator("(") ? ")" : "]";
            if (accept(closer)) {
                return new Target.Tuple(List.of(), position(token));
            }
            Target inner = parseTargetList();
            expect(closer);
            if (inner instanceof Target.Tuple tuple) {
                return new Target.Tuple(tuple.elements(), position(token));
            }
            // [a] unpacks a one-element iterable, (a) is just a
            return closer.equals("]") ? new Target.Tuple(List.of(inner), position(token)) : inner;
        }
        if (token.kind() == Kind.NAME && !PythonLexer.KEYWORDS.contains(token.text())) {
            next();
            Token following = peek();
            if (following.isOperator(".") || following.isOperator("[") || following.isOperator("(")) {
                throw lines.error(token.start(), "only names and tuples of names can be assigned in templates");
            }
            return new Target.Name(token.text(), position(token));
        }
        if (token.kind() == Kind.NUMBER || token.kind() == Kind.STRING
                || token.isKeyword("True") || token.isKeyword("False") || token.isKeyword("None")) {
            throw lines.error(token.start(), "cannot assign to literal");
        }
        if (token.isOperator("*")) {
            throw lines.error(token.start(), "only names and tuples of names can be assigned in templates");
        }
        throw invalidSyntax(token);
    }

    // ---- token helpers ----

    private String identifier() {
        Token token = peek();
        if (token.kind() != Kind.NAME || PythonLexer.KEYWORDS.contains(token.text())) {
            throw invalidSyntax(token);
        }
        next();
        return token.text();
    }

    private static boolean startsExpression(Token token) {
        return switch (token.kind()) {
            case NUMBER, STRING -> true;
            case NAME -> !PythonLexer.KEYWORDS.contains(token.text())
                    || KEYWORDS_STARTING_EXPRESSIONS.contains(token.text());
            case OPERATOR -> OPERATORS_STARTING_EXPRESSIONS.contains(token.text());
            default -> false;
        };
    }

    private static boolean startsTarget(Token token) {
        return (token.kind() == Kind.NAME && !PythonLexer.KEYWORDS.contains(token.text()))
                || token.isOperator("(") || token.isOperator("[");
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private boolean accept(String operator) {
        if (peek().isOperator(operator)) {
            next();
            return true;
        }
        return false;
    }

    private void expect(String operator) {
        if (!accept(operator)) {
            throw invalidSyntax(peek());
        }
    }

    private SourcePosition position(Token token) {
        return lines.position(token.start());
    }

    private SyntaxException invalidSyntax(Token token) {
        return lines.error(token.start(), "invalid syntax");
    }
}
