package org.tinybirdmaven.server.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;

/** Parquet uploads: a file the engine itself wrote goes back in through the multipart {@code parquet} field. */
class ParquetAppendTest {

    @Test
    void aParquetFileIsAppendedThroughTheParquetField() throws Exception {
        String name = Api.unique("parquet_target");
        Api.createOk(name, "`id` UInt32 `json:$.id`, `label` String `json:$.label`, `ts` DateTime `json:$.ts`",
                "format", "ndjson", "engine", "MergeTree", "engine_sorting_key", "id");
        String export = "SELECT number::UInt32 AS id, concat('row ', toString(number)) AS label,"
                + " toDateTime('2024-01-01 00:00:00') + number AS ts FROM numbers(1000) FORMAT Parquet";
        HttpResponse<byte[]> parquet = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                TestServer.get().baseUrl() + "/v0/sql?q=" + TestServer.encode(export)))
                .header("Authorization", "Bearer " + Api.admin()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(parquet.statusCode()).isEqualTo(200);
        assertThat(new String(parquet.body(), 0, 4)).isEqualTo("PAR1");

        TestServer.Response appended = TestServer.send("POST", "/v0/datasources?mode=append&format=parquet&name="
                + name, Api.admin(), "multipart/form-data; boundary=" + Api.BOUNDARY,
                Api.multipart("parquet", "rows.parquet", parquet.body()));
        assertThat(appended.status()).as(appended.body()).isEqualTo(200);
        assertThat(appended.json().get("quarantine_rows").asLong()).isZero();

        String check = "SELECT count() AS c, sum(id) AS s, max(label) AS l, max(ts) AS t FROM " + name
                + " FORMAT JSON";
        var row = TestServer.get("/v0/sql?q=" + TestServer.encode(check), Api.admin()).json().get("data").get(0);
        assertThat(row.get("c").asLong()).isEqualTo(1000);
        assertThat(row.get("s").asLong()).isEqualTo(499_500);
        assertThat(row.get("l").asText()).isEqualTo("row 999");
        assertThat(row.get("t").asText()).isEqualTo("2024-01-01 00:16:39");
    }
}
