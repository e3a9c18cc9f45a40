package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.datafile.DatafileParser;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.template.TemplateParameter;

class RegressionRequestsTest {

    private static List<TemplateParameter> parameters(String pipe) {
        var parsed = new DatafileParser(Map.of()).parse(Path.of("endpoints/e.pipe"), pipe);
        PipeFile file = (PipeFile) parsed.valid().orElseThrow(() -> new AssertionError(parsed.diagnostics()));
        return RegressionRequests.parameters(file);
    }

    private static RegressionFile.Test coverage(int limit, int samples, List<Map<String, String>> params) {
        return new RegressionFile.Test(RegressionFile.Mode.COVERAGE, RegressionFile.Assertions.DEFAULTS, limit,
                samples, params);
    }

    @Test
    void parametersComeFromEveryNodeOfTheEndpoint() {
        List<TemplateParameter> found = parameters("""
                NODE a
                SQL >
                    %
                    SELECT * FROM t WHERE d >= {{ Date(start, '2024-01-01') }}
                    {% if defined(color) %} AND c = {{ String(color, enum=['red', 'blue']) }} {% end %}

                NODE b
                SQL >
                    %
                    SELECT * FROM a LIMIT {{ Int32(limit, 10, example=3) }}
                """);
        assertThat(found).extracting(TemplateParameter::name).containsExactly("start", "color", "limit");
    }

    @Test
    void coverageStartsWithTheDefaultsThenTriesEachParametersSamples() {
        List<TemplateParameter> found = parameters("""
                NODE e
                SQL >
                    %
                    SELECT {{ Date(start, '2024-01-01') }}, {{ String(color, enum=['red', 'blue', 'green']) }},
                        {{ Int32(limit, 10, example=3) }}
                """);
        RegressionRequests.Plan plan = RegressionRequests.coverage(found, coverage(10, 2,
                List.of(Map.of("color", "black"))));
        assertThat(plan.skipReason()).isNull();
        assertThat(plan.requests()).containsExactly(Map.of(), Map.of("color", "red"), Map.of("color", "blue"),
                Map.of("limit", "3"), Map.of("color", "black"));
        assertThat(RegressionRequests.coverage(found, coverage(2, 1, List.of())).requests())
                .containsExactly(Map.of(), Map.of("color", "red"));
    }

    @Test
    void aRequiredParameterWithoutDefaultUsesItsExampleOrCannotBeCovered() {
        RegressionRequests.Plan plan = RegressionRequests.coverage(parameters("""
                NODE e
                SQL >
                    %
                    SELECT {{ Int32(n, required=True, example=5) }}, {{ String(s, 'x') }}
                """), coverage(10, 1, List.of()));
        assertThat(plan.requests()).containsExactly(Map.of("n", "5"));
        RegressionRequests.Plan impossible = RegressionRequests.coverage(parameters("""
                NODE e
                SQL >
                    %
                    SELECT {{ Int32(n, required=True) }}
                """), coverage(10, 1, List.of()));
        assertThat(impossible.requests()).isEmpty();
        assertThat(impossible.skipReason()).isEqualTo("required parameter 'n' has no default, example= or enum= to"
                + " build a request from; add one, or a manual test in tests/regression.yaml");
    }

    @Test
    void loggedUrlsGiveBackTheirTemplateParameters() {
        assertThat(RegressionRequests.queryParameters("https://api.tinybird.co/v0/pipes/top.json?token=p.x"
                + "&date_start=2024-03-01&colors=red%2Cblue&q=select+1&__tb__semver=1&_debug=1&flag"))
                .containsExactly(Map.entry("date_start", "2024-03-01"), Map.entry("colors", "red,blue"),
                        Map.entry("flag", ""));
        assertThat(RegressionRequests.queryParameters("/v0/pipes/top.json")).isEmpty();
    }
}
