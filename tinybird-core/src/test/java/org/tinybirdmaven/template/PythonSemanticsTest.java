package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.template.Renders.error;
import static org.tinybirdmaven.template.Renders.sql;
import static org.tinybirdmaven.template.Renders.testSql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Python subset evaluated by the interpreter, rendered through <code>{{ }}</code> (strings come out quoted, other
 * values as Python's {@code str()}).
 */
class PythonSemanticsTest {

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
            7 // 2                           => 3
            -7 // 2                          => -4
            7 // -2                          => -4
            -7 % 3                           => 2
            7 % -3                           => -2
            7.5 // 2                         => 3.0
            -7.5 % 2                         => 0.5
            1 / 4                            => 0.25
            10 / 2                           => 5.0
            10000000000000000000 * 10000000000000000000 => 100000000000000000000000000000000000000
            -9223372036854775808 - 1         => -9223372036854775809
            1 + True                         => 2
            True + True                      => 2
            True & False                     => False
            6 & 3 | 8 ^ 1                    => 11
            1 << 10                          => 1024
            -16 >> 2                         => -4
            ~5                               => -6
            -(-3)                            => 3
            +True                            => 1
            0.1 + 0.2                        => 0.30000000000000004
            1e16                             => 1e+16
            1e15                             => 1000000000000000.0
            1 / 3                            => 0.3333333333333333
            2.5e-5                           => 2.5e-05
            3 * 1.1                          => 3.3000000000000003
            float('inf') - 1                 => inf
            -0.0                             => -0.0
            divmod(-7, 2)                    => (-4, 1)
            abs(-3.5)                        => 3.5
            round(2.5)                       => 2
            round(3.5)                       => 4
            round(-0.5)                      => 0
            round(2.675, 2)                  => 2.67
            round(0.125, 2)                  => 0.12
            round(1250, -2)                  => 1200
            round(1350, -2)                  => 1400
            pow(2, 10)                       => 1024
            pow(2, -1)                       => 0.5
            pow(3, 4, 5)                     => 1
            1 < 2 < 3                        => True
            1 < 3 < 2                        => False
            1 == 1.0                         => True
            1 == '1'                         => False
            'a' < 'b' <= 'b'                 => True
            [1, 2] < [1, 3]                  => True
            (1, 2) == (1, 2)                 => True
            {'a': 1} == {'a': 1}             => True
            {1, 2} <= {1, 2, 3}              => True
            'b' in 'abc'                     => True
            3 not in [1, 2]                  => True
            'a' in {'a': 1}                  => True
            5 in range(0, 10, 5)             => True
            None is None                     => True
            1 is not None                    => True
            0 or 'x'                         => 'x'
            'a' and 0                        => 0
            None or [] or 5                  => 5
            1 and 2 and 3                    => 3
            not []                           => True
            'y' if 0 else 'n'                => 'n'
            'hello'[1]                       => 'e'
            'hello'[-1]                      => 'o'
            'hello'[1:3]                     => 'el'
            'hello'[::-1]                    => 'olleh'
            'hello'[::2]                     => 'hlo'
            [1, 2, 3, 4, 5][-2:]             => [4, 5]
            [1, 2, 3, 4, 5][5:1:-2]          => [5, 3]
            [1, 2, 3][-10:10]                => [1, 2, 3]
            (1, 2, 3)[1:]                    => (2, 3)
            range(10)[2:8:3]                 => range(2, 8, 3)
            list(range(10)[::-3])            => [9, 6, 3, 0]
            {'a': 1}['a']                    => 1
            [x * 2 for x in range(4) if x != 2]        => [0, 2, 6]
            {x % 3 for x in range(6)}                  => {0, 1, 2}
            {k: v for k, v in zip('ab', [1, 2])}       => {'a': 1, 'b': 2}
            [(i, j) for i in range(3) for j in range(i) if i > 1] => [(2, 0), (2, 1)]
            [y for x in [[1, 2], [3]] for y in x]      => [1, 2, 3]
            sum(x for x in range(5))                   => 10
            next(x for x in [1, 0] if 1 / x)           => 1
            any(1 / x > 0 for x in [1, 0])             => True
            (lambda x, y=2: x * y)(3)                  => 6
            (lambda *a, **k: (a, k))(1, b=2)           => ((1,), {'b': 2})
            (lambda a, *r, b=1: a + b + len(r))(1, 2, b=5) => 7
            sorted(['bb', 'a', 'ccc'], key=lambda s: len(s)) => ['a', 'bb', 'ccc']
            list(map(lambda x: x + 1, [1, 2]))         => [2, 3]
            list(filter(None, [0, 1, '', 'a']))        => [1, 'a']
            len('héllo')                     => 5
            len({'a': 1, 'b': 2})            => 2
            sum([1, 2, 3])                   => 6
            sum([[1], [2]], [])              => [1, 2]
            list(range(2, 10, 3))            => [2, 5, 8]
            list(range(5, 0, -2))            => [5, 3, 1]
            str(1.0)                         => '1.0'
            str(None)                        => 'None'
            int('  -12 ')                    => -12
            int('1_000')                     => 1000
            int('ff', 16)                    => 255
            int(3.9)                         => 3
            int(-3.9)                        => -3
            float('1e-3')                    => 0.001
            float(' -Infinity ')             => -inf
            bool('false')                    => 0
            min(3, 1, 2)                     => 1
            max([1, 5, 3])                   => 5
            max([], default=0)               => 0
            min('bca')                       => 'a'
            max(['a', 'bb'], key=len)        => 'bb'
            sorted([3, 1, 2])                => [1, 2, 3]
            sorted('cab', reverse=True)      => ['c', 'b', 'a']
            sorted([(1, 'b'), (0, 'c'), (1, 'a')]) => [(0, 'c'), (1, 'a'), (1, 'b')]
            list(enumerate('ab', 1))         => [(1, 'a'), (2, 'b')]
            list(zip([1, 2, 3], 'ab'))       => [(1, 'a'), (2, 'b')]
            any([0, '', 1])                  => True
            all([])                          => True
            all([1, 0])                      => False
            list('ab')                       => ['a', 'b']
            dict(a=1, b=2)                   => {'a': 1, 'b': 2}
            dict([('a', 1)], b=2)            => {'a': 1, 'b': 2}
            set([1, 1, 2])                   => {1, 2}
            set()                            => set()
            tuple([1])                       => (1,)
            isinstance(1, int)               => True
            isinstance(True, int)            => True
            isinstance('a', (int, str))      => True
            isinstance(1.0, int)             => False
            chr(65) + chr(0x1F600)           => 'A😀'
            ord('A')                         => 65
            hex(255)                         => '0xff'
            bin(-5)                          => '-0b101'
            oct(8)                           => '0o10'
            list(reversed([1, 2, 3]))        => [3, 2, 1]
            next(iter([7]))                  => 7
            next(iter([]), 'none')           => 'none'
            callable(len)                    => True
            'abcdef'[slice(1, None, 2)]      => 'bdf'
            slice(3)                         => slice(None, 3, None)
            'A,b'.lower()                    => 'a,b'
            'ab'.upper()                     => 'AB'
            '  x '.strip()                   => 'x'
            'xxaxx'.strip('x')               => 'a'
            ' a b  c '.split()               => ['a', 'b', 'c']
            'a,b,,c'.split(',')              => ['a', 'b', '', 'c']
            'a,b,c'.split(',', 1)            => ['a', 'b,c']
            'a,b,c'.rsplit(',', 1)           => ['a,b', 'c']
            '-'.join(['a', 'b'])             => 'a-b'
            'aaa'.replace('a', 'b', 2)       => 'bba'
            'abc'.startswith(('x', 'a'))     => True
            'abc'.endswith('bc')             => True
            'abcabc'.find('c')               => 2
            'abc'.find('z')                  => -1
            'abcabc'.rfind('c')              => 5
            'abcabc'.index('b', 2)           => 4
            'aaa'.count('a')                 => 3
            '12'.isdigit()                   => True
            'ab'.isalpha()                   => True
            '5'.zfill(3)                     => '005'
            'ab'.center(6, '*')              => '**ab**'
            'a'.ljust(3) + '|'               => 'a  |'
            'key=value'.partition('=')       => ('key', '=', 'value')
            'hello world'.title()            => 'Hello World'
            'hello'.capitalize()             => 'Hello'
            'prefix_x'.removeprefix('prefix_') => 'x'
            'a\\nb'.splitlines()             => ['a', 'b']
            [1, 2, 1].count(1)               => 2
            [1, 2, 1].index(2)               => 1
            (1, 2).index(2)                  => 1
            {'a': 1}.get('b', 0)             => 0
            {'a': 1}.get('b') is None        => True
            {'a': 1}.keys()                  => dict_keys(['a'])
            list({'a': 1}.items())           => [('a', 1)]
            {1, 2}.union([3])                => {1, 2, 3}
            {1, 2} & {2, 3}                  => {2}
            {1, 2} - {2}                     => {1}
            {'a': 1} | {'b': 2}              => {'a': 1, 'b': 2}
            [1] * 3                          => [1, 1, 1]
            'ab' * 2                         => 'abab'
            [1] + [2]                        => [1, 2]
            (1,) + (2,)                      => (1, 2)
            f'{1 + 1}'                       => '2'
            f'{3.14159:.2f}'                 => '3.14'
            f'{42:>5}'                       => '   42'
            f'{42:05d}'                      => '00042'
            f'{1234567:,}'                   => '1,234,567'
            f'{0.25:.1%}'                    => '25.0\\%'
            f'{255:#x}'                      => '0xff'
            f'{1e-7:g}'                      => '1e-07'
            f'{123.456:e}'                   => '1.234560e+02'
            f'{12:^6}|'                      => '  12  |'
            f'{[1]!r} {1.5!s}'               => '[1] 1.5'
            f'{2.0}'                         => '2.0'
            '%s-%d' % ('a', 3)               => 'a-3'
            '%05.1f' % 2.345                 => '002.3'
            '%x|%o' % (255, 8)               => 'ff|10'
            '%(a)s' % {'a': 1}               => '1'
            '100%%' % ()                     => '100\\%'
            '%-4s|' % 'a'                    => 'a   |'
            """)
    void expressions(String expression, String expected) {
        assertThat(sql("{{ " + expression + " }}")).isEqualTo(expected);
    }

    @Test
    void fStringsUseStrOfTinybirdsTypedValues() {
        assertThat(sql("{{ f'{Int32(x)}' }}", "x", "5")).isEqualTo("'toInt32(\\'5\\')'");
        assertThat(sql("{{ f'{Int32(x):03d}' }}", "x", "5")).isEqualTo("'005'");
    }

    @Test
    void forLoopsUnpackAndRunElseWithoutBreak() {
        assertThat(sql("{% for i, (a, b) in enumerate([(1, 2), (3, 4)]) %}{{ i }}:{{ a + b }};{% end %}"))
                .isEqualTo("0:3;1:7;");
        assertThat(sql("{% for x in [1, 2] %}{{ x }}{% else %}done{% end %}")).isEqualTo("12done");
        assertThat(sql("{% for x in [1, 2, 3] %}{% if x == 2 %}{% break %}{% end %}{{ x }}{% else %}done{% end %}"))
                .isEqualTo("1");
        assertThat(sql("{% for x in [1, 2, 3] %}{% if x == 2 %}{% continue %}{% end %}{{ x }}{% end %}"))
                .isEqualTo("13");
        assertThat(sql("{% for x in [] %}{{ x }}{% else %}empty{% end %}")).isEqualTo("empty");
        assertThat(sql("{% for a in [1, 2] %}{% for b in [1, 2] %}{% if b == 2 %}{% break %}{% end %}"
                + "{{ a }}{{ b }} {% end %}{% end %}")).isEqualTo("11 21 ");
        assertThat(sql("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% end %}{{ k }}")).isEqualTo("'a''b''b'");
    }

    @Test
    void whileLoopsWithElse() {
        assertThat(sql("{% set i = 0 %}{% while i < 3 %}{{ i }}{% set i += 1 %}{% else %}!{% end %}"))
                .isEqualTo("012!");
        assertThat(sql("{% set i = 0 %}{% while True %}{% set i += 1 %}{% if i > 2 %}{% break %}{% end %}"
                + "{% else %}!{% end %}{{ i }}")).isEqualTo("3");
    }

    @Test
    void assignmentsAndAugmentedAssignments() {
        assertThat(sql("{% set a, (b, c) = 1, [2, 3] %}{{ a + b + c }}")).isEqualTo("6");
        assertThat(sql("{% set x = 10 %}{% set x -= 3 %}{% set x *= 2 %}{% set x //= 4 %}{% set x %= 3 %}{{ x }}"))
                .isEqualTo("0");
        assertThat(sql("{% set l = [1] %}{% set m = l %}{% set l += (2,) %}{{ m }}")).isEqualTo("[1, 2]");
        assertThat(sql("{% set s = 'a' %}{% set s += 'b' %}{{ s }}")).isEqualTo("'ab'");
        assertThat(error("{% set a, b = [1] %}").getMessage()).isEqualTo("not enough values to unpack (expected 2, got 1)");
        assertThat(error("{% set a, b = [1, 2, 3] %}").getMessage()).isEqualTo("too many values to unpack (expected 2)");
        assertThat(error("{% set a, b = 5 %}").getMessage()).isEqualTo("cannot unpack non-iterable int object");
    }

    @Test
    void listDictAndSetMethodsMutate() {
        assertThat(sql("{% set l = [3, 1] %}{% set _ = l.append(2) %}{% set _ = l.extend([5]) %}"
                + "{% set _ = l.insert(0, 9) %}{% set p = l.pop() %}{% set _ = l.remove(1) %}{% set _ = l.sort() %}"
                + "{{ l }} {{ p }}")).isEqualTo("[2, 3, 9] 5");
        assertThat(sql("{% set l = [1, 2] %}{% set _ = l.reverse() %}{% set c = l.copy() %}{% set _ = l.clear() %}"
                + "{{ l }}{{ c }}")).isEqualTo("[][2, 1]");
        assertThat(sql("{% set d = {'a': 1} %}{% set _ = d.update(b=2) %}{% set x = d.setdefault('c', 3) %}"
                + "{% set y = d.pop('a') %}{{ d }} {{ x }} {{ y }} {{ d.pop('z', 0) }}"))
                .isEqualTo("{'b': 2, 'c': 3} 3 1 0");
        assertThat(sql("{% set s = {1} %}{% set _ = s.add(2) %}{% set _ = s.discard(1) %}{{ s }} "
                + "{{ s.issubset({2, 3}) }}")).isEqualTo("{2} True");
        assertThat(sql("{% set l = ['b', 'a'] %}{% set _ = l.sort(key=lambda v: v, reverse=True) %}{{ l }}"))
                .isEqualTo("['b', 'a']");
    }

    @Test
    void tryExceptFinallyUsesPythonExceptionClasses() {
        assertThat(sql("{% try %}{{ int('x') }}{% except ValueError as e %}{{ str(e) }}{% end %}"))
                .isEqualTo("'invalid literal for int() with base 10: \\'x\\''");
        assertThat(sql("{% try %}{{ {}['k'] }}{% except LookupError %}lookup{% end %}")).isEqualTo("lookup");
        assertThat(sql("{% try %}{{ [][1] }}{% except (KeyError, IndexError) %}index{% end %}")).isEqualTo("index");
        assertThat(sql("{% try %}{{ 1 / 0 }}{% except ArithmeticError as e %}{{ e.args }}{% end %}"))
                .isEqualTo("('division by zero',)");
        assertThat(sql("{% try %}{{ 'a' + 1 }}{% except TypeError %}type{% end %}")).isEqualTo("type");
        assertThat(sql("{% try %}{{ x.nope }}{% except AttributeError %}attr{% end %}", "x", "s")).isEqualTo("attr");
        assertThat(sql("{% try %}{{ Int32(x) }}{% except ValueError %}fallback{% end %}", "x", "a"))
                .isEqualTo("fallback");
        assertThat(sql("{% try %}{{ error('e') }}{% except Exception %}caught{% end %}")).isEqualTo("caught");
        assertThat(sql("{% try %}{{ custom_error('e') }}{% except %}bare{% end %}")).isEqualTo("bare");
        assertThat(sql("{% try %}ok{% except %}no{% else %} else{% finally %} finally{% end %}"))
                .isEqualTo("ok else finally");
        assertThat(sql("{% for i in [1, 2] %}{% try %}{{ 1 / 0 }}{% finally %}{% break %}{% end %}{% end %}end"))
                .isEqualTo("end");
        assertThat(sql("{% try %}{% try %}{{ 1 / 0 }}{% except KeyError %}k{% end %}{% except ZeroDivisionError %}"
                + "z{% end %}")).isEqualTo("z");
        TemplateRenderException unbound = error("{% try %}{{ 1 / 0 }}{% except Exception as e %}{% end %}{{ e }}");
        assertThat(unbound.getMessage()).isEqualTo(
                "Template Syntax Error: cannot access local variable 'e' where it is not associated with a value");
        assertThat(error("{% try %}{{ 1 / 0 }}{% except 5 %}{% end %}").getMessage())
                .isEqualTo("catching classes that do not inherit from BaseException is not allowed");
    }

    @Test
    void exceptionObjectsAreQuotedWhenRendered() {
        assertThat(sql("{% try %}{{ Int32(x) }}{% except ValueError as e %}{{ e }}{% end %}", "x", "a'b"))
                .isEqualTo("'Template Syntax Error: Error validating \\'a\\'b\\' to type Int32'");
    }

    @Test
    void setVariablesAreLocalToTheWholeTemplate() {
        TemplateRenderException e = error("{{ x }}{% set x = 2 %}", "x", "request value");
        assertThat(e.getMessage()).isEqualTo(
                "Template Syntax Error: cannot access local variable 'x' where it is not associated with a value");
        assertThat(e.documentation()).isNull();
        assertThat(sql("{% set x = 2 %}{{ x }}", "x", "request value")).isEqualTo("2");
        assertThat(sql("{% set start_time = '2024-02-14 00:00:00' %}{{ DateTime(start_time) }}"))
                .isEqualTo("'2024-02-14 00:00:00'");
    }

    @Test
    void comprehensionsAndLambdasHaveTheirOwnScope() {
        assertThat(testSql("{{ [i for i in range(2)] }} {{ i }}")).isEqualTo("[0, 1] '__no_value__'");
        assertThat(sql("{% set n = 1 %}{% set f = lambda: n %}{% set n = 2 %}{{ f() }}")).isEqualTo("2");
        assertThat(sql("{% set f = lambda n: 1 if n <= 1 else n * f(n - 1) %}{{ f(5) }}")).isEqualTo("120");
        assertThat(sql("{% set k = 3 %}{{ [k * x for x in range(2)] }}")).isEqualTo("[0, 3]");
        TemplateRenderException e = error("{% set f = lambda: y %}{{ f() }}{% set y = 1 %}");
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: cannot access free variable 'y' where it is not "
                + "associated with a value in enclosing scope");
        assertThat(e.documentation()).isEqualTo("/cli/advanced-templates.html#defined");
    }

    @Test
    void lambdaArgumentErrors() {
        assertThat(error("{{ (lambda x: x)() }}").getMessage())
                .isEqualTo("Template Syntax Error: one of the transform type functions is missing an argument");
        assertThat(error("{{ (lambda x: x)(1, 2) }}").getMessage())
                .isEqualTo("<lambda>() takes 1 positional argument but 2 were given");
        assertThat(error("{{ (lambda x: x)(y=1) }}").getMessage())
                .isEqualTo("<lambda>() got an unexpected keyword argument 'y'");
    }

    @Test
    void pythonErrorMessagesAndStatuses() {
        assertThat(error("{{ 'a' + 1 }}").getMessage()).isEqualTo("can only concatenate str (not \"int\") to str");
        assertThat(error("{{ 1 + 'a' }}").getMessage()).isEqualTo("unsupported operand type(s) for +: 'int' and 'str'");
        assertThat(error("{{ len(5) }}").getMessage()).isEqualTo("object of type 'int' has no len()");
        assertThat(error("{{ int('x') }}").getMessage()).isEqualTo("invalid literal for int() with base 10: 'x'");
        assertThat(error("{{ [1][5] }}").getMessage()).isEqualTo("Template Syntax Error: list index out of range");
        assertThat(error("{{ x[10] }}", "x", "abc").getMessage()).isEqualTo("Template Syntax Error: String index out "
                + "of range. Check that string parameters have values before accessing specific characters (e.g., "
                + "param[0]). Provide default values or add length checks in your template.");
        assertThat(error("{{ x.nope() }}", "x", "abc").getMessage())
                .isEqualTo("Template Syntax Error: 'str' object has no attribute 'nope'");
        assertThat(error("{{ x.get('a') }}", "x", "abc").getMessage()).isEqualTo("Template Syntax Error: 'str' object "
                + "has no attribute 'get'. Make sure you're using an object/dictionary where trying to use .get()");
        assertThat(error("{{ nothing(1) }}").getMessage()).isEqualTo(
                "Template Syntax Error: wrong syntax, you might be using a not valid function inside a control block");
        assertThat(error("{{ {[1]: 2} }}").getMessage()).isEqualTo(
                "Template Syntax Error: wrong syntax, you might be using a not valid function inside a control block");
        assertThat(error("{{ String() }}").getMessage())
                .isEqualTo("Template Syntax Error: one of the transform type functions is missing an argument");
        assertThat(error("{{ min([]) }}").getMessage()).isEqualTo("min() arg is an empty sequence");
        assertThat(error("{{ [1, 'a'] < ['a', 1] }}").getMessage())
                .isEqualTo("'<' not supported between instances of 'int' and 'str'");
    }

    @Test
    void nonValueErrorsAreServerErrorsAsInTinybird() {
        TemplateRenderException division = error("{{ 1 / 0 }}");
        assertThat(division.getMessage()).isEqualTo("division by zero");
        assertThat(division.status()).isEqualTo(500);
        assertThat(division.errorType()).isEqualTo("ZeroDivisionError");
        assertThat(error("{{ 1 // 0 }}").getMessage()).isEqualTo("integer division or modulo by zero");
        assertThat(error("{{ 1.0 % 0 }}").getMessage()).isEqualTo("float modulo");
        TemplateRenderException key = error("{{ {'a': 1}['b'] }}");
        assertThat(key.getMessage()).isEqualTo("'b'");
        assertThat(key.status()).isEqualTo(500);
        assertThat(key.errorType()).isEqualTo("KeyError");
    }

    @Test
    void errorsCarryThePositionOfTheFailingExpression() {
        TemplateRenderException e = error("SELECT 1\nWHERE a = {{ Int32(a, 1) }}\n  AND b = {{ Int32(b) }}");
        assertThat(e.line()).hasValue(3);
        assertThat(e.column()).hasValue(14);
        TemplateRenderException nested = error("{% if True %}\n  {% for x in [1] %}{{ 1 / (x - 1) }}{% end %}{% end %}");
        assertThat(nested.line()).hasValue(2);
        assertThat(nested.column()).hasValue(24);
    }

    @Test
    void outputWhitespaceIsPreserved() {
        assertThat(sql("SELECT\n\t{% if True %}  a  {% end %}\n\n  FROM t  ")).isEqualTo("SELECT\n\t  a  \n\n  FROM t  ");
    }
}
