package org.tinybirdmaven.server.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.delete;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.post;
import static org.tinybirdmaven.server.datasource.Api.admin;
import static org.tinybirdmaven.server.datasource.Api.createOk;
import static org.tinybirdmaven.server.datasource.Api.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.datafile.DatafileParser;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.ParsedDatafile;
import org.tinybirdmaven.server.TestServer;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;

/** Creating, reading, exporting, emptying and deleting datasources, with Tinybird's statuses and texts. */
class DatasourceApiTest {

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private static String error(TestServer.Response response) {
        return response.json().get("error").asText();
    }

    @Test
    void createFromSchemaBuildsTheTableAndAnswersTheDatasourceJson() {
        String name = unique("events");
        JsonNode datasource = createOk(name, "`ts` DateTime, `user` Nullable(String), `amount` Float64 DEFAULT 0"
                + " CODEC(ZSTD(1)), `day` Date MATERIALIZED toDate(ts)", "engine", "MergeTree", "engine_sorting_key",
                "ts", "engine_partition_key", "toYYYYMM(ts)", "description", "Raw events");

        assertThat(datasource.get("id").asText()).startsWith("t_");
        assertThat(datasource.get("name").asText()).isEqualTo(name);
        assertThat(datasource.get("type").asText()).isEqualTo("csv");
        assertThat(datasource.get("description").asText()).isEqualTo("Raw events");
        assertThat(datasource.get("engine").get("engine").asText()).isEqualTo("MergeTree");
        assertThat(datasource.get("engine").get("engine_sorting_key").asText()).isEqualTo("ts");
        assertThat(datasource.get("engine").get("engine_partition_key").asText()).isEqualTo("toYYYYMM(ts)");
        assertThat(datasource.get("statistics").get("row_count").asLong()).isZero();
        assertThat(datasource.get("quarantine_rows").asLong()).isZero();
        JsonNode user = datasource.get("columns").get(1);
        assertThat(user.toString()).isEqualTo("{\"name\":\"user\",\"type\":\"String\",\"codec\":null,"
                + "\"default_value\":null,\"jsonpath\":null,\"nullable\":true,\"normalized_name\":\"user\"}");
        JsonNode amount = datasource.get("columns").get(2);
        assertThat(amount.get("default_value").asText()).isEqualTo("DEFAULT 0");
        assertThat(amount.get("codec").asText()).isEqualTo("CODEC(ZSTD(1))");

        String create = Api.sql("SELECT create_table_query FROM system.tables WHERE name = '" + name + "'").get(0)
                .get("create_table_query").asText();
        assertThat(create).contains("`amount` Float64 DEFAULT 0 CODEC(ZSTD(1))")
                .contains("`day` Date MATERIALIZED toDate(ts)").contains("PARTITION BY toYYYYMM(ts)")
                .contains("ORDER BY ts");
    }

    @Test
    void ndjsonDatasourcesKeepTheirJsonpathsOutOfClickHouse() {
        String name = unique("ndjson");
        JsonNode datasource = createOk(name, "`id` Int32 `json:$.id`, `city` String `json:$.address.city` DEFAULT"
                + " 'none', `tags` Array(String) `json:$.tags[:]`", "format", "ndjson");
        assertThat(datasource.get("type").asText()).isEqualTo("ndjson");
        assertThat(datasource.get("columns").get(1).get("jsonpath").asText()).isEqualTo("$.address.city");
        String create = Api.sql("SELECT create_table_query FROM system.tables WHERE name = '" + name + "'").get(0)
                .get("create_table_query").asText();
        assertThat(create).doesNotContain("json:").contains("`city` String DEFAULT 'none'");
    }

