package org.tinybirdmaven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.deploy.Deployer;
import org.tinybirdmaven.deploy.PushOptions;
import org.tinybirdmaven.deploy.Workspaces;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.project.Project;

/** {@code diff} against the local server: a fresh push compares equal, each kind of edit shows up. */
class ProjectDiffTest {

    @TempDir
    Path temp;

    private Path project;
    private TinybirdClient client;

    @BeforeEach
    void pushTheExample() {
        client = Workspaces.create("diff").client();
        project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        new Deployer(client, Output.NONE).push(load(), new PushOptions());
    }

    private Project load() {
        return Project.load(project, Map.of());
    }

    private List<String> print(DiffReport report) {
        List<String> lines = new ArrayList<>();
        report.print((level, text) -> lines.add(text));
        return lines;
    }

    @Test
    void aFreshPushComparesEqual() {
        DiffReport report = new ProjectDiff(load(), client).report(Set.of());

        assertThat(report.hasDifferences()).as(String.join("\n", print(report))).isFalse();
        assertThat(report.names(ResourceDiff.Status.SAME)).hasSize(6);
        assertThat(print(report)).containsExactly("** No differences between the project and the workspace");
    }

    @Test
    void anEditedPipeIsTheOnlyChangeAndItsDiffShowsTheLine() throws Exception {
        Path pipe = project.resolve("endpoints/top_products.pipe");
        Files.writeString(pipe, Files.readString(pipe).replace("LIMIT {{ Int32(limit, 10",
                "LIMIT {{ Int32(limit, 5"));

        DiffReport report = new ProjectDiff(load(), client).report(Set.of());

        assertThat(report.names(ResourceDiff.Status.CHANGED)).containsExactly("top_products");
        List<String> lines = print(report);
        assertThat(lines).startsWith("--- top_products [remote]", "+++ endpoints/top_products.pipe [local]");
        assertThat(lines).anyMatch(line -> line.startsWith("-") && line.contains("Int32(limit, 10"));
        assertThat(lines).anyMatch(line -> line.startsWith("+") && line.contains("Int32(limit, 5"));
        assertThat(lines).endsWith("changed: top_products");
    }

    @Test
    void resourcesOnOneSideOnlyAreListed() throws Exception {
        Files.delete(project.resolve("endpoints/sales_by_category.pipe"));
        Files.writeString(project.resolve("datasources/sessions.datasource"), "SCHEMA >\n    `id` String\n");

        DiffReport report = new ProjectDiff(load(), client).report(Set.of());

        assertThat(report.names(ResourceDiff.Status.REMOTE_ONLY)).containsExactly("sales_by_category");
        assertThat(report.names(ResourceDiff.Status.LOCAL_ONLY)).containsExactly("sessions");
        assertThat(print(report)).contains("sales_by_category only exists remotely", "sessions only exists locally",
                "remote: sales_by_category", "local: sessions");
    }

    @Test
    void aDatasourceComparesOnlyWhatTbDiffCompares() throws Exception {
        Path events = project.resolve("datasources/events.datasource");
        String original = Files.readString(events);
        Files.writeString(events, original.replace("Shop activity", "All shop activity"));
        assertThat(new ProjectDiff(load(), client).report(Set.of()).hasDifferences()).isFalse();

        Files.writeString(events, original.replace("ENGINE_SORTING_KEY", "ENGINE_TTL \"timestamp + INTERVAL 1 DAY\"\n"
                + "ENGINE_SORTING_KEY"));
        DiffReport report = new ProjectDiff(load(), client).report(Set.of("events"));
        assertThat(report.names(ResourceDiff.Status.CHANGED)).containsExactly("events");
        assertThat(print(report)).contains("+ENGINE_TTL \"timestamp + INTERVAL 1 DAY\"");
    }
}
