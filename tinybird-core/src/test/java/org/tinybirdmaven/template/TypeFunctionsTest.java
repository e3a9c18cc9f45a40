package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.template.Renders.error;
import static org.tinybirdmaven.template.Renders.sql;
import static org.tinybirdmaven.template.Renders.testSql;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The type functions of spec §4.5: validation, rendering, defaults, required parameters and test-mode dummies. */
class TypeFunctionsTest {

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Int8    | -128                         | toInt8('-128')
            Int8    | 127                          | toInt8('127')
            Int16   | -32768                       | toInt16('-32768')
            Int16   | 32767                        | toInt16('32767')
            Int32   | -2147483648                  | toInt32('-2147483648')
            Int32   | 2147483647                   | toInt32('2147483647')
            Int32   | +007                         | toInt32('7')
            Int64   | -9223372036854775808         | toInt64('-9223372036854775808')
            Int64   | 9223372036854775807          | toInt64('9223372036854775807')
            Int128  | -170141183460469231731687303715884105728 | toInt128('-170141183460469231731687303715884105728')
            Int128  | 170141183460469231731687303715884105727  | toInt128('170141183460469231731687303715884105727')
            Int256  | 57896044618658097711785492504343953926634992332820282019728792003956564819967 | toInt256('57896044618658097711785492504343953926634992332820282019728792003956564819967')
            Int256  | -57896044618658097711785492504343953926634992332820282019728792003956564819968 | toInt256('-57896044618658097711785492504343953926634992332820282019728792003956564819968')
            UInt8   | 0                            | toUInt8('0')
            UInt8   | 255                          | toUInt8('255')
            UInt16  | 65535                        | toUInt16('65535')
            UInt32  | 4294967295                   | toUInt32('4294967295')
            UInt64  | 18446744073709551615         | toUInt64('18446744073709551615')
            UInt128 | 340282366920938463463374607431768211455 | toUInt128('340282366920938463463374607431768211455')
            UInt128 | +5                           | toUInt128('5')
            UInt128 | -0                           | toUInt128('0')
            UInt256 | 115792089237316195423570985008687907853269984665640564039457584007913129639935 | toUInt256('115792089237316195423570985008687907853269984665640564039457584007913129639935')
            Int     | -12                          | -12
            Integer | 0042                         | 42
            Float32 | 1.5                          | toFloat32('1.5')
            Float64 | 1e3                          | toFloat64('1000.0')
            Float64 | .5                           | toFloat64('0.5')
            Float64 | -0                           | toFloat64('-0.0')
            Float64 | 1e400                        | toFloat64('inf')
            Float32 | Infinity                     | toFloat32('inf')
            Float64 | nan                          | toFloat64('nan')
            Float64 | 123456789012345678           | toFloat64('1.2345678901234568e+17')
            Float64 | 0.00001                      | toFloat64('1e-05')
            String  | it's                         | 'it\\'s'
            Date    | 2024-01-31                   | '2024-01-31'
            Date    | 2024-13-45                   | '2024-13-45'
            DateTime   | 2024-01-31 10:00:00       | '2024-01-31 10:00:00'
            DateTime   | 2024-01-31T10:00:00Z      | '2024-01-31T10:00:00Z'
            DateTime   | 2024/01/31 10:00:00.123   | '2024/01/31 10:00:00.123'
            DateTime   | 31-01-2024 1:2:3          | '31-01-2024 1:2:3'
            DateTime64 | 2024-01-31 10:00:00.123   | '2024-01-31 10:00:00.123'
            DateTime64 | 31.01.2024 10:00:00.5     | '31.01.2024 10:00:00.5'
            """)
    void validValuesRenderAsSpecified(String type, String value, String expected) {
        assertThat(sql("{{ " + type + "(x) }}", "x", value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}({1}) fails")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Int8    | 128
            Int8    | -129
            Int16   | 32768
            Int32   | 2147483648
            Int32   | -2147483649
            Int32   | 1.0
            Int32   | " 1"
            Int32   | 1_000
            Int32   | abc
            Int32   | ""
            Int64   | 9223372036854775808
            Int128  | 170141183460469231731687303715884105728
            Int256  | 57896044618658097711785492504343953926634992332820282019728792003956564819968
            UInt8   | 256
            UInt8   | -1
            UInt8   | +1
            UInt16  | 65536
            UInt32  | 4294967296
            UInt64  | 18446744073709551616
            UInt64  | -0
            UInt128 | -1
            UInt256 | 115792089237316195423570985008687907853269984665640564039457584007913129639936
            Float32 | 1_0
            Float64 | abc
            Float64 | 0x10
            Float64 | ""
            Date    | 2024-1-31
            Date    | 2024-01-31 10:00:00
            Date    | 31/01/2024
            DateTime   | 2024-01-31
            DateTime   | 2024-01-31 10:00
            DateTime64 | 2024-01-31 10:00:00
            """)
    void invalidValuesFailWithTinybirdsMessage(String type, String value) {
        String tester = type.equals("Int") || type.equals("Integer") ? "Int32" : type;
        TemplateRenderException e = error("{{ " + type + "(x) }}", "x", value);
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: Error validating '" + value + "' to type " + tester);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorType()).isEqualTo("SQLTemplateException");
        assertThat(e.documentation()).isEqualTo("/cli/advanced-templates.html");
    }

    @Test
    void intAndIntegerValidateAsInt32() {
        assertThat(error("{{ Int(x) }}", "x", "2147483648").getMessage())
                .isEqualTo("Template Syntax Error: Error validating '2147483648' to type Int32");
        assertThat(error("{{ Integer(x) }}", "x", "a").getMessage())
                .isEqualTo("Template Syntax Error: Error validating 'a' to type Int32");
    }

    @Test
    void validationFollowsPythonRegularExpressions() {
        // Python's $ also matches before a final newline, and \d matches any Unicode digit
        assertThat(sql("{{ Int32(x) }}", "x", "12\n")).isEqualTo("toInt32('12')");
        assertThat(sql("{{ Int32(x) }}", "x", "\u0661\u0662")).isEqualTo("toInt32('12')");
        assertThat(sql("{{ Date(x) }}", "x", "2024-01-31\n")).isEqualTo("'2024-01-31\\n'");
        assertThat(sql("{{ Float32(x) }}", "x", " 2 ")).isEqualTo("toFloat32('2.0')");
    }

    @Test
    void defaultsApplyWhenTheParameterIsMissing() {
        assertThat(sql("{{ Int32(x, 5) }} {{ Int32(y, '6') }} {{ String(s, 'a') }} {{ Float32(f, 1) }}"))
                .isEqualTo("toInt32('5') toInt32('6') 'a' toFloat32('1.0')");
        assertThat(sql("{{ Date(d, default='2024-01-01') }} {{ DateTime(t, '2024-01-01 00:00:00', "
                + "description='start', required=False) }}"))
                .isEqualTo("'2024-01-01' '2024-01-01 00:00:00'");
        assertThat(sql("{{ Int32(x, 5) }}", "x", "7")).isEqualTo("toInt32('7')");
    }

    @Test
    void defaultsAreValidatedToo() {
        assertThat(error("{{ Int32(x, 'a') }}").getMessage())
                .isEqualTo("Template Syntax Error: Error validating 'a' to type Int32");
        assertThat(error("{{ Int32(x, 1.5) }}").getMessage())
                .isEqualTo("Template Syntax Error: Error validating '1.5' to type Int32");
    }

    @Test
    void aMissingParameterWithoutDefaultIsRequired() {
        TemplateRenderException e = error("SELECT {{ Int32(x) }}");
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: Required parameter is not defined. Check the "
                + "parameters x. Please provide a value or set a default value in the pipe code.");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.documentation()).isEqualTo("/cli/advanced-templates.html");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).hasValue(11);
    }

    @Test
    void definedFalseGivesNoneInsteadOfAnError() {
        assertThat(sql("{{ sql_and(a=Int32(x, defined=False)) }}")).isEmpty();
        assertThat(error("{{ Int32(x, defined=False) }}").getMessage())
                .isEqualTo("Template Syntax Error: expression \"Int32(x, defined=Fal...\" evaluated to null");
    }

    @Test
    void typedIntegersBehaveAsPlainIntegersInArithmetic() {
        assertThat(sql("{{ Int32(page, 0) * Int32(limit, 20) }} {{ (Int32(p, 1) + 1) * Int32(s, 10) }}",
                "page", "2")).isEqualTo("40 20");
        assertThat(sql("{% if Int32(x) > 5 %}big{% end %} {{ Int32(x) == 7 }} {{ -UInt8(x) }}", "x", "7"))
                .isEqualTo("big True -7");
        assertThat(sql("{{ Float64(x) * 2 }}", "x", "1.25")).isEqualTo("2.5");
        assertThat(sql("{{ str(Int16(x)) }}", "x", "3")).isEqualTo("'toInt16(\\'3\\')'");
    }

    @ParameterizedTest(name = "Boolean({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0     | 0
            false | 0
            FALSE | 0
            False | 0
            ""    | 0
            1     | 1
            true  | 1
            yes   | 1
            no    | 1
            """)
    void booleanRendersOneOrZero(String value, String expected) {
        assertThat(sql("{{ Boolean(x) }}", "x", value)).isEqualTo(expected);
        assertThat(sql("{{ bool(x) }}", "x", value)).isEqualTo(expected);
    }

    @Test
    void booleanDefaultsAndTestMode() {
        assertThat(sql("{{ Boolean(x) }} {{ Boolean(y, True) }} {{ Boolean(z, 'false') }} {{ bool(w, 1) }}"))
                .isEqualTo("0 1 0 1");
        assertThat(testSql("{{ Boolean(x) }} {{ Boolean(y, True) }} {{ Boolean(z, 'FALSE') }}")).isEqualTo("0 1 0");
    }

    @Test
    void booleanTakesNoMetadataKeywords() {
        TemplateRenderException e = error("{{ Boolean(x, description='flag') }}", "x", "1");
        assertThat(e.getMessage()).isEqualTo("boolean() got an unexpected keyword argument 'description'");
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void symbolAndColumnQuoteAnIdentifier() {
        assertThat(sql("{{ Symbol(x) }} {{ Column(x) }}", "x", "my col`\"x")).isEqualTo("`my col\\`x` `my col\\`x`");
        assertThat(testSql("{{ Symbol(x) }}")).isEqualTo("`placeholder`");
        assertThat(error("{{ Symbol(x) }}").getMessage())
                .isEqualTo("Template Syntax Error: 'NoneType' object has no attribute 'translate'");
    }

    @Test
    void stringRendersAnyValueQuoted() {
        assertThat(sql("{{ String(x) }}", "x", "a\tb")).isEqualTo("'a\\tb'");
        assertThat(sql("{{ String(x) }}", "x", List.of("a", "b"))).isEqualTo("'[\\'a\\', \\'b\\']'");
    }

    @Test
    void testModeDummies() {
        assertThat(testSql("{{ Date(a) }} {{ DateTime(b) }} {{ DateTime64(c) }} {{ String(d) }} {{ Int32(e) }} "
                + "{{ UInt64(f) }} {{ Int(g) }} {{ Integer(h) }} {{ Float32(i) }} {{ Float64(j) }} {{ Int256(k) }}"))
                .isEqualTo("'2019-01-01' '2019-01-01 00:00:00' '2019-01-01 00:00:00.000' '__no_value__' toInt32('0') "
                        + "toUInt64('0') 0 0 toFloat32('0.0') toFloat64('0.0') toInt256('0')");
    }

    @Test
    void testModeUsesTruthyDefaultsAndSentValues() {
        assertThat(testSql("{{ Int32(a, 5) }} {{ Int32(b, 0) }} {{ String(c, '') }} {{ String(d, 'x') }} "
                + "{{ Date(e, '2024-05-01') }}")).isEqualTo("toInt32('5') toInt32('0') '__no_value__' 'x' '2024-05-01'");
        assertThat(testSql("{{ Int32(a) }}", "a", "9")).isEqualTo("toInt32('9')");
    }

    @Test
    void jsonParsesToPythonValues() {
        assertThat(sql("{{ JSON(x) }}", "x", "{\"a\": [1, 2.5, null, true, \"s\"]}"))
                .isEqualTo("{'a': [1, 2.5, None, True, 's']}");
        assertThat(sql("{{ JSON(x) }} {{ JSON(y, '[]') }}")).isEqualTo("{} []");
        assertThat(sql("{% for kv in JSON(p) %}{{ kv['dp'] }},{% end %}", "p", "[{\"dp\":\"Sales\"},{\"dp\":\"HR\"}]"))
                .isEqualTo("'Sales','HR',");
        assertThat(sql("{{ JSON(x).get('a', 'none') }}", "x", "{}")).isEqualTo("'none'");
    }

    @Test
    void jsonErrorsUsePythonsMessages() {
        String[][] cases = {
            {"{bad", "'{bad' - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
            {"", "'' - Expecting value: line 1 column 1 (char 0)"},
            {"[1,]", "'[1,]' - Expecting value: line 1 column 4 (char 3)"},
            {"{\"a\": 1} x", "'{\"a\": 1} x' - Extra data: line 1 column 10 (char 9)"},
            {"{\"a\" 1}", "'{\"a\" 1}' - Expecting ':' delimiter: line 1 column 6 (char 5)"},
            {"[1 2]", "'[1 2]' - Expecting ',' delimiter: line 1 column 4 (char 3)"},
            {"\"abc", "'\"abc' - Unterminated string starting at: line 1 column 1 (char 0)"},
            {"[\n1,\n]", "'[\n1,\n]' - Expecting value: line 3 column 1 (char 5)"},
            {"{\"key\": \"a very long value\"",
                "'{\"key\": \"a very ...' - Expecting ',' delimiter: line 1 column 28 (char 27)"},
        };
        for (String[] c : cases) {
            assertThat(error("{{ JSON(x) }}", "x", c[0]).getMessage())
                    .isEqualTo("Template Syntax Error: Error parsing JSON: " + c[1]);
        }
    }

    @Test
    void jsonInTestModeParsesTheDefaultOrFails() {
        assertThat(testSql("{{ JSON(x, '{\"a\": 1}') }}")).isEqualTo("{'a': 1}");
        assertThat(Renders.testError("{% for kv in JSON(payload) %}{% end %}").getMessage()).isEqualTo(
                "Template Syntax Error: Error parsing JSON: '__no_value__' - Expecting value: line 1 column 1 (char 0)");
    }

    // ------------------------------------------------------------------------------------------------ Array

    @Test
    void arrayQuotesStringsAndWritesNumbersRaw() {
        assertThat(sql("{{ Array(x) }}", "x", "a,b,c")).isEqualTo("['a','b','c']");
        assertThat(sql("{{ Array(x, 'String') }}", "x", "it's,b")).isEqualTo("['it\\'s','b']");
        assertThat(sql("{{ Array(x, 'Int32') }}", "x", "1,-2,3")).isEqualTo("[1,-2,3]");
        assertThat(sql("{{ Array(x, 'UInt8') }}", "x", "007")).isEqualTo("[7]");
        assertThat(sql("{{ Array(x, 'Float32') }}", "x", "1.5,2")).isEqualTo("[1.5,2.0]");
        assertThat(sql("{{ Array(x, 'Boolean') }}", "x", "true,0,false")).isEqualTo("[1,0,0]");
        assertThat(sql("{{ Array(x, 'Date') }}", "x", "2024-01-01,2024-01-02"))
                .isEqualTo("['2024-01-01','2024-01-02']");
        assertThat(sql("{{ Array(x, 'DateTime') }}", "x", "2024-01-01 00:00:00"))
                .isEqualTo("['2024-01-01 00:00:00']");
    }

    @Test
    void arrayElementsAreNotTrimmed() {
        assertThat(sql("{{ Array(x) }}", "x", "a, b")).isEqualTo("['a',' b']");
        TemplateRenderException e = error("{{ Array(x, 'Int32') }}", "x", "1, 2");
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: Error validating [1, 2][1] ( 2) to type Int32");
    }

    @Test
    void arrayValidationErrorsNameTheIndex() {
        assertThat(error("{{ Array(x, 'Int32') }}", "x", "1,2,x").getMessage())
                .isEqualTo("Template Syntax Error: Error validating [1,2,x][2] (x) to type Int32");
        assertThat(error("{{ Array(x, 'Int32', '') }}").getMessage())
                .isEqualTo("Template Syntax Error: Error validating [][0] (empty string) to type Int32");
        assertThat(error("{{ Array(x, 'Date') }}", "x", "2024-01-01,tomorrow").getMessage())
                .isEqualTo("Template Syntax Error: Error validating [2024-01-01,tomorrow][1] (tomorrow) to type Date");
        assertThat(error("{{ Array(x, 'Int') }}", "x", "a").getMessage())
                .isEqualTo("Template Syntax Error: Error validating 'a' to type Int32");
    }

    @Test
    void arrayAcceptsListsAndDefaults() {
        assertThat(sql("{{ Array(x, 'Int32') }}", "x", List.of("1", "2"))).isEqualTo("[1,2]");
        assertThat(sql("{{ Array(x, 'Int32', '1,2') }} {{ Array(y, 'Int32', [3, 4]) }} "
                + "{{ Array(z, 'String', default='a') }}")).isEqualTo("[1,2] [3,4] ['a']");
        assertThat(error("{{ Array(x, 'Int32') }}").getMessage()).startsWith(
                "Template Syntax Error: Required parameter is not defined. Check the parameters x.");
        assertThat(sql("{{ sql_and(a__in=Array(x, 'Int32', defined=False)) }}")).isEmpty();
        assertThat(error("{{ Array(x) }}", "x", 5).getMessage())
                .isEqualTo("Template Syntax Error: transform type function Array is not well defined");
    }

    @Test
    void arrayParametersArriveSplit() {
        // Tinybird converts Array-typed request values before rendering: the template sees a list
        assertThat(sql("{% if defined(env) and env != [''] %}{{ Array(env) }} {{ env }}{% end %}", "env", "a,b"))
                .isEqualTo("['a','b'] ['a', 'b']");
        // only when the first typed use of the name (bodies before their block's condition) is an Array
        assertThat(sql("{{ env }} {{ Array(env) }}", "env", "a,b")).isEqualTo("'a,b' ['a','b']");
        assertThat(sql("{% if defined(env) and env != [''] %}in {{ Array(env) }}{% else %}all{% end %}", "env", ""))
                .isEqualTo("all");
        assertThat(sql("{% if defined(env) and env != [''] %}in {{ Array(env) }}{% else %}all{% end %}", "env", "a"))
                .isEqualTo("in ['a']");
        assertThat(sql("{{ sum(ids) }} {{ Array(ids, 'Int32') }}", "ids", "1,2,3")).isEqualTo("6 [1,2,3]");
        assertThat(sql("{{ ','.join(tags) }}{{ Array(tags, 'String') }}", "tags", List.of("x", "y")))
                .isEqualTo("'x,y'['x','y']");
    }

    @Test
    void invalidArrayParametersStayAsSent() {
        assertThat(error("{{ ids }}{{ Array(ids, 'Int32') }}", "ids", "1,x").getMessage())
                .isEqualTo("Template Syntax Error: Error validating [1,x][1] (x) to type Int32");
        assertThat(error("{{ Array(ids, 'Int32') }}", "ids", List.of("1", "x")).getMessage())
                .isEqualTo("Template Syntax Error: Error validating [['1', 'x']][1] (x) to type Int32");
    }

    @Test
    void arrayInTestMode() {
        assertThat(testSql("{{ Array(a) }} {{ Array(b, 'String') }} {{ Array(c, 'Int32') }} {{ Array(d, 'Float64') }} "
                + "{{ Array(e, 'Date') }} {{ Array(f, 'DateTime') }} {{ Array(g, 'Boolean') }} "
                + "{{ Array(h, 'UInt8', '1,2,3') }} {{ Array(i, 'Unknown') }}"))
                .isEqualTo("[''] [''] [0,0] [0.0,0.0] ['2019-01-01','2019-01-01'] "
                        + "['2019-01-01 00:00:00','2019-01-01 00:00:00'] [0,0] [1,2,3] ['']");
    }
}
