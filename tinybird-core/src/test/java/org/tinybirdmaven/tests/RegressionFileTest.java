package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.tests.RegressionFile.Assertions;
import org.tinybirdmaven.tests.RegressionFile.Mode;
import org.tinybirdmaven.tests.RegressionFile.Rule;

class RegressionFileTest {

    @TempDir
    Path dir;

    private List<Rule> parse(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/regression.yaml"), yaml);
        return RegressionFile.rules(dir);
    }

    private String error(String yaml) {
        return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(TestFileException.class).actual().getMessage();
    }

    @Test
    void withoutAFileEveryPipeGetsADefaultCoverageTest() {
        List<Rule> rules = RegressionFile.rules(dir);
        assertThat(RegressionFile.testsFor(rules, "anything")).containsExactly(RegressionFile.Test.coverage());
        assertThat(RegressionFile.Test.coverage().assertions()).isEqualTo(Assertions.DEFAULTS);
    }

    @Test
    void theLastMatchingEntryDecidesSoASpecificOneCanSkipAPipe() throws IOException {
        List<Rule> rules = parse("""
                - pipe: '.*'
                  tests:
                    - coverage:

                - pipe: 'analytics_hits'
                  tests:
                    - coverage:
                        config:
                          # skip until start to use it
                          skip: True
                """);
        assertThat(RegressionFile.testsFor(rules, "kpis")).singleElement().satisfies(t -> {
            assertThat(t.mode()).isEqualTo(Mode.COVERAGE);
            assertThat(t.assertions().skip()).isFalse();
        });
        assertThat(RegressionFile.testsFor(rules, "analytics_hits")).singleElement()
                .satisfies(t -> assertThat(t.assertions().skip()).isTrue());
        assertThat(RegressionFile.testsFor(rules, "analytics_hits_v2")).as("re.match anchors at the start only")
                .singleElement().satisfies(t -> assertThat(t.assertions().skip()).isTrue());
        assertThat(RegressionFile.testsFor(parse("- pipe: 'top_.*'\n  tests: [coverage]\n"), "kpis")).isEmpty();
    }

    @Test
    void readsEverySetting() throws IOException {
        List<Rule> rules = parse("""
                - pipe: top_products
                  tests:
                    - manual:
                        config:
                          assert_result: false
                          assert_result_no_error: false
                          assert_result_rows_count: false
                          assert_result_ignore_order: true
                          assert_time_increase_percentage: 50
                          assert_bytes_read_increase_percentage: -1
                          assert_max_time: 1.5
                          failfast: true
                        params:
                          - {date_start: 2024-03-01, limit: 3}
                          - {colors: [red, blue]}
                    - last: {limit: 5}
                    - coverage: {limit: 3, samples_by_params: 2, matches: []}
                """);
        List<RegressionFile.Test> tests = RegressionFile.testsFor(rules, "top_products");
        assertThat(tests).extracting(RegressionFile.Test::mode).containsExactly(Mode.MANUAL, Mode.LAST,
                Mode.COVERAGE);
        assertThat(tests.get(0).assertions()).isEqualTo(new Assertions(false, false, false, true, 50, -1, 1.5, true,
                false));
        assertThat(tests.get(0).params()).containsExactly(Map.of("date_start", "2024-03-01", "limit", "3"),
                Map.of("colors", "red,blue"));
        assertThat(tests.get(1).limit()).isEqualTo(5);
        assertThat(tests.get(1).assertions()).isEqualTo(Assertions.DEFAULTS);
        assertThat(tests.get(2).samplesByParams()).isEqualTo(2);
    }

    @Test
    void mistakesNameTheFileAndTheEntrysLine() {
        assertThat(error("- pipe: a\n  tests: [coverage]\n- pipe: '('\n  tests: []\n"))
                .startsWith("tests/regression.yaml:3: 'pipe' is not a valid regular expression");
        assertThat(error("- tests: [coverage]\n")).isEqualTo("tests/regression.yaml:1: each entry needs"
                + " 'pipe: <regex>' and 'tests: [...]'");
        assertThat(error("- pipe: a\n  tests: [coverge]\n")).isEqualTo("tests/regression.yaml:1: each test is one"
                + " of coverage, last or manual, not 'coverge'");
        assertThat(error("- pipe: a\n  tests:\n    - coverage: {config: {assert_results: true}}\n"))
                .contains("unknown setting 'assert_results' in coverage.config; known: assert_bytes_read_increase_percentage,");
        assertThat(error("- pipe: a\n  tests:\n    - manual: {config: {skip: false}}\n"))
                .contains("manual: 'params' must list the requests to compare");
        assertThat(error("- pipe: a\n  tests:\n    - coverage: {limit: 0}\n"))
                .contains("coverage: 'limit' must be a positive whole number");
        assertThat(error("- pipe: a\n  tests:\n    - coverage: {config: {failfast: yes please}}\n"))
                .contains("'failfast' must be true or false");
        assertThat(error("- pipe: a\n  tests: coverage\n")).contains("'tests' must be a list");
        assertThat(error("- pipe: a\n  tests: [\n")).startsWith("tests/regression.yaml:");
    }
}
