package org.tinybirdmaven.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.datafile.Diagnostic;

class ProjectTest {

    @TempDir
    Path dir;

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static List<List<String>> levelNames(Project project) {
        return project.graph().levels().stream().map(level -> level.stream().map(Resource::name).toList())
                .toList();
    }

    @Test
    void discoversTheUsualFoldersRecursivelyButNotBuildOutputOrHiddenFolders() throws IOException {
        write("root.datasource", "SCHEMA >\n    `a` String\n");
        write("datasources/nested/deep.datasource", "SCHEMA >\n    `a` String\n");
        write("endpoints/e.pipe", "NODE n\nSQL >\n    SELECT * FROM root\n");
        write("materializations/m.pipe", "NODE n\nSQL >\n    SELECT a FROM deep\nTYPE materialized\nDATASOURCE root\n");
        write("target/classes/ignored.datasource", "garbage");
        write("datasources/.hidden/ignored.datasource", "garbage");
        write("explorations/ignored.pipe", "garbage");
        write("includes/x.incl", "garbage");
        Project project = Project.load(dir, Map.of());
        assertThat(project.files()).extracting(f -> dir.relativize(f.path()).toString()).containsExactly(
                "datasources/nested/deep.datasource", "endpoints/e.pipe", "materializations/m.pipe",
                "root.datasource");
        assertThat(project.diagnostics()).isEmpty();
    }

