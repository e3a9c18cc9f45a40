package org.tinybirdmaven.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a test JVM cannot show about itself: running without libjsig, and exiting with the engine busy. */
class ChdbEngineForkTest {

    @TempDir
    Path temp;

    @Test
    void refusesToStartWithoutLibjsig() throws Exception {
        Result result = runProbe(false, false, ForkedEngineProbe.NULL_POINTERS);

        assertThat(result.exitCode).as(result.output).isEqualTo(ForkedEngineProbe.REFUSED);
        assertThat(result.output).contains("refused: libjsig is not preloaded", "LD_PRELOAD=", "libjsig.so");
    }

    @Test
    void allowedWithoutLibjsigRestoresTheJvmSignalHandlers() throws Exception {
        Result result = runProbe(false, true, ForkedEngineProbe.NULL_POINTERS);

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("npes=50000 answer=42");
    }

    @Test
    void exitWaitsForTheStreamInFlightThenClosesCleanly() throws Exception {
        Result result = runProbe(true, false, ForkedEngineProbe.EXIT_WHILE_BUSY);

        assertThat(result.output).contains("exiting with a stream in flight: true", "streamed=14888890");
        assertThat(result.exitCode).as(result.output).isZero();
    }

    private Result runProbe(boolean libjsig, boolean allowWithoutLibjsig, String scenario)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(),
                "-XX:ErrorFile=" + temp.resolve("hs_err_%p.log"), "-cp", System.getProperty("java.class.path"),
                ForkedEngineProbe.class.getName(), TestLibrary.path().toString(), temp.resolve("data").toString(),
                String.valueOf(allowWithoutLibjsig), scenario))
                .redirectErrorStream(true);
        if (libjsig) {
            builder.environment().put("LD_PRELOAD", java.getParent().getParent().resolve("lib/libjsig.so").toString());
        } else {
            builder.environment().remove("LD_PRELOAD");
        }
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM hung: " + new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
