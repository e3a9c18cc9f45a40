package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tinybirdmaven.syntax.SyntaxException;
import org.tinybirdmaven.template.TemplateLexer.Chunk;
import org.tinybirdmaven.template.TemplateLexer.ExpressionTag;
import org.tinybirdmaven.template.TemplateLexer.StatementTag;

/**
 * Parses the SQL of a templated Tinybird node (spec §4) into a {@link Template}.
 *
 * <p>Three stages: {@link TemplateLexer} cuts the source into text, {@code {{ }}} and {@code {% %}} chunks (Tornado's
 * scanning rules); this class nests the {@code {% %}} statements into blocks ({@code if/elif/else},
 * {@code for}, {@code while}, {@code try/except/else/finally}, each closed by {@code {% end %}}); the Python inside
 * tags goes to {@link ExpressionParser}, which builds the {@link Expr} trees.
 *
 * <p>As in Tornado, which checks the block structure before compiling the generated Python, a block-structure error
 * anywhere wins over a Python error; among Python errors the first in the source is reported.
 *
 * <p>Statements besides the blocks: {@code set} (Tornado runs any Python statement; templates may assign to names and
 * tuples of names, plain or augmented like {@code +=}), {@code break} and {@code continue} (only inside a loop, and
 * not in the loop's {@code else}), {@code raw expr} (same as {@code {{ expr }}}), {@code comment} and {@code autoescape}
 * (ignored: Tinybird's escape function is the identity), {@code import} / {@code from} ("import is forbidden").
 * Tornado's {@code extends}, {@code include}, {@code module}, {@code apply}, {@code block} and {@code whitespace} are
 * rejected: they need a template loader or change output whitespace, neither of which Tinybird provides.
 */
public final class TemplateParser {

    private static final Map<String, List<String>> INTERMEDIATE_PARENTS = Map.of(
            "else", List.of("if", "for", "while", "try"),
            "elif", List.of("if"),
            "except", List.of("try"),
            "finally", List.of("try"));

    private record OpenBlock(String kind, StatementTag tag) {}

    /** The nodes of a block part and the tag that ended it ({@code null} at the end of the template). */
    private record Body(List<Node> nodes, StatementTag terminator) {
        String terminatorOperator() {
            return terminator.operator();
        }
    }

    private record ForHeader(Target target, Expr iterable) {}

    private final String source;
    private final LineMap lines;
    private final List<Chunk> chunks;
    private int nextChunk;
    private SyntaxException firstPythonError;

    private TemplateParser(String source) {
        this.source = source;
        this.lines = new LineMap(source);
        this.chunks = TemplateLexer.tokenize(source, lines);
    }

    /**
     * Parses a template.
     *
     * @param source the node's SQL with the leading {@code %} marker already blanked out, so that positions in
     *     errors and in the AST are positions in the caller's text
     * @throws SyntaxException with a Tornado / Python / Tinybird-style reason and the 1-based position of the
     *     offending tag or token
     */
    public static Template parse(String source) {
        TemplateParser parser = new TemplateParser(source);
        Body body = parser.body(null, false);
        if (parser.firstPythonError != null) {
            throw parser.firstPythonError;
        }
        return new Template(source, body.nodes());
    }

    /** Reads nodes up to the {@code end} or intermediate tag that belongs to {@code block}, or to the end of input. */
    private Body body(OpenBlock block, boolean inLoop) {
        List<Node> nodes = new ArrayList<>();
        while (nextChunk < chunks.size()) {
            Chunk chunk = chunks.get(nextChunk++);
            if (chunk instanceof TemplateLexer.Text text) {
                addText(nodes, text);
            } else if (chunk instanceof ExpressionTag tag) {
                nodes.add(output(tag.tagOffset(), tag.start(), tag.end()));
            } else {
                StatementTag tag = (StatementTag) chunk;
                String operator = tag.operator();
                if (INTERMEDIATE_PARENTS.containsKey(operator)) {
                    checkIntermediate(tag, block);
                    return new Body(nodes, tag);
                }
                if (operator.equals("end")) {
                    if (block == null) {
                        throw lines.error(tag.tagOffset(), "Extra {% end %} block");
                    }
                    return new Body(nodes, tag);
                }
                Node node = statement(tag, inLoop);
                if (node != null) {
                    nodes.add(node);
                }
            }
        }
        if (block != null) {
            throw lines.error(block.tag().tagOffset(), "Missing {% end %} block for " + block.kind());
        }
        return new Body(nodes, null);
    }

