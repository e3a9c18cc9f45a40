package org.tinybirdmaven.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.testing.SharedFolder;

class ResourceRequestsTest {

    @TempDir
    Path dir;

    private Project project(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Project project = Project.load(dir, Map.of());
        assertThat(project.diagnostics()).isEmpty();
        return project;
    }

    @Test
    void datasourceParametersFollowTheClassicMapping() throws IOException {
        Project project = project(Map.of("datasources/events.datasource", """
                VERSION 2
                DESCRIPTION >
                    Raw events
                TAGS "with_staging=true, team"
                SCHEMA >
                    `ts` DateTime `json:$.ts`,
                    `user` Nullable(String) `json:$.user.id`,
                    `kind` LowCardinality(String) `json:$.kind` DEFAULT 'view'
                INDEXES >
                    kind_idx kind TYPE set(100) GRANULARITY 4
                ENGINE "MergeTree"
                ENGINE_PARTITION_KEY "toYYYYMM(ts)"
                ENGINE_SORTING_KEY "kind, ts"
                ENGINE_TTL ts + toIntervalDay(30)
                """));
        DatasourceFile events = (DatasourceFile) project.resource("events").orElseThrow().datafile();
        assertThat(ResourceRequests.datasourceParameters(events, project.versionedNames()))
                .containsExactly(
                        Map.entry("name", "events__v2"),
                        Map.entry("description", "Raw events"),
                        Map.entry("schema", "`ts` DateTime `json:$.ts`, `user` Nullable(String) `json:$.user.id`,"
                                + " `kind` LowCardinality(String) `json:$.kind` DEFAULT 'view'"),
                        Map.entry("format", "ndjson"),
                        Map.entry("indexes", "INDEX kind_idx kind TYPE set(100) GRANULARITY 4"),
                        Map.entry("engine", "MergeTree"),
                        Map.entry("engine_partition_key", "toYYYYMM(ts)"),
                        Map.entry("engine_sorting_key", "kind, ts"),
                        Map.entry("engine_ttl", "ts + toIntervalDay(30)"),
                        Map.entry("with_staging", "true"));
    }

    @Test
    void kafkaAndImportSettingsBecomeConnectorParameters() throws IOException {
        Project project = project(Map.of(
                "datasources/stream.datasource", "SCHEMA >\n    `v` String `json:$.v`\n\nKAFKA_CONNECTION_NAME k\n"
                        + "KAFKA_TOPIC t\nKAFKA_GROUP_ID g\nKAFKA_AUTO_OFFSET_RESET latest\n",
                "datasources/bucket.datasource", "SCHEMA >\n    `v` String\n\nIMPORT_SERVICE s3\n"
                        + "IMPORT_CONNECTION_NAME s3conn\nIMPORT_BUCKET_URI s3://b/*.csv\nIMPORT_SCHEDULE @on-demand\n"
                        + "IMPORT_STRATEGY append\n"));
        Map<String, String> renames = Map.of();
        assertThat(ResourceRequests.datasourceParameters((DatasourceFile) project.resource("stream").orElseThrow()
                .datafile(), renames)).doesNotContainKey("format").containsEntry("kafka_connection_name", "k")
                .containsEntry("kafka_topic", "t").containsEntry("kafka_group_id", "g")
                .containsEntry("kafka_auto_offset_reset", "latest").containsEntry("service", "kafka");
        assertThat(ResourceRequests.datasourceParameters((DatasourceFile) project.resource("bucket").orElseThrow()
                .datafile(), renames)).containsEntry("format", "csv").containsEntry("service", "s3")
                .containsEntry("connection", "s3conn").containsEntry("bucket_uri", "s3://b/*.csv")
                .containsEntry("cron", "@once").containsEntry("mode", "append");
    }

    @Test
    void pipeBodiesRenameVersionedReferencesLikeTheCli() throws IOException {
        Project project = project(Map.of(
                "datasources/events.datasource", "VERSION 1\nSCHEMA >\n    `a` String\n",
                "datasources/daily.datasource", "VERSION 3\nSCHEMA >\n    `a` String,\n    `c` UInt64\n",
                "pipes/to_daily.pipe", """
                        DESCRIPTION >
                            Daily counts
                        NODE filtered
                        SQL >
                            SELECT a FROM events WHERE a != ''
                        NODE counted
                        DESCRIPTION >
                            per a
                        SQL >
                            SELECT a, count() AS c FROM filtered GROUP BY a
                        TYPE materialized
                        DATASOURCE daily
                        TAGS "with_staging=true"
                        """,
                "pipes/snapshot.pipe", "NODE n\nSQL >\n    SELECT * FROM daily\nTYPE copy\nTARGET_DATASOURCE events\n"
                        + "COPY_MODE REPLACE\nCOPY_SCHEDULE 0 * * * *\n"));
        Map<String, String> renames = project.versionedNames();
        assertThat(renames).containsOnly(Map.entry("events", "events__v1"), Map.entry("daily", "daily__v3"));
        Map<String, Object> body = ResourceRequests.pipeBody((PipeFile) project.resource("to_daily").orElseThrow()
                .datafile(), renames);
        assertThat(body).containsEntry("name", "to_daily").containsEntry("description", "Daily counts");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) body.get("nodes");
        assertThat(nodes.get(0)).containsEntry("name", "filtered")
                .containsEntry("sql", "SELECT a FROM events__v1 WHERE a != ''").containsEntry("type", "standard");
        assertThat(nodes.get(1)).containsEntry("sql", "SELECT a, count() AS c FROM filtered GROUP BY a")
                .containsEntry("description", "per a").containsEntry("type", "materialized")
                .containsEntry("datasource", "daily__v3").containsEntry("with_staging", "true");
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = ((List<Map<String, Object>>) ResourceRequests.pipeBody((PipeFile) project
                .resource("snapshot").orElseThrow().datafile(), renames).get("nodes")).get(0);
        assertThat(copy).containsEntry("type", "copy").containsEntry("target_datasource", "events__v1")
                .containsEntry("mode", "replace").containsEntry("copy_schedule", "0 * * * *");
    }

    @Test
    void theEcommerceProjectRenamesItsVersionedView() {
        Project project = Project.load(SharedFolder.corpus().resolve("tinybirdco__ecommerce_data_project"), Map.of());
        Map<String, String> renames = project.versionedNames();
        assertThat(renames).containsOnly(Map.entry("top_products_view", "top_products_view__v1"),
                Map.entry("top_product_per_day", "top_product_per_day__v1"));
        Map<String, Object> body = ResourceRequests.pipeBody((PipeFile) project.resource("top_products")
                .orElseThrow().datafile(), renames);
        @SuppressWarnings("unchecked")
        String sql = (String) ((List<Map<String, Object>>) body.get("nodes")).get(0).get("sql");
        assertThat(sql).startsWith("%").contains("from top_products_view__v1").doesNotContain("view\n");
    }
}
