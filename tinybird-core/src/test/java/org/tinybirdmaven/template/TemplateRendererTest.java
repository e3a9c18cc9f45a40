package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.template.Renders.error;
import static org.tinybirdmaven.template.Renders.result;
import static org.tinybirdmaven.template.Renders.sql;
import static org.tinybirdmaven.template.Renders.testError;
import static org.tinybirdmaven.template.Renders.testSql;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output conversion (spec §4.3), test mode (§4.4) and Tinybird's error reporting (tinybird-api §5.6). */
class TemplateRendererTest {

    @ParameterizedTest(name = "U+{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            0000 | \\0
            000D | \\r
            0008 | \\b
            0009 | \\t
            001A | \\z
            000A | \\n
            0022 | \\"
            0027 | \\'
            005C | \\\\
            0025 | \\%
            0060 | \\`
            0001 | ~\u0001~
            00E9 | é
            """)
    void stringsAreQuotedWithTinybirdsEscapeTable(String codePoint, String escaped) {
        String character = Character.toString(Integer.parseInt(codePoint, 16));
        assertThat(sql("{{ x }}", "x", "a" + character + "b")).isEqualTo("'a" + escaped + "b'");
    }

    @Test
    void valuesRenderAsPythonStr() {
        assertThat(sql("{{ 1 }} {{ -2 }} {{ 1.5 }} {{ True }} {{ (1, 'a') }} {{ {'k': [None]} }} {{ {1} }}"))
                .isEqualTo("1 -2 1.5 True (1, 'a') {'k': [None]} {1}");
        assertThat(sql("{{ Int8(a) }} {{ Float64(b) }} {{ Int(c) }} {{ Boolean(d) }}", "a", "1", "b", "2", "c", "3",
                "d", "true")).isEqualTo("toInt8('1') toFloat64('2.0') 3 1");
        assertThat(sql("{% raw x %}", "x", "a")).isEqualTo("'a'");
    }

    @Test
    void helperResultsAreInsertedRaw() {
        assertThat(sql("{{ Array(x, 'String', '') }} {{ columns(y, 'a') }} {{ column(y, 'b') }} {{ symbol('c') }} {{ table('t') }} "
                + "{{ sql_unescape('%', '%') }} {{ sql_and(a=1) }}")).isEqualTo("[''] `a` `b` `c` t '%' a = 1");
        assertThat(sql("{{ columns(y, 'a') + '' }}")).as("string operations give plain, quoted strings")
                .isEqualTo("'\\`a\\`'");
    }

    @Test
    void pythonListsRenderAsTheirRepr() {
        assertThat(sql("{{ split_to_array(x) }}", "x", "a,it's,b\"c'd")).isEqualTo("['a', \"it's\", 'b\"c\\'d']");
        assertThat(sql("{{ [1, 'a', None, 2.5, Int32(x)] }}", "x", "3")).isEqualTo("[1, 'a', None, 2.5, 3]");
    }

    @Test
    void theArrayEscapingFlagQuotesEveryString() {
        RenderOptions escaping = RenderOptions.builder().escapeArrays(true).build();
        assertThat(result("{{ [1, 'a', None, x] }}", RenderMode.REQUEST, escaping, "x", "it's").sql())
                .isEqualTo("[1,'a',None,'it\\'s']");
    }

    @Test
    void noneIsAnError() {
        TemplateRenderException e = error("SELECT {{ x }}");
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: expression \"x\" evaluated to null");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorType()).isEqualTo("SQLTemplateException");
        assertThat(e.documentation()).isEqualTo("/cli/advanced-templates.html");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).hasValue(8);
        assertThat(error("{{ abcdefghijklmnopqrst }}").getMessage())
                .isEqualTo("Template Syntax Error: expression \"abcdefghijklmnopqrst\" evaluated to null");
        assertThat(error("{{ abcdefghijklmnopqrstu }}").getMessage())
                .isEqualTo("Template Syntax Error: expression \"abcdefghijklmnopqrst...\" evaluated to null");
    }

    @Test
    void testModeRendersParametersAsPlaceholders() {
        assertThat(testSql("a = {{ x }} AND b = {{ x + 'suffix' }} AND c = {{ x[0] }}"))
                .isEqualTo("a = '__no_value__' AND b = '__no_value__' AND c = '__no_value__'");
        assertThat(testSql("{% for v in test %}SELECT {{ v }} {% end %}"))
                .isEqualTo("SELECT '__no_value__' SELECT '__no_value__' SELECT '__no_value__' ");
        assertThat(testSql("{% if x %}truthy{% end %}{% if x == 'a' %}equal{% end %}{{ x.split(',') }}"))
                .isEqualTo("truthy[<tinybird.sql_template.Placeholder object>, <tinybird.sql_template.Placeholder object>]");
        assertThat(testSql("{{ x }}", "x", "sent")).isEqualTo("'sent'");
    }

    @Test
    void comparingAPlaceholderAdvisesATypeFunction() {
        TemplateRenderException e = testError("{% if limit > 10 %}big{% end %}");
        assertThat(e.getMessage()).isEqualTo("'>' not supported between instances of 'Placeholder' and 'int'. If you are "
                + "using a dynamic parameter, you need to wrap it around a valid Data Type (e.g. Int8(placeholder))");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorType()).isEqualTo("TypeError");
        assertThat(e.line()).hasValue(1);
        assertThat(testSql("{% if Int32(limit, 20) > 10 %}big{% end %}")).isEqualTo("big");
    }

    @Test
    void callingAnUnknownFunctionNamesItInTestMode() {
        assertThat(testError("SELECT 1\n{% if whatever(passenger_count) %}{% end %}\n{{ whatever }}").getMessage())
                .isEqualTo("Template Syntax Error: 'whatever' is not a valid function, line 3");
        assertThat(error("{% if whatever(passenger_count) %}{% end %}").getMessage()).isEqualTo(
                "Template Syntax Error: wrong syntax, you might be using a not valid function inside a control block");
    }

    @Test
    void theRequiredParameterMessageListsEveryVariableWithoutDefault() {
        String template = "select * from table where str = {{String(test)}} and category = {{String(category, 'shirts')}}"
                + " and color = {{ Int32(color)}}";
        assertThat(error(template).getMessage()).isEqualTo("Template Syntax Error: Required parameter is not defined. "
                + "Check the parameters test and color. Please provide a value or set a default value in the pipe code.");
        assertThat(error("select columns(cols, 'salary') from table where str = {{String(test)}}").getMessage())
                .isEqualTo("Template Syntax Error: Required parameter is not defined. Check the parameters test. "
                        + "Please provide a value or set a default value in the pipe code.");
    }

    @Test
    void theRequiredParameterMessageKeepsTinybirdsQuirks() {
        // bodies come before their block's condition; plain uses and set variables count, helper arguments and
        // names under calls do not, and job_timestamp is never listed
        String template = "{% set _seen = defined(d0) %}{% if defined(a) and a == 'x' %}{{ Int32(b) }}{% end %}"
                + "{{ String(c, 'ok') }}{{ DateTime(job_timestamp) }}{{ Int32(e) }}";
        assertThat(error(template, "a", "x").getMessage()).isEqualTo("Template Syntax Error: Required parameter is not "
                + "defined. Check the parameters _seen, b, a and e. Please provide a value or set a default value in "
                + "the pipe code.");
    }

    @Test
    void aListWhereTinybirdExpectsAVariableNameIsRejected() {
        TemplateRenderException e = error("{{ defined(['a']) }}");
        assertThat(e.getMessage()).isEqualTo("\"['a']\" can not be used as a variable name");
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void lengthAsAParameterNameGivesTinybirdsSpecialMessage() {
        assertThat(error("{% if length %}{% end %}{{ 1 / 0 }}").getMessage()).isEqualTo(
                "Template Syntax Error: length cannot be used as a variable name or as a function inside of a template");
        assertThat(error("{{ length }}{{ 1 / 0 }}", "length", "5").getMessage()).isEqualTo("division by zero");
    }

    @Test
    void customErrorBodiesAreJsonEncodedLikePython() {
        TemplateRenderException e = error("{{ custom_error({'msg': 'ñ\"', 'n': [1.5, None, True]}, 422) }}");
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.customErrorBody()).isEqualTo("{\"msg\": \"\\u00f1\\\"\", \"n\": [1.5, null, true]}");
        TemplateRenderException list = error("{{ custom_error([1]) }}");
        assertThat(list.status()).isEqualTo(500);
        assertThat(list.isCustomError()).isFalse();
    }

    @Test
    void theRendererCachesAnalysesAndIsReusable() {
        TemplateRenderer renderer = new TemplateRenderer();
        Template template = TemplateParser.parse("{{ Int32(x, 1) }}");
        assertThat(renderer.render(template, Map.of("x", "2"), RenderMode.REQUEST).sql()).isEqualTo("toInt32('2')");
        assertThat(renderer.render(template, Map.of(), RenderMode.REQUEST).sql()).isEqualTo("toInt32('1')");
        assertThat(renderer.render(template, Map.of(), RenderMode.TEST).sql()).isEqualTo("toInt32('1')");
    }

    @Test
    void parametersMayBeListsOrOtherJavaValues() {
        assertThat(sql("{{ x }} {{ y }} {{ z }} {{ w }}", "x", List.of("a", "b"), "y", 5, "z", true, "w", 1.5))
                .isEqualTo("['a', 'b'] 5 True 1.5");
        assertThat(sql("{{ JSON(m)['k'] }}", "m", Map.of("k", "v"))).isEqualTo("'v'");
    }
}