    @Test
    void creationErrorsUseTinybirdsTexts() {
        String name = unique("dup");
        createOk(name, "a Int32");
        TestServer.Response duplicate = Api.create(admin(), params("name", name, "schema", "a Int32"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(error(duplicate)).isEqualTo("Data Source \"" + name + "\" already exists, use mode=append");

        assertThat(error(Api.create(admin(), params("name", "1abc", "schema", "a Int32")))).isEqualTo(
                "Invalid Data Source name \"1abc\". Name must start with a letter and contain only letters, numbers,"
                        + " and underscores.");
        assertThat(error(Api.create(admin(), params("name", "events_quarantine", "schema", "a Int32")))).isEqualTo(
                "Invalid Data Source name \"events_quarantine\". Names ending in \"_quarantine\" are reserved for the"
                        + " quarantine tables of Data Sources.");
        assertThat(error(Api.create(admin(), params("name", unique("j"), "schema", "a Int32 `json:$.a`"))))
                .isEqualTo("Setting jsonpaths requires to set 'format=ndjson' or 'format=parquet', but it was not"
                        + " set.");
        assertThat(error(Api.create(admin(), params("name", unique("f"), "schema", "a Int32", "format", "xml"))))
                .isEqualTo("Invalid format xml.");
        assertThat(error(Api.create(admin(), params("name", unique("m"), "schema", "a Int32", "mode", "merge"))))
                .isEqualTo("Invalid mode \"merge\", valid modes are create,append,replace");
        assertThat(error(Api.create(admin(), params("schema", "a Int32"))))
                .isEqualTo("Data Source name must be set when creating with schema");
        assertThat(error(Api.create(admin(), params("name", name, "schema", "a Int32", "mode", "append"))))
                .isEqualTo("Schema creation is only compatible with mode=create");
        assertThat(error(Api.create(admin(), params("name", unique("n"), "format", "ndjson"))))
                .isEqualTo("mode=create with format=ndjson or format=parquet requires to set parameter 'schema'.");
        assertThat(error(Api.create(admin(), params("name", unique("n"), "format", "ndjson", "schema",
                "a Int32")))).isEqualTo("mode=create with format=ndjson or format=parquet requires to set jsonpaths"
                + " on the schema");
        assertThat(error(Api.create(admin(), params("name", unique("n"), "format", "ndjson", "schema",
                "a Int32 `json:a`")))).isEqualTo("Schema error. Invalid JSONPath a.");
        assertThat(error(Api.create(admin(), params("name", unique("e"), "schema", "a Int32", "engine",
                "ReplacingMergeTree")))).isEqualTo("ReplacingMergeTree requires ENGINE_SORTING_KEY");
        TestServer.Response badType = Api.create(admin(), params("name", unique("t"), "schema", "a Int33"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(error(badType)).startsWith("Invalid schema: ").contains("Int33");
        String badKeyName = unique("k");
        TestServer.Response badKey = Api.create(admin(), params("name", badKeyName, "schema", "a Int32",
                "engine_sorting_key", "missing_column"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(error(badKey)).contains("missing_column");
        assertThat(get("/v0/datasources/" + badKeyName, admin()).status()).as("nothing half-created").isEqualTo(404);
    }

    @Test
    void pipeAndDatasourceNamesAreUnique() {
        String name = unique("clash");
        addPipe(name, "SELECT 1");
        assertThat(error(Api.create(admin(), params("name", name, "schema", "a Int32")))).isEqualTo(
                "A Pipe with the \"" + name + "\" name exists, Pipe and Data Source names are unique");
    }

    @Test
    void creatingNeedsTheCreateScope() {
        String reader = Api.token("DATASOURCES:READ:x");
        TestServer.Response denied = Api.create(reader, params("name", unique("no"), "schema", "a Int32"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(error(denied)).isEqualTo("Token does not have DATASOURCES:CREATE scope, create mode requires the"
                + " DATASOURCES:CREATE scope");
        String creator = Api.token("DATASOURCES:CREATE");
        assertThat(Api.create(creator, params("name", unique("yes"), "schema", "a Int32")).status()).isEqualTo(200);
        assertThat(Api.create(null, params("name", unique("anon"), "schema", "a Int32")).status()).isEqualTo(403);
    }

    @Test
    void getByNameOrIdAnd404() {
        String name = unique("lookup");
        String id = createOk(name, "a Int32").get("id").asText();
        TestServer.Response byName = get("/v0/datasources/" + name, admin());
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("schema").get("sql_schema").asText()).isEqualTo("`a` Int32");
        assertThat(byName.json().get("new_columns_detected").asBoolean()).isFalse();
        assertThat(get("/v0/datasources/" + id, admin()).json().get("name").asText()).isEqualTo(name);
        TestServer.Response missing = get("/v0/datasources/nope_missing", admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(error(missing)).isEqualTo("Data Source \"nope_missing\" does not exist");
    }

    @Test
    void readScopesLimitWhatATokenSees() {
        String visible = unique("visible");
        String hidden = unique("hidden");
        createOk(visible, "a Int32");
        createOk(hidden, "a Int32");
        String reader = Api.token("DATASOURCES:READ:" + visible);
        List<String> names = names(get("/v0/datasources", reader).json().get("datasources"));
        assertThat(names).containsExactly(visible);
        assertThat(names(get("/v0/datasources", admin()).json().get("datasources"))).contains(visible, hidden);
        assertThat(get("/v0/datasources/" + visible, reader).status()).isEqualTo(200);
        TestServer.Response denied = get("/v0/datasources/" + hidden, reader);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(error(denied)).isEqualTo("The token you have provided doesn't have access to this resource");
        assertThat(get("/v0/datasources?attrs=name,id", reader).json().get("datasources").get(0).size())
                .isEqualTo(2);
    }

    @Test
    void workspacesDoNotSeeEachOthersDatasources() {
        String shared = unique("same_name");
        createOk(shared, "a Int32");
        String other = otherWorkspaceToken();
        assertThat(names(get("/v0/datasources", other).json().get("datasources"))).doesNotContain(shared);
        assertThat(get("/v0/datasources/" + shared, other).status()).isEqualTo(404);
        TestServer.Response again = Api.create(other, params("name", shared, "schema", "b String"));
        assertThat(again.status()).as("names are per workspace").isEqualTo(200);
        assertThat(delete("/v0/datasources/" + shared, other).status()).isEqualTo(204);
        assertThat(get("/v0/datasources/" + shared, admin()).status()).isEqualTo(200);
    }

    @Test
    void deleteAnswers204AndDropsTheTable() {
        String name = unique("gone");
        createOk(name, "a Int32");
        TestServer.Response deleted = delete("/v0/datasources/" + name, admin());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(get("/v0/datasources/" + name, admin()).status()).isEqualTo(404);
        assertThat(Api.sql("SELECT count() AS n FROM system.tables WHERE name = '" + name + "'").get(0).get("n")
                .asLong()).isZero();
        assertThat(delete("/v0/datasources/" + name, admin()).status()).isEqualTo(404);
    }

    @Test
    void deletingNeedsTheDropScope() {
        String name = unique("guarded");
        createOk(name, "a Int32");
        TestServer.Response denied = delete("/v0/datasources/" + name, Api.token("DATASOURCES:READ:" + name));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(error(denied)).isEqualTo("User does not have permissions to drop Data Source \"" + name
                + "\", set DROP scope");
        assertThat(delete("/v0/datasources/" + name, Api.token("DATASOURCES:DROP:" + name)).status()).isEqualTo(204);
    }

    @Test
    void materializedViewsBlockDeletionUnlessForced() {
        String source = unique("mv_source");
        String target = unique("mv_target");
        createOk(source, "a Int32");
        createOk(target, "a Int32");
        String pipe = unique("mv_pipe");
        addPipe(pipe, "SELECT a FROM " + source, target);

        TestServer.Response dry = delete("/v0/datasources/" + target + "?dry_run=true", admin());
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("dependent_pipes").toString()).isEqualTo("[\"" + pipe + "\"]");
        assertThat(dry.json().get("dependent_nodes").toString()).isEqualTo("[\"mat\"]");

        TestServer.Response blocked = delete("/v0/datasources/" + target, admin());
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(error(blocked)).isEqualTo("The Data Source is the target of a Materialized View. Deleting it may"
                + " break your data ingestion. Set the `force` parameter to `true` to unlink the dependent"
                + " Materialized Nodes and delete the Data Source. Affected upstream materializations => Pipes=\""
                + pipe + "\", nodes=\"mat\". The Data Source is used in => Pipes=\"" + pipe + "\", nodes=\"mat\"");

        TestServer.Response sourceBlocked = delete("/v0/datasources/" + source, admin());
        assertThat(sourceBlocked.status()).isEqualTo(409);
        assertThat(error(sourceBlocked)).startsWith("This operation will break ingestion due to broken Materialized"
                + " Views").contains("Affected downstream materializations => Pipes=\"" + pipe + "\"");

        assertThat(delete("/v0/datasources/" + target + "?force=true", admin()).status()).isEqualTo(204);
    }

    @Test
    void plainPipesReadingADatasourceDoNotBlockItsDeletionButShowInUsedBy() {
        String name = unique("read_only");
        createOk(name, "a Int32");
        String pipe = unique("reader_pipe");
        addPipe(pipe, "SELECT count() FROM " + name);
        JsonNode usedBy = get("/v0/datasources/" + name, admin()).json().get("used_by");
        assertThat(usedBy.get(0).get("name").asText()).isEqualTo(pipe);
        assertThat(delete("/v0/datasources/" + name, admin()).status()).isEqualTo(204);
    }

    @Test
    void truncateAnswers205AndEmptiesTheTable() {
        String name = unique("trunc");
        createOk(name, "a Int32");
        Api.upload("mode=append&name=" + name, admin(), "csv", "1\n2\n");
        assertThat(Api.count(name)).isEqualTo(2);
        TestServer.Response truncated = post("/v0/datasources/" + name + "/truncate", admin());
        assertThat(truncated.status()).isEqualTo(205);
        assertThat(Api.count(name)).isZero();
        assertThat(post("/v0/datasources/" + name + "_quarantine/truncate", admin()).status()).isEqualTo(205);
        TestServer.Response missing = post("/v0/datasources/nothing_here/truncate", admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(error(missing)).isEqualTo("Data Source \"nothing_here\" does not exist");
        TestServer.Response denied = post("/v0/datasources/" + name + "/truncate", Api.token("DATASOURCES:READ:"
                + name));
        assertThat(denied.status()).isEqualTo(403);
    }

    @Test
    void datasourcesAndTheirRowsSurviveARestart() throws Exception {
        String name = unique("durable");
        createOk(name, "`a` Int32 `json:$.a`", "format", "ndjson");
        Api.upload("mode=append&format=ndjson&name=" + name, admin(), "ndjson", "{\"a\":1}\n{\"a\":2}\n");
        TestServer.restart();
        JsonNode datasource = get("/v0/datasources/" + name, admin()).json();
        assertThat(datasource.get("type").asText()).isEqualTo("ndjson");
        assertThat(datasource.get("statistics").get("row_count").asLong()).isEqualTo(2);
        assertThat(Api.upload("mode=append&format=ndjson&name=" + name, admin(), "ndjson", "{\"a\":3}\n").status())
                .isEqualTo(200);
        assertThat(Api.count(name)).isEqualTo(3);
    }

    @Test
    void theDatafileExportParsesBackToTheSameDefinition() {
        String name = unique("exported");
        createOk(name, "`ts` DateTime64(3) `json:$.ts`, `page` LowCardinality(String) `json:$.page` DEFAULT"
                        + " 'unknown', `tags` Array(String) `json:$.tags[:]`, `user_id` Nullable(UInt64)"
                        + " `json:$.user.id`, `key` String `json:$.['key.with.dots']`",
                "format", "ndjson", "engine_partition_key", "toYYYYMM(ts)", "engine_sorting_key", "page, ts",
                "engine_ttl", "toDate(ts) + toIntervalDay(90)", "description", "Raw page views\nsecond line",
                "indexes", "page_idx page TYPE bloom_filter(0.01) GRANULARITY 4\nINDEX ts_idx ts TYPE minmax");
        String tokenName = unique("ingest");
        TestServer.post("/v0/tokens?name=" + tokenName + "&scope=DATASOURCES:APPEND:" + name, admin());

        TestServer.Response export = get("/v0/datasources/" + name + ".datasource", admin());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = export.body();
        assertThat(text).startsWith("TOKEN \"" + tokenName + "\" APPEND\n");
        assertThat(text).contains("SCHEMA >\n    `ts` DateTime64(3) `json:$.ts`,\n    `page` LowCardinality(String)"
                + " `json:$.page` DEFAULT 'unknown',\n");
        assertThat(text).contains("ENGINE \"MergeTree\"\nENGINE_PARTITION_KEY \"toYYYYMM(ts)\"\n"
                + "ENGINE_SORTING_KEY \"page, ts\"\nENGINE_TTL \"toDate(ts) + toIntervalDay(90)\"");

        ParsedDatafile parsed = new DatafileParser(Map.of()).parse(Path.of(name + ".datasource"), text);
        assertThat(parsed.errors()).isEmpty();
        DatasourceFile file = (DatasourceFile) parsed.valid().orElseThrow();
        JsonNode original = get("/v0/datasources/" + name, admin()).json();
        assertThat(file.description()).isEqualTo("Raw page views\nsecond line");
        assertThat(file.tokens()).extracting(t -> t.tokenName() + " " + t.permission())
                .containsExactly(tokenName + " APPEND");
        assertThat(file.columns().stream().map(org.tinybirdmaven.schema.Column::toSql).toList()).containsExactly(
                original.get("schema").get("sql_schema").asText().split(", (?=`)"));
        assertThat(file.engine().settings()).containsExactly(Map.entry("partition_key", "toYYYYMM(ts)"),
                Map.entry("sorting_key", "page, ts"), Map.entry("ttl", "toDate(ts) + toIntervalDay(90)"));
        assertThat(file.indexes()).extracting(org.tinybirdmaven.schema.Index::toSql).containsExactly(
                "INDEX page_idx page TYPE bloom_filter(0.01) GRANULARITY 4", "INDEX ts_idx ts TYPE minmax");
    }

    private static List<String> names(JsonNode datasources) {
        List<String> names = new ArrayList<>();
        datasources.forEach(ds -> names.add(ds.get("name").asText()));
        return names;
    }

    /** Puts a pipe in the catalog directly (the pipes API belongs to another domain). */
    static void addPipe(String name, String sql, String... materializedInto) {
        List<NodeRecord> nodes = new ArrayList<>();
        if (materializedInto.length == 0) {
            nodes.add(new NodeRecord("n_" + name, "node", sql, "", "standard", Map.of(), "", "", null));
        } else {
            nodes.add(new NodeRecord("n_" + name, "mat", sql, "", "materialized",
                    Map.of("datasource", materializedInto[0]), "", "", null));
        }
        TestServer.get().services().catalog().write(state -> state.workspace("Tinybird_Local_Testing").orElseThrow()
                .pipes.put(name, new PipeRecord("p_" + name, name, "", nodes, "", "")));
    }

    /** The admin token of a second workspace. */
    static String otherWorkspaceToken() {
        String workspace = unique("ws_other");
        post("/v0/workspaces?name=" + workspace, Api.user());
        for (JsonNode entry : get("/v0/user/workspaces", Api.user()).json().get("workspaces")) {
            if (entry.get("name").asText().equals(workspace)) {
                return entry.get("token").asText();
            }
        }
        throw new AssertionError("workspace " + workspace + " not created");
    }
}
