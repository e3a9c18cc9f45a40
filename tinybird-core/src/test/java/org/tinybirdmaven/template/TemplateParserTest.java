package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.template.ExpressionParserTest.assertError;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Template structure: text, tags, blocks, and the errors about them. */
class TemplateParserTest {

    @Test
    void keepsTextWithoutTagsAsOneTextNode() {
        assertThat(parse("SELECT * FROM t\n  WHERE a = '{x}' AND b = '}}' % 2"))
                .containsExactly(new Node.Text("SELECT * FROM t\n  WHERE a = '{x}' AND b = '}}' % 2", at(0, 1, 1)));
        assertThat(parse("")).isEmpty();
        assertThat(parse("ends with {")).containsExactly(new Node.Text("ends with {", at(0, 1, 1)));
    }

    @Test
    void outputsAnExpressionWithItsSourceAndPosition() {
        List<Node> nodes = parse(" \nSELECT {{  x + 1 }} FROM t");
        assertThat(nodes).hasSize(3);
        Node.Output output = (Node.Output) nodes.get(1);
        assertThat(output.source()).isEqualTo("x + 1");
        assertThat(output.position()).isEqualTo(at(9, 2, 8));
        assertThat(Sexp.of(output.expression())).isEqualTo("(+ x 1)");
        assertThat(nodes.get(2)).isEqualTo(new Node.Text(" FROM t", at(21, 2, 20)));
    }

    @Test
    void dropsCommentsAndMergesTheTextAroundThem() {
        assertThat(parse("a{# one {{ x }} #}b{% comment two %}c{% autoescape None %}d"))
                .containsExactly(new Node.Text("abcd", at(0, 1, 1)));
    }

    @Test
    void writesEscapedDelimitersLiterally() {
        assertThat(parse("{{! x }} {%! if %} {#! c #}"))
                .containsExactly(new Node.Text("{{ x }} {% if %} {# c #}", at(0, 1, 1)));
    }

    @Test
    void opensTagsWithTheInnermostBraces() {
        List<Node> nodes = parse("{{{x}}}");
        assertThat(nodes.get(0)).isEqualTo(new Node.Text("{", at(0, 1, 1)));
        assertThat(((Node.Output) nodes.get(1)).source()).isEqualTo("x");
        assertThat(nodes.get(2)).isEqualTo(new Node.Text("}", at(6, 1, 7)));
    }

    @Test
    void rendersRawLikeAnExpression() {
        Node.Output output = (Node.Output) parse("{% raw a.b %}").get(0);
        assertThat(output.source()).isEqualTo("a.b");
        assertThat(Sexp.of(output.expression())).isEqualTo("(. a b)");
    }

    @Test
    void parsesIfElifElse() {
        Node.If ifNode = (Node.If) parse("{% if a %}1{% elif b or c %}2{% elif d %}{% else %}4{% end %}").get(0);
        assertThat(ifNode.branches()).extracting(branch -> Sexp.of(branch.condition()))
                .containsExactly("a", "(or b c)", "d");
        assertThat(ifNode.branches().get(0).body()).containsExactly(new Node.Text("1", at(10, 1, 11)));
        assertThat(ifNode.branches().get(1).position()).isEqualTo(at(11, 1, 12));
        assertThat(ifNode.branches().get(2).body()).isEmpty();
        assertThat(ifNode.orElse()).containsExactly(new Node.Text("4", at(51, 1, 52)));
        assertThat(ifNode.position()).isEqualTo(at(0, 1, 1));
    }

    @Test
    void acceptsTextAfterEndAsTornadoDoes() {
        Node.If ifNode = (Node.If) parse("{% if a %}x{% end if %}").get(0);
        assertThat(ifNode.orElse()).isEmpty();
    }

