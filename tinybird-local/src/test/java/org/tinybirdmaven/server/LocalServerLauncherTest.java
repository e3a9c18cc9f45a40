package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.chdb.TestLibrary;

/** The server in its own JVM, as {@code local-start} runs it: start, answer, stop, and keep data across restarts. */
class LocalServerLauncherTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalServerLauncher.Options options(Path dataDir) {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        return new LocalServerLauncher.Options(Path.of(System.getProperty("java.home")), classpath, dataDir,
                "127.0.0.1", 0, TestLibrary.path(), Duration.ofSeconds(60));
    }

    private static HttpResponse<String> send(String method, String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsInItsOwnJvmKeepsWorkspacesAndTokensAcrossRestartsAndResetsToEmpty() throws Exception {
        LocalServerLauncher launcher = new LocalServerLauncher(dir.resolve("state/local.json"));
        Path dataDir = dir.resolve("data");
        LocalServerLauncher.Running first = launcher.start(options(dataDir));
        long firstPid = first.pid();
        try {
            assertThat(firstPid).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(launcher.running()).get().extracting(LocalServerLauncher.Running::pid).isEqualTo(firstPid);
            assertThat(send("POST", first.url() + "/v0/workspaces?name=kept_ws", first.userToken()).statusCode())
                    .isEqualTo(200);
            assertThat(send("POST", first.url() + "/v0/tokens?name=kept_token&scope=PIPES:CREATE",
                    first.workspaceAdminToken()).statusCode()).isEqualTo(200);
        } finally {
            assertThat(launcher.stop(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(launcher.running()).isEmpty();

        LocalServerLauncher.Running second = launcher.start(options(dataDir));
        try {
            assertThat(second.userToken()).isEqualTo(first.userToken());
            assertThat(second.workspaceAdminToken()).isEqualTo(first.workspaceAdminToken());
            JsonNode workspaces = MAPPER.readTree(send("GET", second.url() + "/v0/user/workspaces",
                    second.userToken()).body()).get("workspaces");
            assertThat(workspaces).extracting(w -> w.get("name").asText()).contains("kept_ws",
                    "Tinybird_Local_Testing");
            assertThat(send("GET", second.url() + "/v0/tokens/kept_token", second.workspaceAdminToken())
                    .statusCode()).isEqualTo(200);
        } finally {
            launcher.reset(dataDir, Duration.ofSeconds(20));
        }
        assertThat(launcher.running()).isEmpty();
        assertThat(dataDir).doesNotExist();

        LocalServerLauncher.Running third = launcher.start(options(dataDir));
        try {
            JsonNode workspaces = MAPPER.readTree(send("GET", third.url() + "/v0/user/workspaces",
                    third.userToken()).body()).get("workspaces");
            assertThat(workspaces).extracting(w -> w.get("name").asText()).containsExactly("Tinybird_Local_Testing");
        } finally {
            launcher.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void passesJvmOptionsAfterTheDefaultsSoTheyOverrideThem() throws Exception {
        LocalServerLauncher launcher = new LocalServerLauncher(dir.resolve("local.json"));
        LocalServerLauncher.Options defaults = options(dir.resolve("data"));
        LocalServerLauncher.Running running = launcher.start(new LocalServerLauncher.Options(defaults.javaHome(),
                defaults.classpath(), defaults.dataDir(), defaults.host(), 0, defaults.chdbLibrary(),
                defaults.startTimeout(), List.of("-Xmx96m", "-Dtinybird.test=yes")));
        try {
            List<String> arguments = List.of(ProcessHandle.of(running.pid()).orElseThrow().info().arguments()
                    .orElseThrow());
            assertThat(arguments).containsSubsequence("-Xmx1g", "-Xmx96m", "-Dtinybird.test=yes",
                    LocalServerMain.class.getName());
            assertThat(send("GET", running.url() + "/v0/workspace", running.workspaceAdminToken()).statusCode())
                    .isEqualTo(200);
        } finally {
            launcher.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void aServerThatCannotStartIsReportedWithItsLog() throws IOException {
        LocalServerLauncher launcher = new LocalServerLauncher(dir.resolve("local.json"));
        Path notALibrary = Files.writeString(dir.resolve("libchdb.so"), "not a library");
        LocalServerLauncher.Options broken = new LocalServerLauncher.Options(Path.of(System.getProperty(
                "java.home")), options(dir).classpath(), dir.resolve("data"), "127.0.0.1", 0, notALibrary,
                Duration.ofSeconds(30));
        assertThatThrownBy(() -> launcher.start(broken)).isInstanceOf(IOException.class)
                .hasMessageContaining("The local server exited with status").hasMessageContaining("server.log");
        assertThat(launcher.running()).isEmpty();
    }
}
