package org.tinybirdmaven.ci.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowRunnerTest {

    @TempDir
    Path dir;

    private WorkflowRunner runner(Map<String, String> secrets) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("repo/sub"));
        return new WorkflowRunner(new WorkflowRunner.Setup(workspace.getParent(), Files.createDirectories(
                dir.resolve("home")), Map.of("PATH", System.getenv("PATH")), "push", Map.of(), 42, "acme/data",
                secrets, uses -> uses.equals("acme/t/.github/workflows/called.yml@v1") ? dir.resolve("called.yml")
                        : null, Map.of("actions/checkout@v4", (with, env) -> env.log().add("checked out"))));
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void stepsShareStateOnlyThroughTheEnvironmentFiles() throws Exception {
        write("called.yml", """
                on:
                  workflow_call:
                    inputs:
                      dir: {type: string, required: false, default: .}
                      flag: {type: boolean, required: true}
                    secrets:
                      token: {required: true}
                jobs:
                  one:
                    runs-on: ubuntu-latest
                    defaults: {run: {shell: bash, working-directory: '${{ inputs.dir }}'}}
                    env: {TOKEN: '${{ secrets.token }}', FLAG: '${{ inputs.flag }}'}
                    steps:
                      - uses: actions/checkout@v4
                      - id: first
                        run: |
                          lost=yes
                          echo "KEPT=$(basename "$PWD")" >> "$GITHUB_ENV"
                          printf 'multi<<EOF\\na\\nb\\nEOF\\n' >> "$GITHUB_OUTPUT"
                          echo "::add-mask::derived-secret"
                          echo "token is $TOKEN, derived-secret, flag $FLAG"
                      - run: echo "kept=$KEPT lost=${lost:-} out=${{ steps.first.outputs.multi }}" | tr '\\n' ' '
                      - run: false | true
                      - name: skipped after a failure
                        run: echo never
                      - name: cleanup
                        if: always() && env.KEPT != ''
                        run: echo cleaned
                """);
        Path caller = write("caller.yml", """
                on: push
                jobs:
                  call:
                    uses: acme/t/.github/workflows/called.yml@v1
                    with: {dir: sub, flag: true}
                    secrets: {token: '${{ secrets.TOKEN }}'}
                """);
        WorkflowRunner.Result result = runner(Map.of("TOKEN", "s3cr3t")).run(caller);
        assertThat(result.success()).isFalse();
        assertThat(result.log()).contains("token is ***, ***, flag true")
                .contains("kept=sub lost= out=a b").contains("checked out").contains("cleaned")
                .contains("Error: Process completed with exit code 1.").doesNotContain("s3cr3t", "never");
        assertThat(result.masks()).contains("s3cr3t", "derived-secret");
        assertThat(result.outcome("skipped after a failure")).isEqualTo("skipped");
        assertThat(result.outcome("Run false | true")).as("shell: bash has pipefail").isEqualTo("failure");
    }

    @Test
    void callsAreCheckedAgainstTheDeclarations() throws Exception {
        write("called.yml", """
                on:
                  workflow_call:
                    inputs: {flag: {type: boolean, required: true}}
                jobs:
                  one: {runs-on: ubuntu-latest, steps: [{uses: actions/setup-node@v4}]}
                """);
        assertThatThrownBy(() -> runner(Map.of()).run(write("a.yml", """
                on: push
                jobs: {call: {uses: acme/t/.github/workflows/called.yml@v1}}
                """))).hasMessageContaining("input flag is required");
        assertThatThrownBy(() -> runner(Map.of()).run(write("b.yml", """
                on: push
                jobs: {call: {uses: acme/t/.github/workflows/called.yml@v1, with: {flag: true, typo: 1}}}
                """))).hasMessageContaining("undeclared input typo");
        assertThatThrownBy(() -> runner(Map.of()).run(write("c.yml", """
                on: push
                jobs: {call: {uses: other/t/.github/workflows/called.yml@v1}}
                """))).hasMessageContaining("no reusable workflow");
        WorkflowRunner.Result result = runner(Map.of()).run(write("d.yml", """
                on: push
                jobs: {call: {uses: acme/t/.github/workflows/called.yml@v1, with: {flag: false}}}
                """));
        assertThat(result.success()).isFalse();
        assertThat(result.log()).contains("no stub for action actions/setup-node@v4");
    }

    @Test
    void theDefaultShellHasNoPipefail() throws Exception {
        WorkflowRunner.Result result = runner(Map.of()).run(write("e.yml", """
                on: [push]
                jobs:
                  one:
                    runs-on: ubuntu-latest
                    steps:
                      - run: false | true
                """));
        assertThat(result.success()).isTrue();
    }
}