    @Test
    void parsesForLoopsWithTupleTargetsAndElse() {
        Node.For loop = (Node.For) parse(
                "{% for i, (k, v) in enumerate(d.items()) %}{% if i %}{% break %}{% end %}{% continue %}"
                        + "{% else %}none{% end %}").get(0);
        assertThat(Sexp.of(loop.target())).isEqualTo("(i (k v))");
        assertThat(Sexp.of(loop.iterable())).isEqualTo("(call enumerate (call (. d items)))");
        Node.If ifNode = (Node.If) loop.body().get(0);
        assertThat(ifNode.branches().get(0).body()).containsExactly(new Node.Break(at(53, 1, 54)));
        assertThat(loop.body().get(1)).isInstanceOf(Node.Continue.class);
        assertThat(loop.orElse()).extracting(node -> ((Node.Text) node).text()).containsExactly("none");
    }

    @Test
    void acceptsAnUnparenthesisedTupleAsLoopIterable() {
        Node.For loop = (Node.For) parse("{% for x in 1, 2, *rest %}{% end %}").get(0);
        assertThat(Sexp.of(loop.iterable())).isEqualTo("(tuple 1 2 (* rest))");
    }

    @Test
    void parsesWhileLoops() {
        Node.While loop = (Node.While) parse("{% while n < 3 %}{% set n += 1 %}{% else %}done{% end %}").get(0);
        assertThat(Sexp.of(loop.condition())).isEqualTo("(cmp n < 3)");
        Node.AugmentedAssignment increment = (Node.AugmentedAssignment) loop.body().get(0);
        assertThat(increment.target().id()).isEqualTo("n");
        assertThat(increment.operator()).isEqualTo(Expr.BinaryOperator.ADD);
        assertThat(loop.orElse()).hasSize(1);
    }

    @Test
    void parsesTryExceptElseFinally() {
        Node.Try tryNode = (Node.Try) parse(
                "{% try %}a{% except ValueError as e %}b{% except (KeyError, IndexError) %}c{% except %}d"
                        + "{% else %}e{% finally %}f{% end %}").get(0);
        assertThat(tryNode.body()).extracting(node -> ((Node.Text) node).text()).containsExactly("a");
        assertThat(tryNode.handlers()).extracting(handler -> handler.type() == null ? null : Sexp.of(handler.type()))
                .containsExactly("ValueError", "(tuple KeyError IndexError)", null);
        assertThat(tryNode.handlers()).extracting(Node.Handler::name).containsExactly("e", null, null);
        assertThat(tryNode.handlers().get(2).body()).extracting(node -> ((Node.Text) node).text()).containsExactly("d");
        assertThat(tryNode.orElse()).extracting(node -> ((Node.Text) node).text()).containsExactly("e");
        assertThat(tryNode.finallyBody()).extracting(node -> ((Node.Text) node).text()).containsExactly("f");
    }

    @Test
    void parsesTryFinallyWithoutHandlers() {
        Node.Try tryNode = (Node.Try) parse("{% try %}a{% finally %}f{% end %}").get(0);
        assertThat(tryNode.handlers()).isEmpty();
        assertThat(tryNode.finallyBody()).hasSize(1);
    }

    @Test
    void parsesAssignments() {
        Node.Assignment simple = (Node.Assignment) parse("{% set _days = day_diff(a, b) %}").get(0);
        assertThat(Sexp.of(simple.target())).isEqualTo("_days");
        assertThat(Sexp.of(simple.value())).isEqualTo("(call day_diff a b)");
        assertThat(simple.position()).isEqualTo(at(0, 1, 1));

        Node.Assignment unpacking = (Node.Assignment) parse("{% set a, [b, c] = 1, (2, 3) %}").get(0);
        assertThat(Sexp.of(unpacking.target())).isEqualTo("(a (b c))");
        assertThat(Sexp.of(unpacking.value())).isEqualTo("(tuple 1 (tuple 2 3))");

        Node.AugmentedAssignment shift = (Node.AugmentedAssignment) parse("{% set x >>= 2 %}").get(0);
        assertThat(shift.operator()).isEqualTo(Expr.BinaryOperator.RIGHT_SHIFT);
    }

