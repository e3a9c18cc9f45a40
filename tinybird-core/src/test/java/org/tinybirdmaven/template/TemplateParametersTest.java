package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter discovery, spec §4.8. */
class TemplateParametersTest {

    @Test
    void typeFunctionWithBareNameGivesTypedParameterWithPositionalDefault() {
        assertThat(parameters("LIMIT {{ Int32(limit, 100) }}"))
                .containsExactly(typed("limit", "Int32", 100L));
    }

    @Test
    void readsDefaultAndMetadataKeywords() {
        assertThat(parameters("{{ String(country, default='ES', description=\"ISO code\", required=True,"
                + " enum=['ES', 'FR', None], example='FR', format='iso') }}"))
                .containsExactly(new TemplateParameter("country", "String", "ES", "ISO code", true,
                        Arrays.asList("ES", "FR", null), "FR", "iso", null));
    }

    @Test
    void reportsTheFunctionNameAsTypeForEveryTypeFunction() {
        List<String> functions = List.of("String", "Boolean", "bool", "Date", "DateTime", "DateTime64", "Int8",
                "Int16", "Int32", "Int64", "Int128", "Int256", "UInt8", "UInt16", "UInt32", "UInt64", "UInt128",
                "UInt256", "Int", "Integer", "Float32", "Float64", "JSON", "Symbol", "Column");
        StringBuilder template = new StringBuilder();
        functions.forEach(function -> template.append("{{ " + function + "(p_" + function + ") }}\n"));
        assertThat(parameters(template.toString()))
                .extracting(TemplateParameter::name, TemplateParameter::type)
                .containsExactlyElementsOf(functions.stream()
                        .map(function -> org.assertj.core.groups.Tuple.tuple("p_" + function, function))
                        .toList());
    }

    @Test
    void arraysReportTheirElementTypeAndThirdArgumentDefault() {
        assertThat(parameters("{{ Array(ids, 'Int32', '1,2', defined=False) }} {{ Array(tags) }}"
                + " {{ Array(codes, 'UInt8', default='7') }} {{ Array(days, Date) }}"))
                .containsExactly(
                        typed("ids", "Array(Int32)", "1,2"),
                        typed("tags", "Array(String)", null),
                        typed("codes", "Array(UInt8)", "7"),
                        typed("days", "Array(Date)", null));
    }

    @Test
    void convertsLiteralDefaultsToJavaValues() {
        assertThat(parameters("{{ Float32(a, -0.5) }}{{ Int64(b, -3) }}{{ Boolean(c, False) }}{{ String(d, None) }}"
                + "{{ Int32(e, +4) }}{{ Array(f, 'Int8', [1, 2]) }}{{ String(g, 'a' 'b') }}{{ Int32(h, x + 1) }}"))
                .extracting(TemplateParameter::defaultValue)
                .containsExactly(-0.5, -3L, false, null, 4L, List.of(1L, 2L), "ab", null, null);
    }

    @Test
    void reportsIntegerDefaultsBeyondTwoToThe53AsStrings() {
        assertThat(parameters("{{ Int64(a, 9007199254740991) }}{{ UInt64(b, 9007199254740992) }}"
                + "{{ Int128(c, -170141183460469231731687303715884105728) }}"))
                .extracting(TemplateParameter::defaultValue)
                .containsExactly(9007199254740991L, "9007199254740992", "-170141183460469231731687303715884105728");
    }

    @Test
    void namesOnlyUsedAsFirstHelperArgumentAreStringFunctionCallParameters() {
        assertThat(parameters("{% if defined(a) %}{{ column(b) }}{{ columns(c, 'x') }}{{ symbol(d) }}"
                + "{{ split_to_array(e, '') }}{{ sql_unescape(f, '%') }}{{ table(g) }}{{ TABLE(h) }}{% end %}"
                + "{{ day_diff(i, j) }}{{ date_diff_in_hours(k, l) }}{% for x in enumerate_with_last(m) %}{% end %}"))
                .filteredOn(parameter -> !parameter.name().equals("x"))
                .containsExactly(
                        helperArgument("b"), helperArgument("c"), helperArgument("d"), helperArgument("e"),
                        helperArgument("f"), helperArgument("g"), helperArgument("h"), helperArgument("a"),
                        helperArgument("i"), untyped("j"), helperArgument("k"), untyped("l"), helperArgument("m"));
    }

    @Test
    void aTypedUseWinsWhereverItIs() {
        assertThat(parameters("{% if defined(x) %}{{ UInt64(x) }}{% end %}{{ y }}{{ Date(y) }}{{ defined(z) }}"
                + "{{ z }}"))
                .containsExactly(typed("x", "UInt64", null), typed("y", "Date", null), untyped("z"));
    }

    @Test
    void theFirstTypedUseWins() {
        assertThat(parameters("{{ Int32(dup, 1) }} {{ String(dup, 'last') }}"))
                .containsExactly(typed("dup", "Int32", 1L));
    }

