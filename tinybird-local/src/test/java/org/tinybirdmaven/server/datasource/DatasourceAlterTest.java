package org.tinybirdmaven.server.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.postForm;
import static org.tinybirdmaven.server.datasource.Api.admin;
import static org.tinybirdmaven.server.datasource.Api.createOk;
import static org.tinybirdmaven.server.datasource.Api.rows;
import static org.tinybirdmaven.server.datasource.Api.unique;
import static org.tinybirdmaven.server.datasource.Api.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;

/** {@code POST /v0/datasources/{name}/alter} and {@code /delete}. */
class DatasourceAlterTest {

    private static TestServer.Response alter(String name, String token, String... pairs) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return postForm("/v0/datasources/" + name + "/alter", token, form);
    }

    @Test
    void columnsAreAddedAtTheEndWithDryRunFirst() {
        String name = unique("alter_cols");
        createOk(name, "`a` Int32, `b` String");
        upload("mode=append&name=" + name, admin(), "csv", "1,x\n");
        String schema = "`a` Int32, `b` String, `c` Nullable(Int64), `d` String DEFAULT 'z' CODEC(ZSTD(1))";

        TestServer.Response dry = alter(name, admin(), "schema", schema, "dry", "true");
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("operations").toString()).isEqualTo("[\"ADD COLUMN `c` Nullable(Int64)\","
                + "\"ADD COLUMN `d` String DEFAULT 'z' CODEC(ZSTD(1))\"]");
        assertThat(get("/v0/datasources/" + name, admin()).json().get("columns")).hasSize(2);

        assertThat(alter(name, admin(), "schema", schema).json().get("operations")).hasSize(2);
        JsonNode datasource = get("/v0/datasources/" + name, admin()).json();
        assertThat(datasource.get("schema").get("sql_schema").asText()).isEqualTo(schema);
        assertThat(rows(name, "a").get(0).toString()).isEqualTo("{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":\"z\"}");
        assertThat(upload("mode=append&name=" + name, admin(), "csv", "2,y,7,w\n").status()).isEqualTo(200);

        TestServer.Response same = alter(name, admin(), "schema", schema);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("error").asText()).isEqualTo("There were no operations to perform, new schema, ttl"
                + " and indexes are the same as the existing ones");
    }

    @Test
    void onlyAddingColumnsAtTheEndIsSupported() {
        String name = unique("alter_refused");
        createOk(name, "`a` Int32, `b` String");
        TestServer.Response changed = alter(name, admin(), "schema", "`a` Int64, `b` String");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().get("error").asText()).isEqualTo("Could not perform alter operation, reason: column"
                + " `a` changed from `a` Int32 to `a` Int64; only adding columns at the end of the schema is supported");
        TestServer.Response dropped = alter(name, admin(), "schema", "`a` Int32");
        assertThat(dropped.json().get("error").asText()).startsWith("Could not perform alter operation, reason:"
                + " column `b` is missing from the new schema");
    }

    @Test
    void addedColumnsReachTheQuarantineTableToo() {
        String name = unique("alter_quarantine");
        createOk(name, "`a` Int32");
        upload("mode=append&name=" + name, admin(), "csv", "bad\n");
        alter(name, admin(), "schema", "`a` Int32, `b` Int32");
        upload("mode=append&name=" + name, admin(), "csv", "1,bad\n");
        assertThat(rows(name + "_quarantine", "a")).extracting(row -> row.get("a").asText() + ":" + (row.get("b")
                .isNull() ? "-" : row.get("b").asText())).containsExactly("1:bad", "bad:-");
    }

    @Test
    void descriptionTtlAndIndexesChange() {
        String name = unique("alter_misc");
        createOk(name, "`ts` DateTime, `s` String");
        assertThat(alter(name, admin(), "description", "new text").json().get("operations")).isEmpty();
        assertThat(get("/v0/datasources/" + name, admin()).json().get("description").asText()).isEqualTo("new text");

        TestServer.Response ttl = alter(name, admin(), "ttl", "ts + toIntervalDay(30)");
        assertThat(ttl.json().get("operations").toString()).isEqualTo("[\"MODIFY TTL ts + toIntervalDay(30)\"]");
        assertThat(createQuery(name)).contains("TTL ts + toIntervalDay(30)");
        assertThat(get("/v0/datasources/" + name, admin()).json().get("engine").get("engine_ttl").asText())
                .isEqualTo("ts + toIntervalDay(30)");
        assertThat(alter(name, admin(), "ttl", "false").json().get("operations").toString())
                .isEqualTo("[\"REMOVE TTL\"]");
        assertThat(createQuery(name)).doesNotContain("TTL");

        TestServer.Response index = alter(name, admin(), "indexes", "s_idx s TYPE bloom_filter GRANULARITY 2");
        assertThat(index.json().get("operations").toString())
                .isEqualTo("[\"ADD INDEX s_idx s TYPE bloom_filter GRANULARITY 2\"]");
        assertThat(createQuery(name)).contains("INDEX s_idx s TYPE bloom_filter GRANULARITY 2");
        assertThat(alter(name, admin(), "indexes", "0").json().get("operations").toString())
                .isEqualTo("[\"DROP INDEX `s_idx`\"]");
        assertThat(createQuery(name)).doesNotContain("INDEX");
    }

    @Test
    void alterErrorsAndScope() {
        String name = unique("alter_errors");
        createOk(name, "`a` Int32");
        TestServer.Response nothing = alter(name, admin(), "dry", "true");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.json().get("error").asText()).isEqualTo("Alter operation requires additional parameters:"
                + " 'new_schema', 'kafka_store_raw_value', 'kafka_store_headers', 'description', 'ttl', 'indexes',"
                + " 'errors_discarded_at'.");
        assertThat(alter("missing_ds", admin(), "description", "x").status()).isEqualTo(404);
        TestServer.Response denied = alter(name, Api.token("DATASOURCES:APPEND:" + name), "description", "x");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("error").asText()).isEqualTo("token needs scope DATASOURCES:CREATE");
    }

    @Test
    void deleteRowsRunsAsAJobAfterADryRun() throws InterruptedException {
        String name = unique("delete_rows");
        createOk(name, "`country` String, `v` Int32", "engine_sorting_key", "country");
        upload("mode=append&name=" + name, admin(), "csv", "ES,1\nES,2\nFR,3\n");
        String path = "/v0/datasources/" + name + "/delete";

        TestServer.Response dry = postForm(path, admin(), Map.of("delete_condition", "country = 'ES'", "dry_run",
                "true"));
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("rows_to_be_deleted").asLong()).isEqualTo(2);

        TestServer.Response started = postForm(path, admin(), Map.of("delete_condition", "country = 'ES'"));
        assertThat(started.status()).isEqualTo(201);
        JsonNode json = started.json();
        String id = json.get("job_id").asText();
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("delete_id").asText()).isEqualTo(id);
        assertThat(json.get("job").get("kind").asText()).isEqualTo("delete_data");
        assertThat(json.get("job").get("delete_condition").asText()).isEqualTo("country = 'ES'");
        assertThat(json.get("job_url").asText()).endsWith("/v0/jobs/" + id);

        JsonNode job = waitForJob(id);
        assertThat(job.get("status").asText()).isEqualTo("done");
        assertThat(job.get("result").get("rows_affected").asLong()).isEqualTo(2);
        assertThat(rows(name, "v")).extracting(row -> row.get("country").asText()).containsExactly("FR");
    }

    @Test
    void deleteRowsErrors() {
        String name = unique("delete_errors");
        createOk(name, "`a` Int32");
        String path = "/v0/datasources/" + name + "/delete";
        assertThat(postForm(path, admin(), Map.of()).json().get("error").asText())
                .isEqualTo("The delete_condition='delete_statement' is mandatory");
        assertThat(postForm(path, admin(), Map.of("delete_condition", "nope = 1")).json().get("error").asText())
                .startsWith("Failed to apply delete_condition='nope = 1': ");
        TestServer.Response missing = postForm("/v0/datasources/not_there/delete", admin(),
                Map.of("delete_condition", "1"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("Data Source \"not_there\" does not exist, can not"
                + " delete a non existing Data Source");
        String nullEngine = unique("delete_null");
        createOk(nullEngine, "`a` Int32", "engine", "Null");
        assertThat(postForm("/v0/datasources/" + nullEngine + "/delete", admin(), Map.of("delete_condition", "1"))
                .json().get("error").asText()).isEqualTo("The data source engine (Null) is not supported. Deletion of"
                + " data is supported for engines from the family MergeTree");
    }

    private static String createQuery(String name) {
        return Api.sql("SELECT create_table_query FROM system.tables WHERE name = '" + name + "'").get(0)
                .get("create_table_query").asText();
    }

        private static JsonNode waitForJob(String id) throws InterruptedException {
        return TestServer.awaitJob(admin(), id, Duration.ofSeconds(20));
    }
}