    @Test
    void keepsPositionsOfTheCallersText() {
        List<Node> nodes = parse(" \n  SELECT\n  {% if defined(x) %}\n    {{ x }}\n  {% end %}");
        Node.If ifNode = (Node.If) nodes.get(1);
        assertThat(ifNode.position()).isEqualTo(at(13, 3, 3));
        Node.Output output = (Node.Output) ifNode.branches().get(0).body().get(1);
        assertThat(output.position()).isEqualTo(at(37, 4, 5));
        assertThat(output.expression().position()).isEqualTo(at(40, 4, 8));
    }

    @Test
    void treatsTagDelimitersInsidePythonStringsAsTornadoDoes() {
        Node.If ifNode = (Node.If) parse("{% if '}}' in x %}{{ '{%' }}{% end %}").get(0);
        assertThat(Sexp.of(ifNode.branches().get(0).condition())).isEqualTo("(cmp '}}' in x)");
        assertError("{% if '%}' in x %}{% end %}", "unterminated string literal", 1, 7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "{% if x %}abc"                                  | Missing {% end %} block for if                  | 1 | 1
            "a\\n{% for a in b %}\\n{% if a %}\\n{% end %}"  | Missing {% end %} block for for                 | 2 | 1
            "{% while x %}{% try %}{% except %}{% end %}"    | Missing {% end %} block for while               | 1 | 1
            "{% try %}{% finally %}"                         | Missing {% end %} block for try                 | 1 | 1
            "a\\n  {% end %}"                                | Extra {% end %} block                           | 2 | 3
            "{% if a %}{% end %}{% end %}"                   | Extra {% end %} block                           | 1 | 20
            "x {% else %}"                                   | else outside if, for, while or try block        | 1 | 3
            "{% elif x %}"                                   | elif outside if block                           | 1 | 1
            "{% except %}"                                   | except outside try block                        | 1 | 1
            "{% finally %}"                                  | finally outside try block                       | 1 | 1
            "{% for x in y %}{% elif z %}{% end %}"          | elif block cannot be attached to for block      | 1 | 17
            "{% if x %}{% except %}{% end %}"                | except block cannot be attached to if block     | 1 | 11
            "{% while x %}{% finally %}{% end %}"            | finally block cannot be attached to while block | 1 | 14
            "a {{ x"                                         | Missing end expression }}                       | 1 | 3
            "a {{ x }"                                       | Missing end expression }}                       | 1 | 3
            "{% if x %}"                                     | Missing {% end %} block for if                  | 1 | 1
            "\\n {% if x"                                    | Missing end block %}                            | 2 | 2
            "{# comment"                                     | Missing end comment #}                          | 1 | 1
            "a{{ \\n }}"                                     | Empty expression                                | 1 | 2
            "{%  %}"                                         | Empty block tag ({% %})                         | 1 | 1
            "{% endif %}"                                    | unknown operator: 'endif'                       | 1 | 1
            "{% if(x) %}{% end %}"                           | unknown operator: 'if(x)'                       | 1 | 1
            "{% if\\tx %}{% end %}"                          | unknown operator: 'if\\tx'                      | 1 | 1
            "{% break %}"                                    | break outside for or while block                | 1 | 1
            "{% if x %}{% continue %}{% end %}"              | continue outside for or while block             | 1 | 11
            "{% for x in y %}{% else %}{% break %}{% end %}" | break outside for or while block                | 1 | 27
            "{% import os %}"                                | import is forbidden                             | 1 | 1
            "{% from os import path %}"                      | import is forbidden                             | 1 | 1
            "{% extends 'base.sql' %}"                       | {% extends %} is not supported in templates     | 1 | 1
            "{% include 'a.sql' %}"                          | {% include %} is not supported in templates     | 1 | 1
            "{% module x %}"                                 | {% module %} is not supported in templates      | 1 | 1
            "{% apply upper %}x{% end %}"                    | {% apply %} is not supported in templates       | 1 | 1
            "{% block b %}x{% end %}"                        | {% block %} is not supported in templates       | 1 | 1
            "{% whitespace oneline %}"                       | {% whitespace %} is not supported in templates  | 1 | 1
            "{% set %}"                                      | set missing statement                           | 1 | 1
            """)
    void reportsStructureErrors(String source, String reason, int line, int column) {
        assertError(source.replace("\\n", "\n").replace("\\t", "\t"), reason, line, column);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "{% if %}{% end %}" | invalid syntax | 1 | 6
            "{% if a b %}{% end %}" | invalid syntax | 1 | 9
            "{% if a, b %}{% end %}" | invalid syntax | 1 | 8
            "{% if a %}{% else b %}{% end %}" | invalid syntax | 1 | 19
            "{% try x %}{% except %}{% end %}" | invalid syntax | 1 | 8
            "{% for x in y %}{% break now %}{% end %}" | invalid syntax | 1 | 26
            "{% for x y %}{% end %}" | invalid syntax | 1 | 10
            "{% for 1 in y %}{% end %}" | cannot assign to literal | 1 | 8
            "{% for x.a in y %}{% end %}" | only names and tuples of names can be assigned in templates | 1 | 8
            "{% set x %}" | invalid syntax | 1 | 9
            "{% set x = 1 = 2 %}" | invalid syntax | 1 | 14
            "{% set d['k'] = 1 %}" | only names and tuples of names can be assigned in templates | 1 | 8
            "{% set *a, b = c %}" | only names and tuples of names can be assigned in templates | 1 | 8
            "{% set (a, b) += 1 %}" | illegal expression for augmented assignment | 1 | 8
            "{% set x **= 2 %}" | Invalid BinOp: Pow() | 1 | 10
            "{% try %}{% except A, B %}{% end %}" | multiple exception types must be parenthesized | 1 | 20
            "{% try %}{% except A as %}{% end %}" | invalid syntax | 1 | 24
            "{% if a %}{% else %}{% elif b %}{% end %}" | elif block cannot follow else block | 1 | 21
            "{% if a %}{% else %}{% else %}{% end %}" | else block cannot follow else block | 1 | 21
            "{% for a in b %}{% else %}{% else %}{% end %}" | else block cannot follow else block | 1 | 27
            "{% try %}x{% end %}" | expected 'except' or 'finally' block | 1 | 11
            "{% try %}x{% else %}{% end %}" | expected 'except' or 'finally' block | 1 | 11
            "{% try %}{% except %}{% except E %}{% end %}" | default 'except:' must be last | 1 | 22
            "{% try %}{% finally %}{% except %}{% end %}" | except block cannot follow finally block | 1 | 23
            "{% try %}{% except %}{% else %}{% except %}{% end %}" | except block cannot follow else block | 1 | 32
            "{% try %}{% finally %}{% finally %}{% end %}" | finally block cannot follow finally block | 1 | 23
            """)
    void reportsPythonErrorsInStatements(String source, String reason, int line, int column) {
        assertError(source, reason, line, column);
    }

    @Test
    void reportsStructureErrorsBeforePythonErrorsAsTornadoCompilesLast() {
        assertError("{{ a + }}\n{% end %}", "Extra {% end %} block", 2, 1);
        assertError("{% if a b %}x", "Missing {% end %} block for if", 1, 1);
    }

    @Test
    void reportsTheFirstPythonError() {
        assertError("{{ a b }}\n{{ c d }}", "invalid syntax", 1, 6);
        assertError("{{ 2 ** 3 }}\n{{ c d }}", "Invalid BinOp: Pow()", 1, 6);
    }

    @Test
    void locatesErrorsOnLaterLines() {
        assertError("SELECT 1\nWHERE x = {{ f(a,\n  b c) }}", "invalid syntax", 3, 5);
    }

    private static List<Node> parse(String source) {
        return TemplateParser.parse(source).nodes();
    }

    private static SourcePosition at(int offset, int line, int column) {
        return new SourcePosition(offset, line, column);
    }
}