    @Test
    void levelsPutDatasourcesFirstMaterializationsNextAndLeafEndpointsLast() throws IOException {
        write("datasources/events.datasource", "SCHEMA >\n    `a` String\n");
        write("datasources/daily.datasource", "SCHEMA >\n    `a` String\n");
        write("pipes/to_daily.pipe", "NODE n\nSQL >\n    SELECT a FROM events\nTYPE materialized\nDATASOURCE daily\n");
        write("endpoints/raw.pipe", "NODE n\nSQL >\n    SELECT a FROM events\n");
        write("endpoints/agg.pipe", "NODE n\nSQL >\n    SELECT a FROM daily\n");
        write("pipes/shared_node.pipe", "NODE n\nSQL >\n    SELECT a FROM daily\nTYPE endpoint\n");
        write("endpoints/uses_pipe.pipe", "NODE n\nSQL >\n    SELECT a FROM shared_node\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.hasErrors()).isFalse();
        assertThat(levelNames(project)).containsExactly(List.of("daily", "events"), List.of("shared_node",
                "to_daily"), List.of("agg", "raw", "uses_pipe"));
        assertThat(project.graph().order()).hasSize(7);
    }

    @Test
    void aCycleIsReportedWithItsPathAndLeftOutOfTheOrder() throws IOException {
        write("datasources/base.datasource", "SCHEMA >\n    `a` String\n");
        write("pipes/a.pipe", "NODE n\nSQL >\n    SELECT x FROM c JOIN base USING a\n");
        write("pipes/b.pipe", "NODE n\nSQL >\n    SELECT x FROM a\n");
        write("pipes/c.pipe", "NODE n\nSQL >\n    SELECT x FROM b\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.graph().cycles()).singleElement().satisfies(cycle -> assertThat(cycle)
                .extracting(Resource::name).containsExactly("a", "c", "b", "a"));
        assertThat(project.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("Dependency cycle: a -> c -> b -> a");
        assertThat(levelNames(project)).containsExactly(List.of("base"));
    }

    @Test
    void missingDependenciesAreWarningsThatSayWhereTheyWereLookedFor() throws IOException {
        write("endpoints/e.pipe", "NODE first\nSQL >\n    SELECT * FROM remote_only\nNODE second\nSQL >\n"
                + "    SELECT * FROM first WHERE id IN (SELECT id FROM other_ws.shared) AND joinGet('lookup', 'v', 1)\n"
                + "    AND x IN (SELECT 1 FROM tinybird.pipe_stats) AND y IN (SELECT 1 FROM datasources_ops_log)\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.diagnostics()).allMatch(d -> !d.isError());
        assertThat(project.diagnostics()).extracting(d -> d.location().line() + ":" + d.message())
                .containsExactly(
                        "3:'remote_only' is not defined in this project (looked in " + dir + ", " + dir
                                + "/datasources, " + dir + "/endpoints, " + dir + "/pipes, " + dir
                                + "/materializations, " + dir + "/copies, " + dir + "/sinks, " + dir
                                + "/tokens); it must already exist in the workspace",
                        "6:'lookup' is not defined in this project (looked in " + dir + ", " + dir
                                + "/datasources, " + dir + "/endpoints, " + dir + "/pipes, " + dir
                                + "/materializations, " + dir + "/copies, " + dir + "/sinks, " + dir
                                + "/tokens); it must already exist in the workspace");
    }

    @Test
    void aMaterializedTargetDescribedByEngineSettingsIsNotMissing() throws IOException {
        write("datasources/hits.datasource", "SCHEMA >\n    `a` String\n");
        write("pipes/mv.pipe", "NODE n\nSQL >\n    SELECT a, count() AS c FROM hits GROUP BY a\nTYPE materialized\n"
                + "DATASOURCE hits_by_a\nENGINE \"SummingMergeTree\"\nENGINE_SORTING_KEY \"a\"\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.diagnostics()).isEmpty();
        assertThat(levelNames(project)).containsExactly(List.of("hits"), List.of("mv"));
    }

    @Test
    void vendorDatasourcesAreNamedAfterTheirWorkspace() throws IOException {
        write("vendor/analytics/datasources/page_views.datasource", "SCHEMA >\n    `a` String\n");
        write("endpoints/e.pipe", "NODE n\nSQL >\n    SELECT a FROM analytics.page_views\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.diagnostics()).isEmpty();
        Resource endpoint = project.resource("e").orElseThrow();
        assertThat(project.graph().dependenciesOf(endpoint)).extracting(Resource::name)
                .containsExactly("analytics.page_views");
        assertThat(project.resource("analytics.page_views")).get().extracting(Resource::vendor).isEqualTo(true);
    }

    @Test
    void datasourceColumnsDependOnWhatTheirDefaultsLookUp() throws IOException {
        write("datasources/dim.datasource", "SCHEMA >\n    `id` String,\n    `name` String\n\nENGINE \"MergeTree\"\n");
        write("datasources/facts.datasource", "SCHEMA >\n    `id` String,\n"
                + "    `name` String MATERIALIZED joinGet('dim', 'name', id)\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.resource("facts").orElseThrow().dependencies()).extracting(Dependency::name,
                Dependency::kind).containsExactly(org.assertj.core.groups.Tuple.tuple("dim", DependencyKind.LOOKS_UP));
        assertThat(levelNames(project)).containsExactly(List.of("dim"), List.of("facts"));
    }

    @Test
    void aResourceDefinedTwiceIsUsedOnceWithAWarning() throws IOException {
        write("endpoints/hits.pipe", "NODE n\nSQL >\n    SELECT 1 AS x\n");
        write("pipes/hits.pipe", "NODE n\nSQL >\n    SELECT 2 AS x\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.resources()).extracting(r -> dir.relativize(r.datafile().path()).toString())
                .containsExactly("endpoints/hits.pipe");
        assertThat(project.diagnostics()).extracting(Diagnostic::toString).containsExactly(dir.resolve(
                "pipes/hits.pipe") + ":1: warning: 'hits' is also defined in " + dir.resolve("endpoints/hits.pipe")
                + "; that file is used and this one is ignored");
    }

    @Test
    void aDatasourceFileMayCarryTheNameOfASharedDatasource() throws IOException {
        write("datasources/Personal.tweets.datasource", "SCHEMA >\n    `text` String\n");
        write("pipes/per_minute.pipe", "NODE n\nSQL >\n    SELECT count() AS c FROM Personal.tweets\n");
        Project project = Project.load(dir, Map.of());
        assertThat(project.diagnostics()).isEmpty();
        assertThat(levelNames(project)).containsExactly(List.of("Personal.tweets"), List.of("per_minute"));
    }

    @Test
    void aNodeNamedLikeItsPipeIsAWarning() throws IOException {
        write("pipes/totals.pipe", "NODE totals\nSQL >\n    SELECT 1 AS x\n");
        assertThat(Project.load(dir, Map.of()).diagnostics()).extracting(Diagnostic::toString).containsExactly(
                dir.resolve("pipes/totals.pipe") + ":1:1: warning: Node 'totals' has the name of its pipe; newer"
                        + " Tinybird CLIs reject this, rename the node");
    }
}
