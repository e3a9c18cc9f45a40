package org.tinybirdmaven.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the execution scenarios share: the machine's environment, a plain mvn call, saved logs. */
final class Scenario {

    private Scenario() {}

    /** The runner machine's environment: PATH with this JDK's java first, and a HOME of its own. */
    static Map<String, String> machineEnv(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        Path java = Path.of(System.getProperty("java.home"), "bin");
        env.put("PATH", java + ":" + System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    /** Runs {@code mvn -B} in {@code dir} as a developer would, with extra environment variables. */
    static void mvn(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(machineEnv(Files.createDirectories(dir.resolve("target/home"))));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError(command + " failed in " + dir + ":\n" + output);
        }
    }

    /** Saves a run's log under {@code target/ci-runs/} (the PR runs' logs are quoted in reviews). */
    static Path saveLog(String name, String log) throws IOException {
        Path file = Path.of("target/ci-runs").toAbsolutePath().resolve(name + ".log");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, log);
    }

    /** The lines of {@code log} that contain {@code text}. */
    static List<String> lines(String log, String text) {
        List<String> lines = new ArrayList<>();
        log.lines().filter(line -> line.contains(text)).forEach(lines::add);
        return lines;
    }
}
