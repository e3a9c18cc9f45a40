package org.tinybirdmaven.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.project.Project;

class DeployPlannerTest {

    @TempDir
    Path dir;

    private Project project;

    @BeforeEach
    void writeProject() throws IOException {
        Map<String, String> files = Map.of(
                "datasources/events.datasource", "SCHEMA >\n    `a` String\n",
                "datasources/daily.datasource", "VERSION 2\nSCHEMA >\n    `a` String\n",
                "pipes/to_daily.pipe", "NODE n\nSQL >\n    SELECT a FROM events\nTYPE materialized\nDATASOURCE daily\n",
                "endpoints/top.pipe", "NODE n\nSQL >\n    SELECT a FROM daily\n",
                "vendor/shared_ws/datasources/ext.datasource", "SCHEMA >\n    `a` String\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        project = Project.load(dir, Map.of());
    }

    private static List<List<String>> summary(DeployPlan plan) {
        return plan.levels().stream().map(level -> level.stream()
                .map(step -> step.remoteName() + ":" + step.action()).sorted().toList()).toList();
    }

    @Test
    void anEmptyWorkspaceGetsEverythingExceptVendorDatasourcesInDependencyOrder() {
        DeployPlan plan = DeployPlanner.plan(project, RemoteState.empty(), DeployPlanner.Options.all(), r -> true);
        assertThat(summary(plan)).containsExactly(
                List.of("daily__v2:CREATE", "events:CREATE"),
                List.of("to_daily:CREATE"),
                List.of("top:CREATE"));
    }

    @Test
    void existingResourcesAreSkippedUnlessForced() {
        RemoteState remote = new RemoteState(Set.of("events", "daily__v2"), Set.of("to_daily"));
        assertThat(summary(DeployPlanner.plan(project, remote, DeployPlanner.Options.all(), r -> true)))
                .containsExactly(List.of("daily__v2:SKIP_EXISTING", "events:SKIP_EXISTING"),
                        List.of("to_daily:SKIP_EXISTING"), List.of("top:CREATE"));
        DeployPlanner.Options force = new DeployPlanner.Options(true, false, Set.of(), false);
        assertThat(summary(DeployPlanner.plan(project, remote, force, r -> true)))
                .containsExactly(List.of("daily__v2:OVERRIDE", "events:OVERRIDE"), List.of("to_daily:OVERRIDE"),
                        List.of("top:CREATE"));
    }

    @Test
    void anOlderRemoteVersionMeansTheNewOneIsCreated() {
        RemoteState remote = new RemoteState(Set.of("events", "daily__v1"), Set.of());
        DeployPlan plan = DeployPlanner.plan(project, remote, DeployPlanner.Options.all(), r -> true);
        DeployPlan.Step daily = plan.steps().stream().filter(s -> s.resource().name().equals("daily")).findFirst()
                .orElseThrow();
        assertThat(daily.action()).isEqualTo(DeployPlan.Action.CREATE);
        assertThat(daily.remoteVersion()).isEqualTo(1);
    }

    @Test
    void onlyChangesLeavesUnchangedResourcesAlone() {
        RemoteState remote = new RemoteState(Set.of("events", "daily__v2"), Set.of("to_daily", "top"));
        DeployPlanner.Options options = new DeployPlanner.Options(true, true, Set.of(), false);
        DeployPlan plan = DeployPlanner.plan(project, remote, options, r -> r.name().equals("top"));
        assertThat(summary(plan)).containsExactly(List.of("daily__v2:UNCHANGED", "events:UNCHANGED"),
                List.of("to_daily:UNCHANGED"), List.of("top:OVERRIDE"));
        assertThat(plan.steps().stream().filter(DeployPlan.Step::writes)).hasSize(1);
    }

    @Test
    void selectedResourcesNeedTheirDependenciesPushedOrRemote() {
        DeployPlanner.Options onlyTop = new DeployPlanner.Options(false, false, Set.of("top"), false);
        assertThatThrownBy(() -> DeployPlanner.plan(project, RemoteState.empty(), onlyTop, r -> true))
                .isInstanceOf(DeployPlanner.MissingDependencyException.class).hasMessage("'top' needs 'daily',"
                        + " which is neither pushed nor in the workspace: push it too, or use pushDeps");
        assertThat(summary(DeployPlanner.plan(project, new RemoteState(Set.of("daily__v2"), Set.of()), onlyTop,
                r -> true))).containsExactly(List.of("top:CREATE"));
        DeployPlanner.Options withDeps = new DeployPlanner.Options(false, false, Set.of("to_daily"), true);
        assertThat(summary(DeployPlanner.plan(project, RemoteState.empty(), withDeps, r -> true)))
                .containsExactly(List.of("daily__v2:CREATE", "events:CREATE"), List.of("to_daily:CREATE"));
    }

    @Test
    void thePlanIsWrittenAsJson() {
        Map<String, Object> json = DeployPlanner.plan(project, RemoteState.empty(), DeployPlanner.Options.all(),
                r -> true).json();
        assertThat(json.toString()).contains("name=daily, remote_name=daily__v2, kind=datasource, action=create");
    }
}
