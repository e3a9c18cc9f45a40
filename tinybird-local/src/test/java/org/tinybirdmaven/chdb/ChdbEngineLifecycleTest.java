package org.tinybirdmaven.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening, closing and reopening within one process. chDB serves one data directory per process at a time, so each
 * test closes everything it opens.
 */
class ChdbEngineLifecycleTest {

    @TempDir
    Path temp;

    @Test
    void dataAndMaterializedViewsSurviveCloseAndReopen() {
        Path dir = temp.resolve("persistent");
        try (ChdbEngine engine = ChdbEngine.open(TestLibrary.path(), dir)) {
            engine.query("CREATE TABLE default.src (k String, v UInt32) ENGINE = MergeTree ORDER BY k", "CSV");
            engine.query("CREATE TABLE default.totals (k String, v UInt64) ENGINE = SummingMergeTree ORDER BY k",
                    "CSV");
            engine.query("CREATE MATERIALIZED VIEW default.totals_mv TO default.totals AS "
                    + "SELECT k, sum(v) AS v FROM default.src GROUP BY k", "CSV");
            engine.query("INSERT INTO default.src VALUES ('a', 1), ('b', 2)", "CSV");
        }

        try (ChdbEngine engine = ChdbEngine.open(TestLibrary.path(), dir)) {
            engine.query("INSERT INTO default.src VALUES ('a', 10)", "CSV");

            assertThat(engine.query("SELECT count() FROM default.src", "CSV").text()).isEqualTo("3\n");
            assertThat(engine.query("SELECT k, sum(v) FROM default.totals GROUP BY k ORDER BY k", "CSV").text())
                    .isEqualTo("\"a\",11\n\"b\",2\n");
        }
    }

    @Test
    void anotherDataDirectoryCanBeOpenedOnceTheFirstIsClosed() {
        try (ChdbEngine first = ChdbEngine.open(TestLibrary.path(), temp.resolve("first"))) {
            first.query("CREATE TABLE default.only_in_first (n UInt8) ENGINE = MergeTree ORDER BY n", "CSV");
        }

        try (ChdbEngine second = ChdbEngine.open(TestLibrary.path(), temp.resolve("second"))) {
            assertThat(second.dataDir()).isEqualTo(temp.resolve("second").toAbsolutePath());
            assertThat(second.query("EXISTS TABLE default.only_in_first", "CSV").text()).isEqualTo("0\n");
        }
    }

    @Test
    void onlyOneEngineMayBeOpenPerProcess() {
        try (ChdbEngine engine = ChdbEngine.open(TestLibrary.path(), temp.resolve("one"))) {
            assertThatThrownBy(() -> ChdbEngine.open(TestLibrary.path(), temp.resolve("two")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open")
                    .hasMessageContaining(engine.dataDir().toString());
            assertThat(engine.query("SELECT 1", "CSV").text()).isEqualTo("1\n");
        }
    }

    @Test
    void aSecondLibraryCannotBeLoaded() {
        ChdbEngine.open(TestLibrary.path(), temp.resolve("loaded")).close();

        assertThatThrownBy(() -> ChdbEngine.open(temp.resolve("other/libchdb.so"), temp.resolve("data")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already loaded from");
    }

    @Test
    void closedEnginesRefuseQueriesAndCloseIsIdempotent() {
        ChdbEngine engine = ChdbEngine.open(TestLibrary.path(), temp.resolve("closing"));
        engine.close();
        engine.close();

        assertThatThrownBy(() -> engine.query("SELECT 1", "CSV"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
