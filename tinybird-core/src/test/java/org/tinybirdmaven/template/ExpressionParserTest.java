package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinybirdmaven.syntax.SyntaxException;

/** Python expressions inside {@code {{ }}}: shapes, precedence, literals and errors. */
class ExpressionParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
            not a in b                          => (not (cmp a in b))
            not not a                           => (not (not a))
            a if b else c if d else e           => (if b a (if d c e))
            (a if b else c) if d else e         => (if d (if b a c) e)
            a or b and not c                    => (or a (and b (not c)))
            a or b or c                         => (or a b c)
            a and b or c and d                  => (or (and a b) (and c d))
            a < b <= c                          => (cmp a < b <= c)
            a == b != c > d >= e                => (cmp a == b != c > d >= e)
            a not in b is not c is d in e       => (cmp a not-in b is-not c is d in e)
            a | b ^ c & d << e + f * -g         => (| a (^ b (& c (<< d (+ e (* f (- g)))))))
            a - b - c                           => (- (- a b) c)
            a // b % c @ d / e * f              => (* (/ (@ (% (// a b) c) d) e) f)
            a << b >> c                         => (>> (<< a b) c)
            - - ~ + a                           => (- (- (~ (+ a))))
            -a.b[c](d)                          => (- (call ([] (. a b) c) d))
            a + b < c * d                       => (cmp (+ a b) < (* c d))
            not a == b and c                    => (and (not (cmp a == b)) c)
            lambda: 0                           => (lambda () 0)
            lambda x: x if x else y             => (lambda (x) (if x x y))
            lambda a, b=1, *c, d, e=2, **f: a   => (lambda (a b=1 *c kw:d kw:e=2 **f) a)
            a, b                                => (tuple a b)
            a, *b,                              => (tuple a (* b))
            (a)                                 => a
            (a,)                                => (tuple a)
            ()                                  => (tuple)
            (*a, b)                             => (tuple (* a) b)
            []                                  => (list)
            [a, *b, c,]                         => (list a (* b) c)
            {}                                  => (dict)
            {a, *b}                             => (set a (* b))
            {**a, 'b': 1, c: d,}                => (dict **a 'b':1 c:d)
            [x for x in y if x if z for w in x] => (listcomp x (for x y (if x) (if z)) (for w x))
            {k: v for k, v in d.items()}        => (dictcomp k:v (for (k v) (call (. d items))))
            {x for (a, [b]) in y}               => (setcomp x (for (a (b)) y))
            (x for x in y)                      => (generatorcomp x (for x y))
            f(x for x in y)                     => (call f (generatorcomp x (for x y)))
            [x for x in a or b]                 => (listcomp x (for x (or a b)))
            f()                                 => (call f)
            f(a, *b, k=1, *c, **d, m=2,)        => (call f a *b k=1 *c **d m=2)
            f(a)(b)                             => (call (call f a) b)
            a[1:2, ::3]                         => ([] a (tuple (: 1 2 _) (: _ _ 3)))
            a[:]                                => ([] a (: _ _ _))
            a[i:]                               => ([] a (: i _ _))
            a[1, 2]                             => ([] a (tuple 1 2))
            a.b.c                               => (. (. a b) c)
            '{}'.format(x)                      => (call (. '{}' format) x)
            x.if_                               => (. x if_)
            True and False or None              => (or (and True False) None)
            """)
    void parsesWithPythonPrecedence(String source, String expected) {
        assertThat(Sexp.of(source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0                              | 0
            00                             | 0
            1_000_000                      | 1000000
            0x_fF                          | 255
            0o17                           | 15
            0B101                          | 5
            1.5e-3                         | 0.0015d
            .5                             | 0.5d
            1.                             | 1.0d
            1_0.2_5E1_0                    | 1.025E11d
            123456789012345678901234567890 | 123456789012345678901234567890
            'a' "b" '''c''' \"""d\"""      | 'abcd'
            r'\\n' R"\\d"                  | '\\n\\d'
            u'x' U"y"                      | 'xy'
            """)
    void readsLiterals(String source, String expected) {
        assertThat(Sexp.of(source)).isEqualTo(expected);
    }

    @Test
    void readsDoubleBracesInsideAStatementAsSetDisplays() {
        Node.If ifNode = (Node.If) TemplateParser.parse("{% if defined({{x}}) %}{% end %}").nodes().get(0);
        assertThat(Sexp.of(ifNode.branches().get(0).condition())).isEqualTo("(call defined (set (set x)))");
    }

    @Test
    void decodesStringEscapes() {
        Expr.Literal literal =
                literal("'\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r\\x41\\101\\0\\u00e9\\U0001F600\\N{BULLET}\\q\\\n!'");
        assertThat(literal.value())
                .isEqualTo("\n\t\\'\"\u0007\b\f\u000b\rAA\0é\uD83D\uDE00•\\q!");
    }

    @Test
    void keepsIntegersArbitrarilyLargeAndFloatsAsDoubles() {
        assertThat(literal("9223372036854775808").value()).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(literal("2.5").value()).isEqualTo(2.5);
    }

    @Test
    void readsMultiLineStringsAndBracketedLineBreaks() {
        assertThat(Sexp.of("'''a\nb'''")).isEqualTo("'a\nb'");
        assertThat(Sexp.of("f(a,\n  b)")).isEqualTo("(call f a b)");
        assertThat(Sexp.of("a + \\\n b")).isEqualTo("(+ a b)");
        assertThat(Sexp.of("a # comment")).isEqualTo("a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            f'a{b}c'              | (f 'a' (fmt b) 'c')
            f'{b!r:>{w}.{p}f}'    | (f (fmt b !r (f '>' (fmt w) '.' (fmt p) 'f')))
            'a' f'{b!s}' 'c' f'd' | (f 'a' (fmt b !s) 'cd')
            f'{{x}} {{'           | (f '{x} {')
            rf'\\{a}'             | (f '\\' (fmt a))
            f'\\N{BULLET}{a!a}'   | (f '•' (fmt a !a))
            f'{a["k"]:%Y}'        | (f (fmt ([] a 'k') (f '%Y')))
            f'{a != b}'           | (f (fmt (cmp a != b)))
            f'{a, b}'             | (f (fmt (tuple a b)))
            """)
    void readsFormattedStrings(String source, String expected) {
        Node.Assignment assignment =
                (Node.Assignment) TemplateParser.parse("{% set s = " + source + " %}").nodes().get(0);
        assertThat(Sexp.of(assignment.value())).isEqualTo(expected);
    }

    @Test
    void recordsWhereEachNodeStarts() {
        Node.Output output = (Node.Output) TemplateParser.parse("x\n  {{ a.b(c) + d[e] }}").nodes().get(1);
        Expr.Binary sum = (Expr.Binary) output.expression();
        Expr.Call call = (Expr.Call) sum.left();
        Expr.Subscript subscript = (Expr.Subscript) sum.right();
        assertThat(sum.position()).isEqualTo(new SourcePosition(7, 2, 6));
        assertThat(call.position()).isEqualTo(new SourcePosition(7, 2, 6));
        assertThat(((Expr.PositionalArgument) call.arguments().get(0)).value().position())
                .isEqualTo(new SourcePosition(11, 2, 10));
        assertThat(subscript.index().position()).isEqualTo(new SourcePosition(18, 2, 17));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a + | invalid syntax | 7
            f(a b) | invalid syntax | 8
            a b | invalid syntax | 6
            x := 1 | invalid syntax | 6
            a <> b | invalid syntax | 7
            a = b | invalid syntax | 6
            x.if | invalid syntax | 6
            ... | invalid syntax | 4
            lambda *, a: 0 | invalid syntax | 12
            2 ** 3 | Invalid BinOp: Pow() | 6
            -x ** 2 | Invalid BinOp: Pow() | 7
            a ** b ** c | Invalid BinOp: Pow() | 6
            a ** (b c) | invalid syntax | 12
            *a | can't use starred expression here | 4
            (*a) | cannot use starred expression here | 5
            a if b | expected 'else' after 'if' expression | 4
            f(a=1, b) | positional argument follows keyword argument | 11
            f(**k, a) | positional argument follows keyword argument unpacking | 11
            f(**k, *a) | iterable argument unpacking follows keyword argument unpacking | 11
            f(a=1, a=2) | keyword argument repeated: a | 11
            f(x for x in y, 1) | Generator expression must be parenthesized | 6
            f(1, x for x in y) | Generator expression must be parenthesized | 9
            lambda a=1, b: 0 | non-default argument follows default argument | 16
            lambda a, a: 0 | duplicate argument 'a' in function definition | 14
            (a | '(' was never closed | 4
            a) | unmatched ')' | 5
            [a) | closing parenthesis ')' does not match opening parenthesis '[' | 6
            'abc | unterminated string literal | 4
            '''abc | unterminated triple-quoted string literal | 4
            b'x' | bytes literals are not supported in templates | 4
            0777 | leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers | 4
            1abc | invalid decimal literal | 4
            1__0 | invalid decimal literal | 4
            1_ | invalid decimal literal | 4
            1e | invalid decimal literal | 4
            0x | invalid hexadecimal literal | 4
            0b12 | invalid binary literal | 4
            1j | complex literals are not supported in templates | 4
            a $ b | invalid syntax | 6
            a ? b | invalid syntax | 6
            a ! b | invalid syntax | 6
            a € b | invalid character '€' (U+20AC) | 6
            a \\ b | unexpected character after line continuation character | 6
            '\\x4' | (unicode error) truncated \\xXX escape | 5
            '\\u12' | (unicode error) truncated \\uXXXX escape | 5
            '\\U00110000' | (unicode error) illegal Unicode character | 5
            '\\N{NO SUCH NAME}' | (unicode error) unknown Unicode character name | 5
            """)
    void reportsPythonErrorsAtTheOffendingToken(String source, String reason, int column) {
        assertError("{{ " + source + " }}", reason, 1, column);
    }

    @Test
    void reportsANonPrintableCharacter() {
        assertError("{{ a\u00a0b }}", "invalid non-printable character U+00A0", 1, 5);
    }

    @Test
    void rejectsALineBreakOutsideBrackets() {
        assertError("{{ a\n + b }}", "invalid syntax", 1, 5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            f'{}'      | f-string: empty expression not allowed                            | 15
            f'}'       | f-string: single '}' is not allowed                               | 14
            f'{x!z}'   | f-string: invalid conversion character: expected 's', 'r', or 'a' | 17
            f'{x!r'    | f-string: expecting '}'                                           | 18
            f'{x'      | f-string: expecting '}'                                           | 14
            f'{x:'     | f-string: expecting '}'                                           | 17
            f'{x)'     | f-string: unmatched ')'                                           | 16
            f'{x#}'    | f-string expression part cannot include '#'                       | 16
            f'{"\\n"}' | f-string expression part cannot include a backslash               | 16
            f'{a b}'   | invalid syntax                                                    | 17
            f'{2**3}'  | Invalid BinOp: Pow()                                              | 16
            """)
    void reportsFormattedStringErrors(String source, String reason, int column) {
        assertError("{% set s = " + source + " %}", reason, 1, column);
    }

    private static Expr.Literal literal(String source) {
        Node.Output output = (Node.Output) TemplateParser.parse("{{ " + source + " }}").nodes().get(0);
        return (Expr.Literal) output.expression();
    }

    static void assertError(String source, String reason, int line, int column) {
        assertThatThrownBy(() -> TemplateParser.parse(source))
                .isInstanceOfSatisfying(SyntaxException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.line()).as("line").isEqualTo(line);
                    assertThat(e.column()).as("column").isEqualTo(column);
                });
    }
}
