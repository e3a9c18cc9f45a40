package org.tinybirdmaven.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionResolverTest {

    private static final String SENTINEL = "p.SENTINEL-TOKEN-VALUE";

    @TempDir
    Path dir;

    private ConnectionResolver.Sources sources(Map<String, String> user, Map<String, String> env,
                                               ConnectionResolver.Server server, Map<String, String> pom) {
        return new ConnectionResolver.Sources(user, env, server, pom, dir.resolve(".tinyb"),
                dir.resolve("target/tinybird/local.json"));
    }

    @Test
    void eachValueComesFromTheFirstSourceThatHasIt() throws Exception {
        Files.writeString(dir.resolve(".tinyb"), "{\"host\": \"https://tinyb.example\", \"token\": \"t-tinyb\","
                + " \"user_token\": \"u-tinyb\"}");
        ConnectionResolver.Server server = new ConnectionResolver.Server("tb-prod", "t-server",
                "https://server.example/", null);
        Map<String, String> pom = Map.of("tinybird.host", "https://pom.example", "tinybird.token", "t-pom");

        ConnectionConfig all = ConnectionResolver.resolve(sources(Map.of("tinybird.host", "https://cli.example"),
                Map.of("TB_TOKEN", "t-env"), server, pom));
        assertThat(all.host()).isEqualTo("https://cli.example");
        assertThat(all.hostSource()).isEqualTo("-Dtinybird.host");
        assertThat(all.requireToken().get()).isEqualTo("t-env");
        assertThat(all.requireToken().source()).isEqualTo("environment variable TB_TOKEN");
        assertThat(all.requireUserToken().source()).isEqualTo(".tinyb user_token");

        ConnectionConfig noCli = ConnectionResolver.resolve(sources(Map.of(), Map.of(), server, pom));
        assertThat(noCli.host()).as("trailing slash removed").isEqualTo("https://server.example");
        assertThat(noCli.hostSource()).isEqualTo("settings.xml server 'tb-prod' <configuration><host>");
        assertThat(noCli.requireToken().get()).isEqualTo("t-server");

        ConnectionConfig pomOnly = ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, pom));
        assertThat(pomOnly.host()).isEqualTo("https://pom.example");
        assertThat(pomOnly.requireToken().source()).isEqualTo("POM property tinybird.token");

        ConnectionConfig tinybOnly = ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, Map.of()));
        assertThat(tinybOnly.host()).isEqualTo("https://tinyb.example");
        assertThat(tinybOnly.requireToken().get()).isEqualTo("t-tinyb");
    }

    @Test
    void aTokenFileIsASourceOnceItExists() throws Exception {
        Map<String, String> pom = Map.of("tinybird.host", "https://pom.example", "tinybird.tokenFile",
                "target/staging.token");
        assertThat(ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, pom)).token()).isEmpty();

        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/staging.token"), SENTINEL + "\n");
        ConnectionConfig fromFile = ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, pom));
        assertThat(fromFile.requireToken().get()).isEqualTo(SENTINEL);
        assertThat(fromFile.requireToken().source()).isEqualTo("token file " + dir.resolve("target/staging.token")
                + " (POM property tinybird.tokenFile)");

        ConnectionConfig cli = ConnectionResolver.resolve(sources(Map.of("tinybird.token", "t-cli"), Map.of(), null,
                pom));
        assertThat(cli.requireToken().get()).as("-Dtinybird.token comes first").isEqualTo("t-cli");
    }

    @Test
    void theLocalHostMeansTheServerOfLocalStart() throws Exception {
        Map<String, String> pom = Map.of("tinybird.host", "local");
        assertThatThrownBy(() -> ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, pom)))
                .isInstanceOf(ConnectionResolver.ConfigurationException.class)
                .hasMessageContaining("run tinybird:local-start first");
        Path state = dir.resolve("target/tinybird/local.json");
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{\"pid\": 1, \"url\": \"http://127.0.0.1:7181\", \"userToken\": \"u-local\","
                + " \"adminToken\": \"a\", \"workspaceAdminToken\": \"w-local\"}");
        ConnectionConfig local = ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, pom));
        assertThat(local.host()).isEqualTo("http://127.0.0.1:7181");
        assertThat(local.requireToken().get()).isEqualTo("w-local");
        assertThat(local.requireUserToken().get()).isEqualTo("u-local");
        assertThat(local.requireToken().source()).startsWith("the local server (");
        ConnectionConfig explicitToken = ConnectionResolver.resolve(sources(Map.of(), Map.of("TB_TOKEN", "t-env"),
                null, pom));
        assertThat(explicitToken.requireToken().get()).as("an explicit token still wins").isEqualTo("t-env");
    }

    @Test
    void missingPiecesAreClearErrors() throws Exception {
        assertThatThrownBy(() -> ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, Map.of())))
                .isInstanceOf(ConnectionResolver.ConfigurationException.class)
                .hasMessageStartingWith("No Tinybird host configured");
        ConnectionConfig hostOnly = ConnectionResolver.resolve(sources(Map.of("tinybird.host", "https://h"),
                Map.of(), null, Map.of()));
        assertThatThrownBy(hostOnly::requireToken).hasMessageStartingWith("No Tinybird token for https://h");
        assertThatThrownBy(hostOnly::requireUserToken).hasMessageStartingWith("No Tinybird user token");
        Files.writeString(dir.resolve(".tinyb"), "{not json");
        assertThatThrownBy(() -> ConnectionResolver.resolve(sources(Map.of(), Map.of(), null, Map.of())))
                .hasMessageStartingWith("Cannot read .tinyb ");
    }

    @Test
    void onlyThisMachineCountsAsLoopback() throws Exception {
        for (String host : new String[] {"http://localhost:7181", "http://127.0.0.1:1234", "http://[::1]:7181",
                "http://tb.localhost"}) {
            assertThat(ConnectionResolver.resolve(sources(Map.of("tinybird.host", host), Map.of(), null, Map.of()))
                    .isLoopback()).as(host).isTrue();
        }
        for (String host : new String[] {"https://api.tinybird.co", "http://localhost.example.com", "http://10.0.0.1",
                "not a url"}) {
            assertThat(ConnectionResolver.resolve(sources(Map.of("tinybird.host", host), Map.of(), null, Map.of()))
                    .isLoopback()).as(host).isFalse();
        }
    }

    @Test
    void tokensNeverShowInStrings() throws IOException, ConnectionResolver.ConfigurationException {
        ConnectionConfig config = ConnectionResolver.resolve(sources(Map.of("tinybird.host", "https://h",
                "tinybird.userToken", SENTINEL), Map.of("TB_TOKEN", SENTINEL), null, Map.of()));
        assertThat(config.toString()).doesNotContain(SENTINEL).contains("token from environment variable TB_TOKEN");
        assertThat(config.requireToken().toString()).doesNotContain(SENTINEL);
        assertThat(config.requireToken().get()).isEqualTo(SENTINEL);
    }
}
