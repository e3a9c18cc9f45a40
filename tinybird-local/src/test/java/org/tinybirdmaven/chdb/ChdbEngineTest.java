package org.tinybirdmaven.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One engine for the class (opening is per process); every test uses its own tables. */
class ChdbEngineTest {

    @TempDir
    static Path dataDir;

    private static ChdbEngine engine;

    @BeforeAll
    static void open() {
        engine = ChdbEngine.open(TestLibrary.path(), dataDir);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void formatsJsonCsvWithNamesAndJsonEachRow() {
        engine.query("CREATE TABLE default.people (id UInt32, name String, born Date) ENGINE = MergeTree ORDER BY id",
                "CSV");
        QueryResult insert = engine.query(
                "INSERT INTO default.people VALUES (1, 'Ada', '2024-12-10'), (2, 'Grace', '2025-12-09')", "CSV");
        String select = "SELECT id, name, born FROM default.people ORDER BY id";

        String json = engine.query(select, "JSON").text();
        String csv = engine.query(select, "CSVWithNames").text();
        String ndjson = engine.query(select, "JSONEachRow").text();

        assertThat(insert.rowsWritten()).isEqualTo(2);
        assertThat(insert.data()).isEmpty();
        assertThat(json)
                .contains("\t\"meta\":\n\t[\n\t\t{\n\t\t\t\"name\": \"id\",\n\t\t\t\"type\": \"UInt32\"\n\t\t},")
                .contains("\t\"data\":\n\t[\n\t\t{\n\t\t\t\"id\": 1,\n\t\t\t\"name\": \"Ada\",\n\t\t\t\"born\": \"2024-12-10\"\n")
                .contains("\t\"rows\": 2,", "\t\"statistics\":", "\"rows_read\": 2");
        assertThat(csv).isEqualTo("\"id\",\"name\",\"born\"\n1,\"Ada\",\"2024-12-10\"\n2,\"Grace\",\"2025-12-09\"\n");
        assertThat(ndjson).isEqualTo("{\"id\":1,\"name\":\"Ada\",\"born\":\"2024-12-10\"}\n"
                + "{\"id\":2,\"name\":\"Grace\",\"born\":\"2025-12-09\"}\n");
    }

    @Test
    void formatClauseInSqlOverridesTheFormatArgument() {
        assertThat(engine.query("SELECT 1 AS one FORMAT CSVWithNames", "JSON").text()).isEqualTo("\"one\"\n1\n");
    }

    @Test
    void reportsStatistics() {
        QueryResult result = engine.query("SELECT number FROM numbers(10)", "JSONEachRow");

        assertThat(result.rowsRead()).isEqualTo(10);
        assertThat(result.bytesRead()).isEqualTo(80);
        assertThat(result.elapsedSeconds()).isPositive();
    }

    @Test
    void utf8SurvivesTheRoundTrip() {
        String text = "Zürich ✓ 数据";
        engine.query("CREATE TABLE default.cities (name String) ENGINE = MergeTree ORDER BY name", "CSV");
        engine.query("INSERT INTO default.cities VALUES ('" + text + "')", "CSV");

        QueryResult result = engine.query("SELECT name, length(name), lengthUTF8(name) FROM default.cities", "TSV");

        assertThat(result.text()).isEqualTo(text + "\t18\t11\n");
    }

    @Test
    void settingsApplyToTheirQueryOnly() {
        String sql = "SELECT toUInt64(18446744073709551615) AS big";

        String quoted = engine.query(sql + " SETTINGS output_format_json_quote_64bit_integers = 1", "JSONEachRow")
                .text();
        String plain = engine.query(sql, "JSONEachRow").text();

        assertThat(quoted).isEqualTo("{\"big\":\"18446744073709551615\"}\n");
        assertThat(plain).isEqualTo("{\"big\":18446744073709551615}\n");
    }

    @Test
    void syntaxErrorsCarryCode62() {
        assertThatThrownBy(() -> engine.query("SELEC 1", "JSON"))
                .isInstanceOfSatisfying(ChdbException.class, e -> {
                    assertThat(e.code()).isEqualTo(62);
                    assertThat(e.errorName()).isEqualTo("SYNTAX_ERROR");
                    assertThat(e.getMessage()).startsWith("Syntax error: failed at position 7").doesNotContain("Code:");
                });
        assertThat(engine.query("SELECT 1", "CSV").text()).isEqualTo("1\n");
    }

    @Test
    void unknownTablesCarryCode60() {
        assertThatThrownBy(() -> engine.query("SELECT * FROM default.nope", "JSON"))
                .isInstanceOfSatisfying(ChdbException.class, e -> {
                    assertThat(e.code()).isEqualTo(60);
                    assertThat(e.errorName()).isEqualTo("UNKNOWN_TABLE");
                    assertThat(e.getMessage()).isEqualTo(
                            "Unknown table expression identifier 'default.nope' in scope SELECT * FROM default.nope. "
                                    + "(UNKNOWN_TABLE)");
                });
    }

    @Test
    void badRowsInsertNothing() {
        engine.query("CREATE TABLE default.strict (n UInt8) ENGINE = MergeTree ORDER BY n", "CSV");

        assertThatThrownBy(() -> engine.query(
                "INSERT INTO default.strict FORMAT JSONEachRow\n{\"n\":1}\n{\"n\":\"x\"}\n", "CSV"))
                .isInstanceOfSatisfying(ChdbException.class, e -> assertThat(e.code()).isEqualTo(27));
        assertThat(engine.query("SELECT count() FROM default.strict", "CSV").text()).isEqualTo("0\n");
    }

    @Test
    void materializedViewOverNestedSubqueriesFeedsAnAggregatingMergeTree() {
        engine.query("CREATE TABLE default.events (d Date, product String, action String, price Float64) "
                + "ENGINE = MergeTree ORDER BY (d, product)", "CSV");
        engine.query("CREATE TABLE default.sales (d Date, top AggregateFunction(topK(2), String), "
                + "revenue AggregateFunction(sum, Float64)) ENGINE = AggregatingMergeTree ORDER BY d", "CSV");
        engine.query("CREATE MATERIALIZED VIEW default.sales_mv TO default.sales AS "
                + "SELECT d, topKState(2)(product) AS top, sumState(price) AS revenue FROM ("
                + "SELECT d, product, price FROM (SELECT * FROM default.events WHERE action = 'buy') WHERE price > 0"
                + ") GROUP BY d", "CSV");

        QueryResult insert = engine.query("INSERT INTO default.events FORMAT JSONEachRow\n"
                + "{\"d\":\"2020-04-24\",\"product\":\"sku_1\",\"action\":\"buy\",\"price\":10}\n"
                + "{\"d\":\"2020-04-24\",\"product\":\"sku_2\",\"action\":\"buy\",\"price\":3.5}\n"
                + "{\"d\":\"2020-04-24\",\"product\":\"sku_3\",\"action\":\"buy\",\"price\":0}\n"
                + "{\"d\":\"2020-04-24\",\"product\":\"sku_1\",\"action\":\"view\",\"price\":99}\n"
                + "{\"d\":\"2020-04-25\",\"product\":\"sku_1\",\"action\":\"buy\",\"price\":7}\n", "CSV");

        assertThat(insert.rowsWritten()).as("5 source rows + 2 aggregated rows").isEqualTo(7);
        assertThat(engine.query("SELECT d, arraySort(topKMerge(2)(top)), sumMerge(revenue) FROM default.sales "
                + "GROUP BY d ORDER BY d", "TSV").text())
                .isEqualTo("2020-04-24\t['sku_1','sku_2']\t13.5\n2020-04-25\t['sku_1']\t7\n");
    }

    @Test
    void insertsFromAFile(@TempDir Path files) throws IOException {
        Path csv = files.resolve("visits.csv");
        StringBuilder content = new StringBuilder("id,page\n");
        for (int i = 1; i <= 5000; i++) {
            content.append(i).append(",\"/page/").append(i % 7).append("\"\n");
        }
        Files.writeString(csv, content, StandardCharsets.UTF_8);
        engine.query("CREATE TABLE default.visits (id UInt32, page String) ENGINE = MergeTree ORDER BY id", "CSV");

        QueryResult insert = engine.query(
                "INSERT INTO default.visits FROM INFILE '" + csv + "' FORMAT CSVWithNames", "CSV");

        assertThat(insert.rowsWritten()).isEqualTo(5000);
        assertThat(engine.query("SELECT count(), sum(id), uniqExact(page) FROM default.visits", "CSV").text())
                .isEqualTo("5000,12502500,7\n");
    }

    @Test
    void streamDeliversTheSameBytesAsQueryInSeveralChunks() throws IOException {
        String sql = "SELECT number, toString(number * 3) AS s FROM numbers(200000)";
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        AtomicInteger chunks = new AtomicInteger();

        long total = engine.stream(sql, "JSONEachRow", chunk -> {
            chunks.incrementAndGet();
            streamed.write(chunk);
        });

        byte[] whole = engine.query(sql, "JSONEachRow").data();
        assertThat(streamed.toByteArray()).isEqualTo(whole);
        assertThat(total).isEqualTo(whole.length);
        assertThat(chunks).hasValueGreaterThan(1);
    }

    @Test
    void streamErrorsAreChdbExceptions() {
        assertThatThrownBy(() -> engine.stream("SELECT * FROM default.missing", "CSV", chunk -> { }))
                .isInstanceOfSatisfying(ChdbException.class, e -> assertThat(e.code()).isEqualTo(60));
        assertThatThrownBy(() -> engine.stream(
                "SELECT throwIf(number = 150000, 'late failure') FROM numbers(200000)", "CSV", chunk -> { }))
                .isInstanceOfSatisfying(ChdbException.class, e -> {
                    assertThat(e.code()).isEqualTo(395);
                    assertThat(e.getMessage()).startsWith("late failure");
                });
        assertThat(engine.query("SELECT 2", "CSV").text()).isEqualTo("2\n");
    }

    @Test
    void failingConsumerCancelsTheStream() {
        AtomicInteger chunks = new AtomicInteger();

        assertThatThrownBy(() -> engine.stream("SELECT number FROM numbers(10000000)", "CSV", chunk -> {
            chunks.incrementAndGet();
            throw new IOException("client went away");
        })).isInstanceOf(IOException.class).hasMessage("client went away");

        assertThat(chunks).hasValue(1);
        assertThat(engine.query("SELECT 3", "CSV").text()).isEqualTo("3\n");
    }

    @Test
    void callsFromInsideAStreamAreRejected() {
        assertThatThrownBy(() -> engine.stream("SELECT 1", "CSV", chunk -> engine.query("SELECT 2", "CSV")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be nested");
        assertThat(engine.query("SELECT 4", "CSV").text()).isEqualTo("4\n");
    }

    @Test
    void dropSyncIsRefusedBecauseItNeverReturns() {
        assertThatThrownBy(() -> engine.query("DROP TABLE IF EXISTS default.anything SYNC", "CSV"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SYNC");
        engine.query("CREATE TABLE default.sync (n UInt8) ENGINE = MergeTree ORDER BY n", "CSV");
        engine.query("DROP TABLE default.sync", "CSV");
        assertThat(engine.query("EXISTS TABLE default.sync", "CSV").text()).isEqualTo("0\n");
    }

    /**
     * HotSpot turns a SIGSEGV on a null access into the NPE. If chDB owned SIGSEGV the thread would hang in chDB's
     * handler (or the JVM would die); libjsig keeps the JVM's handler first.
     */
    @Test
    void nullPointerExceptionsAfterConnectAreCaught() throws InterruptedException {
        AtomicInteger caught = new AtomicInteger();
        Thread thrower = new Thread(() -> caught.set(NullPointers.provoke(50_000)), "npe-thrower");
        thrower.setDaemon(true);

        thrower.start();
        thrower.join(30_000);

        assertThat(thrower.isAlive()).as("NPE thread hung in a signal handler").isFalse();
        assertThat(caught).hasValue(50_000);
        assertThat(engine.query("SELECT 5", "CSV").text()).isEqualTo("5\n");
    }
}
