package org.tinybirdmaven.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

    @TempDir
    Path dir;

    /** Records what the mojo logs, by level. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
        }

        @Override
        public void error(CharSequence content) {
            lines.add("ERROR " + content);
        }
    }

    private CheckMojo mojo(Path projectDir, RecordingLog log) {
        CheckMojo mojo = new CheckMojo();
        mojo.projectDir = projectDir.toFile();
        mojo.setLog(log);
        return mojo;
    }

    private static Path example() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return dir.getParent().resolve("examples/ecommerce");
    }

    @Test
    void theExampleProjectIsValid() throws Exception {
        RecordingLog log = new RecordingLog();
        mojo(example(), log).execute();
        assertThat(log.lines).contains("INFO OK    datasources/events.datasource",
                "INFO OK    endpoints/top_products.pipe",
                "INFO Checked 6 datafiles: 6 valid, 0 with errors; 0 errors, 0 warnings");
    }

    @Test
    void failsWithEveryErrorAsFileLineColumn() throws IOException {
        Files.createDirectories(dir.resolve("pipes"));
        Files.writeString(dir.resolve("pipes/p.pipe"), "NODE n\nSQL >\n    SELECT 1 AS x\nTYPE materialized\nBOGUS x\n");
        RecordingLog log = new RecordingLog();
        assertThatThrownBy(() -> mojo(dir, log).execute()).isInstanceOf(MojoFailureException.class)
                .hasMessage("Tinybird datafiles have 2 errors:" + System.lineSeparator()
                        + "  pipes/p.pipe:4:1: TYPE materialized needs DATASOURCE <target datasource> in node 'n'"
                        + System.lineSeparator() + "  pipes/p.pipe:5:1: BOGUS is not a valid option");
        assertThat(log.lines).contains("ERROR FAIL  pipes/p.pipe (2 errors)");
    }

    @Test
    void warningsFailTheBuildOnlyWhenAskedTo() throws Exception {
        Files.createDirectories(dir.resolve("datasources"));
        Files.writeString(dir.resolve("datasources/d.datasource"), "SCHEMA >\n    `a` String\n\nSORTING_KEY a\n");
        mojo(dir, new RecordingLog()).execute();
        CheckMojo strict = mojo(dir, new RecordingLog());
        strict.failOnWarning = true;
        assertThatThrownBy(strict::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("datasources/d.datasource:4:1: warning: SORTING_KEY is ignored");
    }

    @Test
    void skipLogsWhyAndReadsNothing() throws Exception {
        RecordingLog log = new RecordingLog();
        CheckMojo mojo = mojo(dir.resolve("does-not-exist"), log);
        mojo.skip = true;
        mojo.execute();
        assertThat(log.lines).containsExactly("INFO Skipping Tinybird check: tinybird.skip is true");
    }

    @Test
    void anEmptyFolderIsAMistake() {
        assertThatThrownBy(() -> mojo(dir, new RecordingLog()).execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No datafiles (.datasource, .pipe, .token) found in " + dir);
    }
}
