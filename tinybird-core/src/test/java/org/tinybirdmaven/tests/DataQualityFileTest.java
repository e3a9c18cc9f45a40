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

class DataQualityFileTest {

    @TempDir
    Path dir;

    private DataQualityFile parse(String yaml) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        return DataQualityFile.read(file, "tests/t.yaml");
    }

    private String error(String yaml) {
        return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(TestFileException.class).actual().getMessage();
    }

    @Test
    void readsTheExampleProjectsTests() throws IOException {
        DataQualityFile file = parse("""
                - no_negative_revenue:
                    max_bytes_read: null
                    max_time: null
                    sql: |
                        SELECT 1 WHERE 0
                - top_products_have_purchases:
                    max_time: 0.5
                    max_bytes_read: 1000
                    sql: SELECT * FROM _ WHERE purchases <= 0
                    pipe:
                      name: top_products
                      params:
                        date_start: 2024-03-01
                        limit: 3
                        colors: [red, blue]
                """);
        assertThat(file.tests()).hasSize(2);
        DataQualityTest first = file.tests().get(0);
        assertThat(first).isEqualTo(new DataQualityTest("no_negative_revenue", "SELECT 1 WHERE 0\n", null,
                Map.of(), null, null, 1));
        DataQualityTest second = file.tests().get(1);
        assertThat(second.pipe()).isEqualTo("top_products");
        assertThat(second.params()).containsExactly(Map.entry("date_start", "2024-03-01"), Map.entry("limit", "3"),
                Map.entry("colors", "red,blue"));
        assertThat(second.maxTime()).isEqualTo(0.5);
        assertThat(second.maxBytesRead()).isEqualTo(1000L);
        assertThat(second.line()).isEqualTo(6);
    }

    @Test
    void anEmptyFileHasNoTestsAndATestWithoutPropertiesIsKeptForItsRunTimeError() throws IOException {
        assertThat(parse("").tests()).isEmpty();
        assertThat(parse("# nothing yet\n").tests()).isEmpty();
        assertThat(parse("- nothing:\n").tests()).extracting(DataQualityTest::name).containsExactly("nothing");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        assertThat(error("- a:\n    sql: 'unterminated\n- b:\n")).startsWith("tests/t.yaml:").contains("quote");
        assertThat(error("- a:\n    sql: x\n    sql: y\n")).startsWith("tests/t.yaml:3:").contains("sql");
        assertThat(error("- a:\n  sql: x\n   - b\n")).startsWith("tests/t.yaml:");
    }

    @Test
    void theShapeIsCheckedWithTheTestsLine() {
        assertThat(error("a: {sql: x}\n")).isEqualTo("tests/t.yaml:1:1: the file must be a YAML list of tests"
                + " (lines starting with '- '), not a mapping");
        assertThat(error("- a:\n    sql: x\n- b:\n    sqll: x\n")).isEqualTo("tests/t.yaml:3: test 'b': unknown"
                + " property 'sqll'; a test has sql, pipe, max_time and max_bytes_read");
        assertThat(error("- a: {sql: x}\n  b: {sql: y}\n")).startsWith("tests/t.yaml:1: each item must be one test");
        assertThat(error("- SELECT 1\n")).startsWith("tests/t.yaml:1: each item must be one test");
        assertThat(error("- a:\n    pipe: top\n")).isEqualTo("tests/t.yaml:1: test 'a': 'pipe' must be a mapping"
                + " with a 'name' and optional 'params'");
        assertThat(error("- a:\n    sql: x\n    max_time: soon\n")).contains("'max_time' must be a number");
        assertThat(error("- a:\n    sql: x\n    max_bytes_read: 1.5\n")).contains("'max_bytes_read' must be a whole");
        assertThat(error("- a:\n    sql: [x]\n")).contains("'sql' must be a text");
        assertThat(error("- a: {sql: x}\n---\n- b: {sql: y}\n")).contains("only one YAML document");
    }

    @Test
    void filesAreFoundAtAnyDepthExceptHiddenOnes() throws IOException {
        Files.createDirectories(dir.resolve("tests/sub/.hidden"));
        for (String name : List.of("tests/a.yaml", "tests/b.yml", "tests/sub/c.yaml", "tests/regression.yaml",
                "tests/sub/.hidden/d.yaml", "tests/top.test", "tests/.e.yaml")) {
            Files.writeString(dir.resolve(name), "");
        }
        assertThat(DataQualityRunner.files(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("tests/a.yaml", "tests/b.yml", "tests/regression.yaml", "tests/sub/c.yaml");
        assertThat(DataQualityRunner.files(dir.resolve("nowhere"))).isEmpty();
    }

    @Test
    void concurrencyIsOneToTen() {
        assertThatThrownBy(() -> new DataQualityRunner(null, 0)).hasMessage(
                "The test concurrency must be between 1 and 10, not 0");
        assertThatThrownBy(() -> new DataQualityRunner(null, 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
