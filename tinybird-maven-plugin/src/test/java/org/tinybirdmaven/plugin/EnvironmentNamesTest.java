package org.tinybirdmaven.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** Environment names, data modes and endpoint parameters as the goals read them. */
class EnvironmentNamesTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 5, 4, 3, 2, 1);

    @Test
    void derivedNamesFollowTheCiTemplates() {
        Path dir = Path.of("/work/sub/my-project.v2");
        assertThat(EnvironmentNames.derived(dir, Map.of("GITHUB_RUN_ID", "4242"), NOW))
                .isEqualTo("tmp_ci_my_project_v2_4242");
        assertThat(EnvironmentNames.derived(dir, Map.of("CI_PIPELINE_ID", "77"), NOW))
                .isEqualTo("tmp_ci_my_project_v2_77");
        assertThat(EnvironmentNames.derived(dir, Map.of("GITHUB_RUN_ID", " ", "CI_PIPELINE_ID", "77"), NOW))
                .isEqualTo("tmp_ci_my_project_v2_77");
        assertThat(EnvironmentNames.derived(Path.of("/work/Shop"), Map.of(), NOW))
                .isEqualTo("tmp_ci_shop_20260504030201");
        assertThat(EnvironmentNames.name(" mine ", dir)).isEqualTo("mine");
    }

    @Test
    void envRmTakesTheNameGivenThenTheRecordedOneThenTheCiRunsOne(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path state = dir.resolve("target/tinybird/env.json");
        Path project = dir.resolve("shop");
        assertThat(EnvironmentNames.toRemove(null, project, state, Map.of())).isNull();
        assertThat(EnvironmentNames.toRemove(null, project, state, Map.of("CI_PIPELINE_ID", "9")))
                .isEqualTo("tmp_ci_shop_9");
        java.nio.file.Files.createDirectories(state.getParent());
        java.nio.file.Files.writeString(state, "{\"name\": \"recorded\", \"id\": \"x\"}");
        assertThat(EnvironmentNames.toRemove(null, project, state, Map.of("CI_PIPELINE_ID", "9")))
                .isEqualTo("recorded");
        assertThat(EnvironmentNames.toRemove("given", project, state, Map.of())).isEqualTo("given");
    }

    @Test
    void envDataIsNoneOrAPartitionMode() throws MojoFailureException {
        assertThat(EnvironmentData.parameter("none")).isNull();
        assertThat(EnvironmentData.parameter("")).isNull();
        assertThat(EnvironmentData.parameter("last-partition")).isEqualTo("last_partition");
        assertThat(EnvironmentData.parameter("ALL_PARTITIONS")).isEqualTo("all_partitions");
        assertThatThrownBy(() -> EnvironmentData.parameter("some")).hasMessage("tinybird.envData is 'some'; use"
                + " none, last_partition or all_partitions");
    }

    @Test
    void paramsKeepTheCommasOfArrayValues() throws MojoFailureException {
        assertThat(QueryOutput.params("date_start=2024-03-01,colors=red,blue,limit=3,q=a=b")).containsExactly(
                Map.entry("date_start", "2024-03-01"), Map.entry("colors", "red,blue"), Map.entry("limit", "3"),
                Map.entry("q", "a=b"));
        assertThat(QueryOutput.params(null)).isEmpty();
        assertThatThrownBy(() -> QueryOutput.params("red,limit=3")).hasMessageContaining("'red' has no name");
        assertThatThrownBy(() -> QueryOutput.parse("xml")).hasMessage("tinybird.format is 'xml'; use table, csv or"
                + " json");
    }
}
