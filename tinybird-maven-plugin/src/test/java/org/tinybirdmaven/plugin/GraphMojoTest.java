package org.tinybirdmaven.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphMojoTest {

    @TempDir
    Path dir;

    private GraphMojo mojo(Path projectDir, CheckMojoTest.RecordingLog log) {
        GraphMojo mojo = new GraphMojo();
        mojo.projectDir = projectDir.toFile();
        mojo.outputDirectory = dir.resolve("target/tinybird").toFile();
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void writesTheSvgAndMermaidFilesOfTheExampleAndSaysWhere() throws Exception {
        CheckMojoTest.RecordingLog log = new CheckMojoTest.RecordingLog();
        mojo(Path.of(System.getProperty("user.dir")).getParent().resolve("examples/ecommerce"), log).execute();
        Path svg = dir.resolve("target/tinybird/graph.svg");
        Path mermaid = dir.resolve("target/tinybird/graph.mmd");
        assertThat(log.lines).containsExactly("INFO Wrote " + svg, "INFO Wrote " + mermaid);
        assertThat(Files.readString(svg)).contains(">daily_product_sales_mv</text>");
        assertThat(Files.readString(mermaid)).contains("==>|materializes|");
    }

    @Test
    void drawsWhatItCanReadAndWarnsAboutTheRest() throws Exception {
        Files.createDirectories(dir.resolve("datasources"));
        Files.writeString(dir.resolve("datasources/good.datasource"), "SCHEMA >\n    `a` String\n");
        Files.writeString(dir.resolve("datasources/bad.datasource"), "SCHEMA >\n    `a` Strin\n");
        CheckMojoTest.RecordingLog log = new CheckMojoTest.RecordingLog();
        mojo(dir, log).execute();
        assertThat(log.lines).contains("WARN Not drawn: datasources/bad.datasource has errors (tinybird:check shows"
                + " them)");
        String svg = Files.readString(dir.resolve("target/tinybird/graph.svg"));
        assertThat(svg).contains(">good</text>").doesNotContain(">bad</text>");
    }

    @Test
    void skipsAndFailsLikeTheOtherGoals() throws Exception {
        CheckMojoTest.RecordingLog log = new CheckMojoTest.RecordingLog();
        GraphMojo skipped = mojo(dir.resolve("absent"), log);
        skipped.graphSkip = true;
        skipped.execute();
        assertThat(log.lines).containsExactly("INFO Skipping Tinybird graph: tinybird.graph.skip is true");
        assertThatThrownBy(() -> mojo(dir.resolve("absent"), log).execute())
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("set tinybird.projectDir");
        assertThat(dir.resolve("target")).doesNotExist();
    }
}
