package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinybirdmaven.template.Renders.error;
import static org.tinybirdmaven.template.Renders.result;
import static org.tinybirdmaven.template.Renders.sql;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Resource limits and the sandbox: a request can neither hang the server nor reach Python's internals. */
class RenderLimitsTest {

    private static TemplateRenderException limited(RenderOptions options, String template) {
        TemplateRenderException[] caught = new TemplateRenderException[1];
        assertThatThrownBy(() -> result(template, RenderMode.REQUEST, options))
                .isInstanceOfSatisfying(TemplateRenderException.class, e -> caught[0] = e);
        assertThat(caught[0].status()).isEqualTo(400);
        assertThat(caught[0].errorType()).isEqualTo("RenderLimit");
        return caught[0];
    }

    @Test
    void endlessLoopsStopQuickly() {
        long start = System.nanoTime();
        TemplateRenderException e = limited(RenderOptions.defaults(), "SELECT 1\n{% while True %}{% end %}");
        assertThat(e.getMessage()).isEqualTo("Template loops exceed the limit of 100000 iterations");
        assertThat(e.line()).hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void evaluationStepsAreLimited() {
        RenderOptions options = RenderOptions.builder().maxSteps(1000).build();
        assertThat(limited(options, "{% for i in range(10000) %}{% end %}").getMessage())
                .isEqualTo("Template evaluation exceeds the limit of 1000 steps");
        assertThat(limited(options, "{{ sum(range(100000000)) }}").getMessage())
                .isEqualTo("Template evaluation exceeds the limit of 1000 steps");
        assertThat(limited(options, "{{ [x for x in range(5000)] }}").getMessage())
                .isEqualTo("Template evaluation exceeds the limit of 1000 steps");
        assertThat(limited(RenderOptions.defaults(), "{{ len(list(range(10000000))) }}").getMessage())
                .isEqualTo("Template value exceeds the limit of 100000 elements");
        assertThat(limited(RenderOptions.defaults(), "{{ sum(range(100000000)) }}").getMessage())
                .isEqualTo("Template evaluation exceeds the limit of 1000000 steps");
    }

    @Test
    void loopIterationsAreLimited() {
        RenderOptions options = RenderOptions.builder().maxLoopIterations(10).build();
        assertThat(limited(options, "{% for i in range(11) %}{% end %}").getMessage())
                .isEqualTo("Template loops exceed the limit of 10 iterations");
        assertThat(result("{% for i in range(10) %}{{ i }}{% end %}", RenderMode.REQUEST, options).sql())
                .isEqualTo("0123456789");
    }

    @Test
    void outputSizeIsLimited() {
        RenderOptions options = RenderOptions.builder().maxOutputChars(100).build();
        assertThat(limited(options, "{% for i in range(100) %}0123456789{% end %}").getMessage())
                .isEqualTo("Template output exceeds the limit of 100 characters");
        assertThat(result("{% for i in range(10) %}0123456789{% end %}", RenderMode.REQUEST, options).sql())
                .hasSize(100);
    }

    @Test
    void valueSizesAreLimited() {
        assertThat(limited(RenderOptions.defaults(), "{{ len('x' * 10000000) }}").getMessage())
                .isEqualTo("Template value exceeds the limit of 1048576 characters");
        assertThat(limited(RenderOptions.defaults(), "{{ len([0] * 1000000) }}").getMessage())
                .isEqualTo("Template value exceeds the limit of 100000 elements");
        assertThat(limited(RenderOptions.defaults(), "{% set s = 'ab' %}{% for i in range(30) %}{% set s = s + s %}"
                + "{% end %}").getMessage()).isEqualTo("Template value exceeds the limit of 1048576 characters");
        RenderOptions small = RenderOptions.builder().maxCollectionSize(3).build();
        assertThat(limited(small, "{% set l = [] %}{% for i in range(5) %}{% set _ = l.append(i) %}{% end %}")
                .getMessage()).isEqualTo("Template value exceeds the limit of 3 elements");
        assertThat(limited(small, "{{ split_to_array(x) }}".replace("x", "'a,b,c,d'")).getMessage())
                .isEqualTo("Template value exceeds the limit of 3 elements");
    }

    @Test
    void integerSizesAreLimited() {
        assertThat(limited(RenderOptions.defaults(), "{% set x = 2 %}{% for i in range(20) %}{% set x = x * x %}"
                + "{% end %}").getMessage()).isEqualTo("Template integer exceeds the limit of 4096 bits");
        assertThat(limited(RenderOptions.defaults(), "{{ 1 << 100000 }}").getMessage())
                .isEqualTo("Template integer exceeds the limit of 4096 bits");
        assertThat(limited(RenderOptions.defaults(), "{{ pow(10, 100000) }}").getMessage())
                .isEqualTo("Template integer exceeds the limit of 4096 bits");
        assertThat(sql("{{ pow(2, 256) - 1 }}"))
                .isEqualTo("115792089237316195423570985008687907853269984665640564039457584007913129639935");
    }

    @Test
    void recursionIsLimited() {
        assertThat(limited(RenderOptions.defaults(), "{% set f = lambda n: f(n + 1) %}{{ f(0) }}").getMessage())
                .isEqualTo("Template calls exceed the maximum depth of 50");
        assertThat(limited(RenderOptions.defaults(), "{% set f = lambda n: f(n + 1) %}{{ sorted([1, 2], key=f) }}")
                .getMessage()).isEqualTo("Template calls exceed the maximum depth of 50");
    }

    @Test
    void limitsCannotBeCaughtByTheTemplate() {
        RenderOptions options = RenderOptions.builder().maxSteps(500).build();
        assertThat(limited(options, "{% try %}{% while True %}{% end %}{% except %}caught{% end %}").getMessage())
                .isEqualTo("Template evaluation exceeds the limit of 500 steps");
        assertThat(limited(options, "{% for i in [1] %}{% try %}{% while True %}{% end %}{% finally %}{% break %}"
                + "{% end %}{% end %}").getMessage()).isEqualTo("Template evaluation exceeds the limit of 500 steps");
    }

    @Test
    void pythonInternalsAreUnreachable() {
        TemplateRenderException dunder = limited(RenderOptions.defaults(), "{{ ''.__class__.__mro__ }}");
        assertThat(dunder.getMessage()).isEqualTo("Access to attribute \"__class__\" is forbidden in templates");
        assertThat(limited(RenderOptions.defaults(), "{{ (lambda: 0).__globals__ }}").getMessage())
                .isEqualTo("Access to attribute \"__globals__\" is forbidden in templates");
        for (String escape : new String[] {"eval('1')", "exec('x=1')", "open('/etc/passwd')", "__import__('os')",
            "getattr('', 'upper')", "globals()", "compile('1', 'f', 'eval')", "type('')", "print(1)"}) {
            assertThat(error("{{ " + escape + " }}").getMessage()).as(escape).isEqualTo(
                    "Template Syntax Error: wrong syntax, you might be using a not valid function inside a control "
                            + "block");
        }
    }

    @Test
    void defaultLimitsLeaveRoomForRealTemplates() {
        assertThat(sql("{% for i in range(20000) %}{% if i % 5000 == 0 %}{{ i }},{% end %}{% end %}"))
                .isEqualTo("0,5000,10000,15000,");
        assertThat(sql("{{ len(Array(x, 'Int32')) }}", "x", "1,".repeat(9999) + "1")).isEqualTo("20001");
    }
}
