package org.tinybirdmaven.ci.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

    private static Expressions.Scope scope(boolean failed) {
        Map<String, Object> event = Map.of("action", "opened", "pull_request", Map.of("number", 7.0,
                "labels", List.of(Map.of("name", "--assert-result-no-error"), Map.of("name", "bug"))));
        Map<String, Object> contexts = Map.of("github", Map.of("event", event, "event_name", "pull_request"),
                "inputs", Map.of("rehearsal", true, "maven_profile", "Staging", "dir", ""),
                "env", Map.of("TINYBIRD_ENV", "tmp_ci_x_1"));
        return new Expressions.Scope() {
            @Override
            public Map<String, Object> contexts() {
                return contexts;
            }

            @Override
            public boolean jobFailed() {
                return failed;
            }
        };
    }

    private static Object eval(String expression) {
        return Expressions.evaluate(expression, scope(false));
    }

    @Test
    void propertiesFiltersAndFunctions() {
        assertThat(eval("github.event.pull_request.number")).isEqualTo(7.0);
        assertThat(eval("github.event['action']")).isEqualTo("opened");
        assertThat(eval("join(github.event.pull_request.labels.*.name, ' ')"))
                .isEqualTo("--assert-result-no-error bug");
        assertThat(eval("contains(github.event.pull_request.labels.*.name, 'BUG')")).isEqualTo(true);
        assertThat(eval("startsWith(inputs.maven_profile, 'stag')")).isEqualTo(true);
        assertThat(eval("format('{0}-{1}', inputs.maven_profile, 2)")).isEqualTo("Staging-2");
        assertThat(eval("github.nothing.deeper")).isNull();
    }

    @Test
    void looseEqualityAndLogicReturnOperands() {
        assertThat(eval("inputs.maven_profile == 'staging'")).isEqualTo(true);
        assertThat(eval("github.event.pull_request.number == '7'")).isEqualTo(true);
        assertThat(eval("inputs.dir || 'fallback'")).isEqualTo("fallback");
        assertThat(eval("inputs.rehearsal && 'yes'")).isEqualTo("yes");
        assertThat(eval("!inputs.rehearsal")).isEqualTo(false);
        assertThat(eval("env.TINYBIRD_ENV != '' && 1 < 2")).isEqualTo(true);
        assertThat(eval("env.UNSET != ''")).as("null and '' are both 0").isEqualTo(false);
        assertThat(eval("inputs.rehearsal == 1")).isEqualTo(true);
    }

    @Test
    void conditionsWithoutStatusFunctionRequireSuccess() {
        assertThat(Expressions.condition("inputs.rehearsal", scope(false))).isTrue();
        assertThat(Expressions.condition("inputs.rehearsal", scope(true))).isFalse();
        assertThat(Expressions.condition("${{ always() && inputs.rehearsal }}", scope(true))).isTrue();
        assertThat(Expressions.condition("failure()", scope(true))).isTrue();
    }

    @Test
    void interpolationWritesValuesAsText() {
        assertThat(Expressions.interpolate("n=${{ github.event.pull_request.number }} r=${{ inputs.rehearsal }}"
                + " x=${{ inputs.missing }}.", scope(false))).isEqualTo("n=7 r=true x=.");
    }

    @Test
    void anythingOutsideTheSubsetIsAnError() {
        assertThatThrownBy(() -> eval("toJSON(github)")).hasMessageContaining("outside the supported subset");
        assertThatThrownBy(() -> eval("vars.X")).hasMessageContaining("context 'vars' is not available");
        assertThatThrownBy(() -> eval("inputs.a ==")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> eval("inputs.a = 'b'")).hasMessageContaining("cannot read");
    }
}