    @Test
    void otherBareNamesAreStringParameters() {
        assertThat(parameters("{{ x }}{% if a > 0 and b.c %}{{ f(d, e=g) }}{% end %}{{ String(h + 'x', 'dflt') }}"))
                .containsExactly(untyped("x"), untyped("d"), untyped("g"), untyped("a"), untyped("b"), untyped("h"));
    }

    @Test
    void excludesBuiltinsAndTemplateFunctionsButNotIdOrFormat() {
        assertThat(parameters("{{ len(items) }}{{ str }}{{ max_threads }}{{ Int32 }}{{ defined }}{{ id }}"
                + "{{ format }}{{ ValueError }}"))
                .extracting(TemplateParameter::name)
                .containsExactly("items", "id", "format");
    }

    @Test
    void typedAndHelperArgumentsMayUseBuiltinNames() {
        assertThat(parameters("{{ String(filter, description='like filter') }}{{ defined(input) }}"))
                .extracting(TemplateParameter::name, TemplateParameter::type, TemplateParameter::usedIn)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("filter", "String", null),
                        org.assertj.core.groups.Tuple.tuple("input", "String", "function_call"));
    }

    @Test
    void setAndLoopAndComprehensionVariablesAreParametersButLambdaAndExceptNamesAreNot() {
        assertThat(parameters("{% set total = Int32(n, 0) %}{% for k, v in pairs %}{% end %}"
                + "{{ [w for w in words] }}{{ (lambda p=r: q)(1) }}"
                + "{% try %}{% except ValueError as err %}{% end %}"))
                .extracting(TemplateParameter::name)
                .containsExactly("total", "n", "k", "v", "pairs", "w", "words", "r", "q");
    }

    @Test
    void listsBodiesBeforeTheirBlockStatementAndElifInPlace() {
        assertThat(parameters("{% if a %}{{ b }}{% elif c %}{{ d }}{% else %}{{ e }}{% end %}"
                + "{% for f in g %}{{ h }}{% end %}{% while i %}{{ j }}{% end %}"
                + "{% try %}{{ k }}{% except L %}{{ m }}{% finally %}{{ n }}{% end %}"))
                .extracting(TemplateParameter::name)
                .containsExactly("b", "c", "d", "e", "a", "h", "f", "g", "j", "i", "k", "L", "m", "n");
    }

    @Test
    void findsTypedParametersInsideDoubleBracesOfAStatement() {
        assertThat(parameters("{% if defined({{UInt64(number)}}) and defined(y) %}1{% end %}"))
                .containsExactly(typed("number", "UInt64", null), helperArgument("y"));
    }

    @Test
    void discoversTheParametersOfAFullEndpoint() {
        String sql = """
                %
                {% set _metrics = split_to_array(String(metrics, 'visits,hits')) %}
                SELECT toStartOfHour(ts) AS hour,
                  {% for is_last, m in enumerate_with_last(_metrics) %}
                    sum({{ column(m) }}){% if not is_last %},{% end %}
                  {% end %}
                FROM {{ TABLE('traffic_mv') }}
                WHERE ts >= {{ DateTime(since, '2025-01-01 00:00:00', description="lower bound", required=True) }}
                {% if defined(countries) %}
                  AND {{ sql_and(country__in=Array(countries, 'String', defined=False)) }}
                {% end %}
                {% if date_diff_in_days(Date(from_day, '2025-01-01'), Date(to_day, '2025-02-01')) > 31 %}
                  {{ error('At most a month', 400) }}
                {% end %}
                {% if defined(device) %} AND device = {{ device }} {% end %}
                GROUP BY hour ORDER BY {{ columns(order_by, 'hour') }}
                LIMIT {{ Int32(page_size, 50, example=10) }} OFFSET {{ Int32(page, 0) * Int32(page_size, 50) }}
                """.replaceFirst("%", " ");
        assertThat(parameters(sql)).containsExactly(
                untyped("_metrics"),
                typed("metrics", "String", "visits,hits"),
                untyped("m"),
                untyped("is_last"),
                new TemplateParameter("since", "DateTime", "2025-01-01 00:00:00", "lower bound", true, List.of(),
                        null, null, null),
                typed("countries", "Array(String)", null),
                typed("from_day", "Date", "2025-01-01"),
                typed("to_day", "Date", "2025-02-01"),
                untyped("device"),
                helperArgument("order_by"),
                new TemplateParameter("page_size", "Int32", 50L, null, null, List.of(), 10L, null, null),
                typed("page", "Int32", 0L));
    }

    private static List<TemplateParameter> parameters(String source) {
        return TemplateParser.parse(source).parameters();
    }

    private static TemplateParameter typed(String name, String type, Object defaultValue) {
        return new TemplateParameter(name, type, defaultValue, null, null, List.of(), null, null, null);
    }

    private static TemplateParameter untyped(String name) {
        return typed(name, "String", null);
    }

    private static TemplateParameter helperArgument(String name) {
        return new TemplateParameter(name, "String", null, null, null, List.of(), null, null, "function_call");
    }
}
