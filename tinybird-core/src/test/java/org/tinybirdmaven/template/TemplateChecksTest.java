package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.template.TemplateProblem.Severity.ERROR;
import static org.tinybirdmaven.template.TemplateProblem.Severity.WARNING;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Template#validate()} and {@link Template#tableCalls()}. */
class TemplateChecksTest {

    private static final String RESERVED = "\" is a reserved word. Please, choose another name or the pipe will not"
            + " work as expected.";

    @Test
    void acceptsOrdinaryTemplates() {
        assertThat(validate("""
                {% set _days = day_diff(Date(d0, '2024-01-01'), Date(d1)) %}
                SELECT {{ columns(cols, 'a') }}, {{ ','.join([str(i) for i in range(3)]) }}
                FROM {{ TABLE('events') }} WHERE {{ sql_and(a=String(a, defined=False)) }}
                {% if len(split_to_array(tags, '')) > max(1, min(2, abs(-3))) %}{{ max_threads(2) }}{% end %}
                {{ tb_secret('key', 'x') }} {{ cache_ttl('5m') }} {{ String(x, format='date') }}
                {{ Int32(id) }} {{ String(input) }} {{ sorted(zip(a, b)) }} {{ isinstance(a, str) }}
                """)).isEmpty();
    }

    @Test
    void rejectsFormatAndQAsVariables() {
        assertThat(validate("{{ String(format) }}\n  {% if defined(q) %}{% end %}")).containsExactly(
                new TemplateProblem(ERROR, "\"format\" can not be used as a variable name", 1, 11),
                new TemplateProblem(ERROR, "\"q\" can not be used as a variable name", 2, 17));
    }

    @Test
    void rejectsFormatAsAttributeAndBoundNameLikeTinybird() {
        assertThat(validate("{{ '{}'.format(x) }}{% set q = 1 %}{% try %}{% except E as format %}{% end %}"))
                .containsExactly(
                        new TemplateProblem(ERROR, "\"format\" can not be used as a variable name", 1, 4),
                        new TemplateProblem(ERROR, "\"q\" can not be used as a variable name", 1, 28),
                        new TemplateProblem(ERROR, "\"format\" can not be used as a variable name", 1, 45));
    }

    @Test
    void warnsAboutReservedRequestOptionNames() {
        assertThat(validate("{{ String(token) }} {% for debug in x %}{% end %} {{ pipeline }} {{ job_timestamp }}"))
                .containsExactly(
                        new TemplateProblem(WARNING, "The parameter name \"token" + RESERVED, 1, 11),
                        new TemplateProblem(WARNING, "The parameter name \"debug" + RESERVED, 1, 28),
                        new TemplateProblem(WARNING, "The parameter name \"pipeline" + RESERVED, 1, 54),
                        new TemplateProblem(WARNING, "The parameter name \"job_timestamp" + RESERVED, 1, 69));
    }

    @Test
    void warnsAboutUnknownFunctions() {
        assertThat(validate("SELECT {{ toDate(x) }}, {{ String(y).upper() }}\n{{ type(z) }}")).containsExactly(
                new TemplateProblem(WARNING, "'toDate' is not a valid function", 1, 11),
                new TemplateProblem(WARNING, "'type' is not a valid function", 2, 4));
    }

    @Test
    void letsTemplatesCallWhatTheyBind() {
        assertThat(validate("{% set f = lambda v: v %}{{ f(1) }}{% for g in [str] %}{{ g(1) }}{% end %}"
                + "{{ [h(1) for h in fs] }}{{ (lambda k: k(1))(str) }}")).isEmpty();
    }

    @Test
    void rejectsForbiddenBuiltins() {
        assertThat(validate("{{ eval('1') }}{{ open('f') }}{{ __import__('os') }}{{ getattr(x, 'y') }}"))
                .containsExactly(
                        new TemplateProblem(ERROR, "\"eval\" is forbidden in templates", 1, 4),
                        new TemplateProblem(ERROR, "\"open\" is forbidden in templates", 1, 19),
                        new TemplateProblem(ERROR, "\"__import__\" is forbidden in templates", 1, 34),
                        new TemplateProblem(ERROR, "\"getattr\" is forbidden in templates", 1, 56));
    }

    @Test
    void listsStringLiteralTableCallsInSourceOrder() {
        Template template = TemplateParser.parse("SELECT * FROM {{ table('events') }}\n"
                + "{% if x %} JOIN {{TABLE(\"ws.users\")}}{% else %}{{ table(name) }}{% end %}"
                + "{% set t = table('a' 'b') %}{{ other('c') }}");
        assertThat(template.tableCalls()).containsExactly(
                new TableCall("events", 1, 24),
                new TableCall("ws.users", 2, 25),
                new TableCall("ab", 2, 91));
    }

    private static List<TemplateProblem> validate(String source) {
        return TemplateParser.parse(source).validate();
    }
}
