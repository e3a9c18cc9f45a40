package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.template.Renders.error;
import static org.tinybirdmaven.template.Renders.result;
import static org.tinybirdmaven.template.Renders.sql;
import static org.tinybirdmaven.template.Renders.testError;
import static org.tinybirdmaven.template.Renders.testSql;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The helper functions of spec §4.6 and the special parameter names of §4.7. */
class HelperFunctionsTest {

    @Test
    void definedIsTrueOnlyForSentParameters() {
        String template = "{% if defined(x) %}yes{% else %}no{% end %}";
        assertThat(sql(template, "x", "")).isEqualTo("yes");
        assertThat(sql(template)).isEqualTo("no");
        assertThat(testSql(template)).isEqualTo("no");
        assertThat(testSql(template, "x", "1")).isEqualTo("yes");
        assertThat(sql("{{ defined() }}")).isEqualTo("False");
    }

    @Test
    void columnQuotesEachDottedPart() {
        assertThat(sql("{{ column(c) }}", "c", "foo")).isEqualTo("`foo`");
        assertThat(sql("{{ column(c) }}", "c", "json.a")).isEqualTo("`json`.`a`");
        assertThat(sql("{{ column(c) }}", "c", "\"foo\"")).isEqualTo("`foo`");
        assertThat(sql("{{ column(c, 'level') }}")).isEqualTo("`level`");
        assertThat(testSql("{{ column(c, 'level') }}")).isEqualTo("`level`");
        TemplateRenderException e = error("{{ column(c) }}");
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: Missing column() default value, use "
                + "`column(column_name, 'default_column_name')`");
        assertThat(e.documentation()).isEqualTo("/cli/advanced-templates.html#column");
        assertThat(testError("{{ column(c) }}").getMessage()).startsWith("Template Syntax Error: Missing column()");
    }

    @Test
    void columnsBuildsAListOfIdentifiers() {
        assertThat(sql("SELECT {{ columns(c) }} FROM t", "c", "a, b ,c")).isEqualTo("SELECT `a`,`b`,`c` FROM t");
        assertThat(sql("SELECT {{ columns(c, 'a,b') }}")).isEqualTo("SELECT `a`,`b`");
        assertThat(sql("SELECT {{ columns('a,b,c') }}")).isEqualTo("SELECT `a`,`b`,`c`");
        assertThat(sql("{{ columns(c, fn='sum') }}", "c", "a,b")).isEqualTo("sum(`a`) as a,sum(`b`) as b");
        assertThat(sql("{{ columns(c, fn='quantile(0.9)') }}", "c", "t.x"))
                .isEqualTo("quantile(0.9)(`t`.`x`) as `t.x`");
        TemplateRenderException missing = error("{{ columns(c) }}");
        assertThat(missing.getMessage()).isEqualTo("Template Syntax Error: Missing columns() default value, use "
                + "`columns(column_names, 'default_column_name')`");
        assertThat(missing.documentation()).isEqualTo("/cli/advanced-templates.html#columns");
        assertThat(error("{{ columns(c) }}", "c", List.of("a", "b")).getMessage())
                .isEqualTo("Template Syntax Error: The 'columns' function expects a String not an Array");
        assertThat(error("{{ columns(c, fn=f) }}", "c", "a", "f", "sum(1)) FROM x --").getMessage())
                .isEqualTo("Template Syntax Error: Invalid function name 'sum(1)) FROM x --' in columns()");
    }

    @Test
    void symbolAndTable() {
        assertThat(sql("{{ symbol(x) }} {{ symbol(x, '\"') }}", "x", "table-name")).isEqualTo("`table-name` \"table-name\"");
        assertThat(testSql("{{ symbol(x) }} {{ table(t) }}")).isEqualTo("`placeholder` placeholder");
        assertThat(sql("FROM {{ table('events') }} JOIN {{ TABLE(t) }}", "t", "db.other"))
                .isEqualTo("FROM events JOIN db.other");
        assertThat(sql("FROM {{ table(t) }}", "t", "my table")).isEqualTo("FROM `my table`");
        assertThat(error("{{ symbol(x, '') }}", "x", "a").getMessage())
                .isEqualTo("Template Syntax Error: symbol() quote must be one of '`', '\"' or \"'\"");
    }

    @Test
    void sqlAndJoinsConditionsWithOperatorSuffixes() {
        String template = "{{ sql_and(a=String(a, defined=False), b__in=Array(b, 'Int32', defined=False), "
                + "c__not_in=Array(c, defined=False), d__gt=Int32(d, defined=False), e__lt=Float32(e, defined=False), "
                + "f__gte=Date(f, defined=False), g__lte=Int(g, defined=False), h__x__in=Array(h, defined=False)) }}";
        assertThat(sql(template, "a", "x", "b", "1,2", "c", "u,v", "d", "3", "e", "0.5", "f", "2024-01-01", "g", "9",
                "h", "z"))
                .isEqualTo("a = 'x' and b in [1,2] and c not in ['u','v'] and d > toInt32('3') and "
                        + "e < toFloat32('0.5') and f >= '2024-01-01' and g <= 9 and h__x in ['z']");
        assertThat(sql(template, "b", "7")).isEqualTo("b in [7]");
        assertThat(sql(template)).isEmpty();
        assertThat(sql("{{ sql_and(a=a, b=b) }}", "a", "1", "b", "2")).isEqualTo("a = '1' and b = '2'");
        assertThat(sql("{{ sql_and(a=split_to_array(a)) }}", "a", "1,2")).isEqualTo("a = ['1', '2']");
    }

    @Test
    void sqlAndRejectsUnknownOperators() {
        TemplateRenderException e = error("{{ sql_and(a__like=a) }}", "a", "x");
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: operand like not supported");
        assertThat(e.documentation()).isEqualTo("/cli/advanced-templates.html#sql_and");
        assertThat(sql("{{ sql_and(a__like=a) }}")).as("None values are skipped before the operator is read")
                .isEmpty();
    }

    @Test
    void splitToArrayGivesTrimmedStrings() {
        assertThat(sql("{{ split_to_array(x) }}", "x", "a, b ,c")).isEqualTo("['a', 'b', 'c']");
        assertThat(sql("{{ split_to_array(x, separator='|') }}", "x", "1|2")).isEqualTo("['1', '2']");
        assertThat(sql("{{ split_to_array(x, 'd,e') }} {{ split_to_array(y) }}")).isEqualTo("['d', 'e'] ['']");
        assertThat(testSql("{{ split_to_array(x, 'd') }}")).isEqualTo("['d']");
        assertThat(sql("{% for c in split_to_array(x) %}{{ column(c) }};{% end %}", "x", "a,b"))
                .isEqualTo("`a`;`b`;");
        assertThat(error("{{ split_to_array(x, ['a']) }}").getMessage()).isEqualTo("Template Syntax Error: First "
                + "argument of split_to_array has to be a value that can be split to a list of elements, but found a "
                + "PlaceHolder with no value instead");
    }

    @Test
    void splitToArrayWithTheEscapingFlagQuotesEveryString() {
        RenderOptions escaping = RenderOptions.builder().escapeArrays(true).build();
        assertThat(result("{{ split_to_array(x) }}", RenderMode.REQUEST, escaping, "x", "a,it's").sql())
                .isEqualTo("['a','it\\'s']");
    }

    @Test
    void enumerateWithLastMarksTheLastElement() {
        assertThat(sql("{% set items = ['a', 'b'] %}{{ enumerate_with_last(items) }}"))
                .isEqualTo("[(False, 'a'), (True, 'b')]");
        assertThat(sql("{% for last, c in enumerate_with_last(split_to_array(x)) %}{{ c }}{% if not last %}, {% end %}"
                + "{% end %}", "x", "a,b,c")).isEqualTo("'a', 'b', 'c'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            day_diff('2019-01-01', '2019-01-01')                                 | 0
            day_diff('2019-01-02', '2019-02-01')                                 | 30
            day_diff('2019-02-01', '2019-01-02')                                 | 30
            day_diff('2019-1-2', '2019-1-3')                                     | 1
            date_diff_in_days('2019-02-01 20:00:00', '2019-01-02 20:00:00', date_format='%Y-%m-%d %H:%M:%S') | 30
            date_diff_in_days('2019-01-01', '2019/01/04', backup_date_format='%Y/%m/%d')  | 3
            date_diff_in_days('2019-02-01T20:00:00z', '2019-02-15', '%Y-%m-%dT%H:%M:%Sz', backup_date_format='%Y-%m-%d') | 13
            date_diff_in_hours('2022-12-19T20:43:22Z', '2022-12-19T18:42:23Z', '%Y-%m-%dT%H:%M:%Sz') | 2
            date_diff_in_hours('2022-12-14 18:42:22', '2022-12-19 18:42:22')     | 120
            date_diff_in_hours('2022-12-19T03:22:12.102Z', '2022-12-19', date_format='%Y-%m-%dT%H:%M:%S.%fz', backup_date_format='%Y-%m-%d') | 3
            date_diff_in_hours('2022-12-19', '2022-12-19 02:01:00', backup_date_format='%Y-%m-%d') | 2
            date_diff_in_minutes('2022-12-14 18:42:22', '2022-12-19 18:42:22')   | 7200
            date_diff_in_minutes('2022-12-19T03:22:12.102Z', '2022-12-19', date_format='%Y-%m-%dT%H:%M:%S.%fz', backup_date_format='%Y-%m-%d') | 202
            date_diff_in_seconds('2022-12-19T18:42:23.521Z', '2022-12-19T18:44:23.531Z', '%Y-%m-%dT%H:%M:%S.%fz') | 120
            date_diff_in_seconds('2022-12-19 18:42:23.521', '2022-12-19 18:42:24.521', '%Y-%m-%d %H:%M:%S.%f') | 1
            date_diff_in_seconds('2022-12-19 00:00:00+01:00', '2022-12-19 00:00:00Z', '%Y-%m-%d %H:%M:%S%z') | 3600
            date_diff_in_seconds('19 Dec 2022 10pm', '20 dec 2022 1am', '%d %b %Y %I%p') | 10800
            date_diff_in_hours('2022-12-18T18:42:22Z', '2022-12-19T18:42:22Z', none_if_error=True) is None | True
            date_diff_in_days('2019-01-01', '2019-00-02', none_if_error=True) is None | True
            date_diff_in_days('01 January 19', '01 feb 19', '%d %B %y', backup_date_format='%d %b %y') | 31
            date_diff_in_days('2020-001', '2020-366', '%Y-%j')                   | 365
            date_diff_in_seconds('2022-12-19  00:00:00', '2022-12-19 00:00:01') | 1
            date_diff_in_days('2019-01-01x', '2019-01-02', none_if_error=True) is None | True
            date_diff_in_days('2019-02-30', '2019-03-01', none_if_error=True) is None | True
            """)
    void dateDifferencesMatchTinybirdsDoctests(String expression, String expected) {
        assertThat(sql("{{ " + expression + " }}")).isEqualTo(expected);
    }

    @Test
    void dateDifferencesOfPlaceholdersAreZeroOrTheDefault() {
        assertThat(testSql("{{ day_diff(a, b) }} {{ date_diff_in_hours(a, '') }} {{ date_diff_in_days(a, b, default=7) }}"))
                .isEqualTo("0 0 7");
        assertThat(testSql("{% if date_diff_in_hours(start, end) >= 24 * 10 %}long{% else %}short{% end %}"))
                .isEqualTo("short");
    }

    @Test
    void dateDifferenceErrorsNameTheFunction() {
        assertThat(error("{{ day_diff(a, b) }}", "a", "2019-01-01", "b", "01/02/2019").getMessage())
                .isEqualTo("Template Syntax Error: invalid date format in function `day_diff`, it must be ISO format "
                        + "date YYYY-MM-DD, e.g. 2018-09-26. For other fotmats, try `date_diff_in_days`");
        assertThat(error("{{ date_diff_in_days(a, b) }}", "a", "x", "b", "y").getMessage())
                .isEqualTo("Template Syntax Error: invalid date format in function `date_diff_in_days`, it must be ISO "
                        + "format date YYYY-MM-DD, e.g. 2018-09-26");
        String hours = "Template Syntax Error: invalid date_format in function `date_diff_in_hours`, defaults to "
                + "YYYY-MM-DD hh:mm:ss. Or %Y-%m-%d %H:%M:%S [.ssssss]Z, e.g. ms: 2022-12-19T18:42:22.591Z "
                + "s:2022-12-19T18:42:22Z";
        assertThat(error("{{ date_diff_in_hours(a, b) }}").getMessage()).isEqualTo(hours);
        TemplateRenderException minutes = error("{{ date_diff_in_minutes('2022-25-19 00:00:03', '2022-10-19 00:05:03') }}");
        assertThat(minutes.getMessage()).isEqualTo(hours.replace("date_diff_in_hours", "date_diff_in_seconds"));
        assertThat(minutes.documentation()).isEqualTo("/cli/advanced-templates.html#date_diff_in_minutes");
        assertThat(error("{{ date_diff_in_seconds('2022/12/19 00:00:03', '2022-10-19 00:05:03') }}").getMessage())
                .isEqualTo(hours.replace("date_diff_in_hours", "date_diff_in_seconds"));
    }

    @Test
    void sqlUnescapeKeepsTheGivenCharacterUnescaped() {
        assertThat(sql("{{ sql_unescape(String(x), '%') }}", "x", "raul_el_bueno_%")).isEqualTo("'raul_el_bueno_%'");
        assertThat(sql("{{ sql_unescape(String(x), '$') }}", "x", "testing%")).isEqualTo("'testing\\%'");
        assertThat(sql("{{ sql_unescape(x) }}", "x", "testing\"")).isEqualTo("'testing\"'");
        assertThat(error("{{ sql_unescape(x) }}").getMessage())
                .isEqualTo("Template Syntax Error: 'NoneType' object has no attribute 'translate'");
    }

    @Test
    void errorAbortsWithTheMessageInRequestModeOnly() {
        TemplateRenderException e = error("{% if not defined(x) %}{{ error('x is required', 400) }}{% end %}");
        assertThat(e.getMessage()).isEqualTo("x is required");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorType()).isEqualTo("ValueError");
        assertThat(e.documentation()).isEqualTo("/query/query-parameters.html");
        assertThat(e.isCustomError()).isFalse();
        assertThat(testSql("A{{ error('x is required') }}B")).isEqualTo("A-- {x} \nB");
    }

    @Test
    void customErrorSetsTheStatusAndBody() {
        TemplateRenderException json = error("{{ custom_error({'error': 'not found', 'code': 404}, 404) }}");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.isCustomError()).isTrue();
        assertThat(json.customErrorBody()).isEqualTo("{\"error\": \"not found\", \"code\": 404}");
        assertThat(json.customErrorContentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(json.errorType()).isEqualTo("SQLTemplateCustomError");
        TemplateRenderException text = error("{{ custom_error('gone') }}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.customErrorBody()).isEqualTo("gone");
        assertThat(text.customErrorContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(testSql("{{ custom_error({'a': 1}, 404) }}")).isEqualTo("-- {x} \n");
    }

    @Test
    void maxThreadsIsAppliedAndCommented() {
        RenderResult result = result("{{ max_threads(2) }} SELECT 1", RenderMode.REQUEST, RenderOptions.defaults());
        assertThat(result.sql()).isEqualTo("-- max_threads 2\n SELECT 1");
        assertThat(result.maxThreads()).hasValue(2);
        RenderResult wrong = result("{{ max_threads(x) }}", RenderMode.REQUEST, RenderOptions.defaults(), "x", "many");
        assertThat(wrong.sql()).isEqualTo("-- max_threads: wrong argument many\n");
        assertThat(wrong.maxThreads()).isEmpty();
        assertThat(result("{{ max_threads(x) }}", RenderMode.REQUEST, RenderOptions.defaults(), "x", " 4 ").maxThreads())
                .hasValue(4);
    }

    @Test
    void cacheTtlAcceptsFiveValues() {
        for (String ttl : List.of("5s", "1m", "5m", "30m", "1h")) {
            RenderResult result = result("{{ cache_ttl('" + ttl + "') }}SELECT 1", RenderMode.REQUEST,
                    RenderOptions.defaults());
            assertThat(result.sql()).isEqualTo("-- cache_ttl " + ttl + "\nSELECT 1");
            assertThat(result.cacheTtl()).hasValue(ttl);
        }
        assertThat(error("{{ cache_ttl('2m') }}").getMessage()).isEqualTo("Template Syntax Error: Invalid TTL cache "
                + "expression, valid expressions are ('5s', '1m', '5m', '30m', '1h')");
    }

    @Test
    void backendHintActivateAndDisable() {
        RenderResult result = result("{{ backend_hint('replica-2') }}{{ activate('parallel_replicas') }}"
                + "{{ activate('analyzer') }}{{ disable('analyzer') }}SELECT 1", RenderMode.REQUEST,
                RenderOptions.defaults());
        assertThat(result.sql()).isEqualTo("-- backend_hint replica-2\n-- activate parallel_replicas\n"
                + "-- activate analyzer\n-- disable analyzer\nSELECT 1");
        assertThat(result.backendHint()).hasValue("replica-2");
        assertThat(result.activatedFeature()).hasValue("analyzer");
        assertThat(result.disabledFeature()).hasValue("analyzer");
        RenderResult cleared = result("{{ backend_hint('a') }}{{ backend_hint(None) }}", RenderMode.REQUEST,
                RenderOptions.defaults());
        assertThat(cleared.sql()).isEqualTo("-- backend_hint a\n-- backend_hint None\n");
        assertThat(cleared.backendHint()).isEmpty();
        assertThat(error("{{ activate('turbo') }}").getMessage())
                .isEqualTo("Template Syntax Error: 'turbo' is not a valid 'activate' argument");
        assertThat(error("{{ disable('parallel_replicas') }}").getMessage())
                .isEqualTo("Template Syntax Error: 'parallel_replicas' is not a valid 'disable' argument");
    }

    @Test
    void commentsCannotBeEndedByAValue() {
        assertThat(sql("{{ backend_hint(h) }}SELECT 1", "h", "x\nDROP TABLE t")).isEqualTo(
                "-- backend_hint x DROP TABLE t\nSELECT 1");
        assertThat(sql("{{ max_threads(h) }}", "h", "1\nDROP")).isEqualTo("-- max_threads: wrong argument 1 DROP\n");
    }

    @Test
    void secretsAreBoundAsQueryParameters() {
        RenderOptions options = RenderOptions.builder().secrets(Map.of("aws_key", "AKIA-SECRET")).build();
        RenderResult result = result("SELECT {{ tb_secret('aws_key') }}, {{ tb_var('aws_key', 'x') }}",
                RenderMode.REQUEST, options);
        assertThat(result.sql()).isEqualTo("SELECT {aws_key: String}, {aws_key: String}");
        assertThat(result.queryParameters()).containsExactly(Map.entry("aws_key", "AKIA-SECRET"));
        assertThat(result.toString()).doesNotContain("AKIA-SECRET");
        assertThat(options.toString()).doesNotContain("AKIA-SECRET");
        assertThat(result("{{ tb_secret('aws_key') }}", RenderMode.TEST, options).queryParameters())
                .containsKey("aws_key");
    }

    @Test
    void missingSecretsUseTheDefaultThePlaceholderOrFail() {
        assertThat(sql("{{ tb_secret('s', 'fallback') }} {{ tb_secret('t', '') }} {{ tb_var('u', 0) }}"))
                .isEqualTo("'fallback' '' 0");
        assertThat(testSql("{{ tb_secret('s') }} {{ tb_var('t', 'd') }}")).isEqualTo("{s: String} 'd'");
        TemplateRenderException e = error("{{ tb_secret('s') }}");
        assertThat(e.getMessage()).isEqualTo("Template Syntax Error: Cannot access secret 's'. Check the secret exists "
                + "in the Workspace and the token has the required scope.");
        assertThat(e.documentation()).isNull();
        RenderOptions strict = RenderOptions.builder().secretsInTestMode(false).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> result("{{ tb_secret('s') }}", RenderMode.TEST, strict))
                .hasMessageStartingWith("Template Syntax Error: Cannot access secret 's'.");
        assertThat(error("{{ tb_secret(name) }}", "name", "a} OR 1=1 --").getMessage())
                .isEqualTo("Template Syntax Error: Cannot access secret 'a} OR 1=1 --'. Check the secret exists in "
                        + "the Workspace and the token has the required scope.");
    }

    @Test
    void secretsMayBeGivenWithTheirTemplateKey() {
        RenderOptions options = RenderOptions.builder().secrets(Map.of("tb_secret_pw", "p")).build();
        assertThat(result("{{ tb_secret('pw') }}", RenderMode.REQUEST, options).queryParameters())
                .containsExactly(Map.entry("pw", "p"));
    }

    @Test
    void jobTimestampDefaultsToTheCurrentTime() {
        Clock clock = Clock.fixed(Instant.parse("2024-03-05T06:07:08Z"), ZoneOffset.UTC);
        RenderOptions options = RenderOptions.builder().clock(clock).build();
        assertThat(result("{{ DateTime(job_timestamp) }}", RenderMode.REQUEST, options).sql())
                .isEqualTo("'2024-03-05 06:07:08'");
        assertThat(result("{{ DateTime(job_timestamp) }}", RenderMode.REQUEST, options, "job_timestamp",
                "2020-01-01 00:00:00").sql()).isEqualTo("'2020-01-01 00:00:00'");
        assertThat(result("{{ DateTime(job_timestamp) }}", RenderMode.TEST, options).sql())
                .isEqualTo("'2024-03-05 06:07:08'");
    }

    @Test
    void reservedNamesAreReportedAsWarnings() {
        RenderResult result = result("{{ String(token, 'a') }} {% if defined(debug) %}{% end %} {{ x }}",
                RenderMode.REQUEST, RenderOptions.defaults(), "x", "1");
        assertThat(result.reservedParameterNames()).containsExactly("token", "debug");
        assertThat(result.reservedParameterWarning()).hasValue("The parameter names \"token\" and \"debug\" are "
                + "reserved words. Please, choose another name or the pipe will not work as expected.");
        RenderResult one = result("{{ pipeline }}", RenderMode.REQUEST, RenderOptions.defaults(), "pipeline", "p");
        assertThat(one.sql()).isEqualTo("'p'");
        assertThat(one.reservedParameterWarning()).hasValue("The parameter name \"pipeline\" is a reserved word. "
                + "Please, choose another name or the pipe will not work as expected.");
        assertThat(result("SELECT 1", RenderMode.REQUEST, RenderOptions.defaults()).reservedParameterWarning())
                .isEmpty();
    }

    @Test
    void formatAndQCannotBeVariables() {
        TemplateRenderException e = error("SELECT 1\n{{ String(format, 'test') }}", "format", "tt");
        assertThat(e.getMessage()).isEqualTo("\"format\" can not be used as a variable name, line 2");
        assertThat(e.status()).isEqualTo(400);
        assertThat(error("{% if q %}{% end %}").getMessage()).isEqualTo("\"q\" can not be used as a variable name, line 1");
        assertThat(error("{{ '{}'.format(1) }}").getMessage())
                .isEqualTo("\"format\" can not be used as a variable name, line 1");
    }

    @Test
    void idIsAnOrdinaryParameter() {
        assertThat(sql("{{ Int32(id, 1) }}", "id", "5")).isEqualTo("toInt32('5')");
        assertThat(sql("{{ Int32(id, 1) }}")).isEqualTo("toInt32('1')");
    }
}