    private void checkIntermediate(StatementTag tag, OpenBlock block) {
        String operator = tag.operator();
        List<String> parents = INTERMEDIATE_PARENTS.get(operator);
        if (block == null) {
            throw lines.error(tag.tagOffset(), operator + " outside " + alternatives(parents) + " block");
        }
        if (!parents.contains(block.kind())) {
            throw lines.error(tag.tagOffset(), operator + " block cannot be attached to " + block.kind() + " block");
        }
    }

    private static String alternatives(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** A statement tag other than {@code end} and the intermediate ones; null for tags that leave no node. */
    private Node statement(StatementTag tag, boolean inLoop) {
        String operator = tag.operator();
        return switch (operator) {
            case "if" -> ifBlock(tag, inLoop);
            case "for" -> forBlock(tag, inLoop);
            case "while" -> whileBlock(tag, inLoop);
            case "try" -> tryBlock(tag, inLoop);
            case "set" -> assignment(tag);
            case "break", "continue" -> loopControl(tag, inLoop);
            case "raw" -> output(tag.tagOffset(), tag.suffixStart(), tag.suffixEnd());
            case "comment", "autoescape" -> null;
            case "import", "from" -> throw lines.error(tag.tagOffset(), "import is forbidden");
            case "extends", "include", "module", "apply", "block", "whitespace" -> throw lines.error(
                    tag.tagOffset(), "{% " + operator + " %} is not supported in templates");
            default -> throw lines.error(tag.tagOffset(), "unknown operator: " + pythonRepr(operator));
        };
    }

    private Node ifBlock(StatementTag tag, boolean inLoop) {
        OpenBlock block = new OpenBlock("if", tag);
        Expr condition = condition(tag);
        Body body = body(block, inLoop);
        List<Node.Branch> branches = new ArrayList<>(List.of(new Node.Branch(condition, body.nodes(), position(tag))));
        List<Node> orElse = List.of();
        boolean afterElse = false;
        while (!body.terminatorOperator().equals("end")) {
            StatementTag tagOfPart = body.terminator();
            if (afterElse) {
                deferPythonError(tagOfPart.tagOffset(), tagOfPart.operator() + " block cannot follow else block");
            }
            if (tagOfPart.operator().equals("elif")) {
                Expr branchCondition = condition(tagOfPart);
                body = body(block, inLoop);
                branches.add(new Node.Branch(branchCondition, body.nodes(), position(tagOfPart)));
            } else {
                requireNoSuffix(tagOfPart);
                afterElse = true;
                body = body(block, inLoop);
                orElse = body.nodes();
            }
        }
        return new Node.If(branches, orElse, position(tag));
    }

    private Node forBlock(StatementTag tag, boolean inLoop) {
        ForHeader header = python(tag.suffixStart(), tag.suffixEnd(), parser -> {
            Target target = parser.parseTargetList();
            parser.expectKeyword("in");
            return new ForHeader(target, parser.parseExpressionList());
        }, new ForHeader(new Target.Name("", position(tag)), placeholder(tag)));
        OpenBlock block = new OpenBlock("for", tag);
        Body body = body(block, true);
        List<Node> orElse = loopElse(block, body, inLoop);
        return new Node.For(header.target(), header.iterable(), body.nodes(), orElse, position(tag));
    }

    private Node whileBlock(StatementTag tag, boolean inLoop) {
        Expr condition = condition(tag);
        OpenBlock block = new OpenBlock("while", tag);
        Body body = body(block, true);
        return new Node.While(condition, body.nodes(), loopElse(block, body, inLoop), position(tag));
    }

    /** The {@code else} part of a loop, if {@code body} ended with one; it is outside the loop, as in Python. */
    private List<Node> loopElse(OpenBlock block, Body body, boolean outerInLoop) {
        if (body.terminatorOperator().equals("end")) {
            return List.of();
        }
        requireNoSuffix(body.terminator());
        Body elseBody = body(block, outerInLoop);
        StatementTag terminator = elseBody.terminator();
        if (!terminator.operator().equals("end")) {
            deferPythonError(terminator.tagOffset(), "else block cannot follow else block");
            return loopElse(block, elseBody, outerInLoop);
        }
        return elseBody.nodes();
    }

    private Node tryBlock(StatementTag tag, boolean inLoop) {
        requireNoSuffix(tag);
        OpenBlock block = new OpenBlock("try", tag);
        Body body = body(block, inLoop);
        List<Node> tryBody = body.nodes();
        List<Node.Handler> handlers = new ArrayList<>();
        List<Node> orElse = List.of();
        List<Node> finallyBody = List.of();
        String previousPart = "try";
        boolean afterBareExcept = false;
        boolean hasFinally = false;
        while (!body.terminatorOperator().equals("end")) {
            StatementTag partTag = body.terminator();
            String part = partTag.operator();
            if (previousPart.equals("finally") || (previousPart.equals("else") && !part.equals("finally"))) {
                deferPythonError(partTag.tagOffset(), part + " block cannot follow " + previousPart + " block");
            }
            switch (part) {
                case "except" -> {
                    if (afterBareExcept) {
                        deferPythonError(partTag.tagOffset(), "default 'except:' must be last");
                    }
                    ExpressionParser.ExceptClause clause = python(partTag.suffixStart(), partTag.suffixEnd(),
                            ExpressionParser::parseExceptClause, new ExpressionParser.ExceptClause(null, null));
                    afterBareExcept = clause.type() == null;
                    body = body(block, inLoop);
                    handlers.add(new Node.Handler(clause.type(), clause.name(), body.nodes(), position(partTag)));
                }
                case "else" -> {
                    if (handlers.isEmpty()) {
                        deferPythonError(partTag.tagOffset(), "expected 'except' or 'finally' block");
                    }
                    requireNoSuffix(partTag);
                    body = body(block, inLoop);
                    orElse = body.nodes();
                }
                default -> {
                    requireNoSuffix(partTag);
                    hasFinally = true;
                    body = body(block, inLoop);
                    finallyBody = body.nodes();
                }
            }
            previousPart = part;
        }
        if (handlers.isEmpty() && !hasFinally) {
            deferPythonError(body.terminator().tagOffset(), "expected 'except' or 'finally' block");
        }
        return new Node.Try(tryBody, handlers, orElse, finallyBody, position(tag));
    }

    private Node assignment(StatementTag tag) {
        if (!tag.hasSuffix()) {
            throw lines.error(tag.tagOffset(), "set missing statement");
        }
        ExpressionParser.Assignment assignment = python(tag.suffixStart(), tag.suffixEnd(),
                ExpressionParser::parseAssignment,
                new ExpressionParser.Assignment(new Target.Name("", position(tag)), null, placeholder(tag)));
        if (assignment.operator() == null) {
            return new Node.Assignment(assignment.target(), assignment.value(), position(tag));
        }
        return new Node.AugmentedAssignment(
                (Target.Name) assignment.target(), assignment.operator(), assignment.value(), position(tag));
    }

    private Node loopControl(StatementTag tag, boolean inLoop) {
        if (!inLoop) {
            throw lines.error(tag.tagOffset(), tag.operator() + " outside for or while block");
        }
        requireNoSuffix(tag);
        return tag.operator().equals("break") ? new Node.Break(position(tag)) : new Node.Continue(position(tag));
    }

    private Node output(int tagOffset, int start, int end) {
        Expr expression = python(start, end, ExpressionParser::parseExpressionList, placeholder(tagOffset));
        return new Node.Output(expression, source.substring(start, end), lines.position(tagOffset));
    }

    private Expr condition(StatementTag tag) {
        return python(tag.suffixStart(), tag.suffixEnd(), ExpressionParser::parseExpression, placeholder(tag));
    }

    /** Tornado turns {@code {% else x %}} into the Python {@code else x:}, a syntax error at {@code x}. */
    private void requireNoSuffix(StatementTag tag) {
        if (tag.hasSuffix()) {
            deferPythonError(tag.suffixStart(), "invalid syntax");
        }
    }

    /**
     * Parses one Python fragment. A syntax error is remembered instead of thrown, so that block-structure errors
     * later in the template take precedence; {@code placeholder} stands in for the result meanwhile.
     */
    private <T> T python(int start, int end, Function<ExpressionParser, T> grammar, T placeholder) {
        try {
            ExpressionParser parser = new ExpressionParser(source, start, end, lines);
            T result = grammar.apply(parser);
            parser.finish();
            return result;
        } catch (SyntaxException e) {
            if (firstPythonError == null) {
                firstPythonError = e;
            }
            return placeholder;
        }
    }

    private void deferPythonError(int offset, String reason) {
        if (firstPythonError == null) {
            firstPythonError = lines.error(offset, reason);
        }
    }

    private Expr placeholder(StatementTag tag) {
        return placeholder(tag.tagOffset());
    }

    private Expr placeholder(int offset) {
        return new Expr.Literal(null, lines.position(offset));
    }

    private SourcePosition position(StatementTag tag) {
        return lines.position(tag.tagOffset());
    }

    private void addText(List<Node> nodes, TemplateLexer.Text text) {
        int last = nodes.size() - 1;
        if (last >= 0 && nodes.get(last) instanceof Node.Text previous) {
            nodes.set(last, new Node.Text(previous.text() + text.text(), previous.position()));
        } else {
            nodes.add(new Node.Text(text.text(), lines.position(text.offset())));
        }
    }

    /** Python's {@code repr()} of a string, as Tornado uses it in "unknown operator" messages. */
    private static String pythonRepr(String value) {
        char quote = value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }
}
