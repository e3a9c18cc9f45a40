package org.tinybirdmaven.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.WorkspaceInfo;

/** RemoteMojo in a Maven session of its own, against the local server. */
class RemoteMojoTest {

    @TempDir
    Path dir;

    /** Remembers what a goal saw, to check it after the goal has ended. */
    static final class ProbeMojo extends RemoteMojo {
        TinybirdClient client;
        WorkspaceInfo workspace;

        ProbeMojo(MavenSession session) {
            super(session, new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher())));
        }

        @Override
        void runRemote() throws MojoFailureException {
            client = client();
            workspace = client.workspace();
        }
    }

    private ProbeMojo probe(boolean offline, CheckMojoTest.RecordingLog log, String... userProperties) {
        Properties properties = new Properties();
        for (int i = 0; i < userProperties.length; i += 2) {
            properties.setProperty(userProperties[i], userProperties[i + 1]);
        }
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setOffline(offline);
        request.setUserProperties(properties);
        request.setSystemProperties(new Properties());
        @SuppressWarnings("deprecation")
        MavenSession session = new MavenSession(null, request, new DefaultMavenExecutionResult(), new MavenProject());
        ProbeMojo mojo = new ProbeMojo(session);
        mojo.projectDir = dir.toFile();
        mojo.connectTimeout = 5;
        mojo.readTimeout = 30;
        mojo.env = properties.getProperty("tinybird.env");
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void theTokenSourceIsLoggedNeverTheTokenAndNothingOutlivesTheGoal() throws Exception {
        String token = LocalServerFixture.get().workspaceAdminToken();
        CheckMojoTest.RecordingLog log = new CheckMojoTest.RecordingLog();
        ProbeMojo mojo = probe(false, log, "tinybird.host", LocalServerFixture.get().url(), "tinybird.token", token);
        mojo.execute();
        assertThat(mojo.workspace.name()).isEqualTo("Tinybird_Local_Testing");
        assertThat(log.lines).containsExactly("INFO Using Tinybird token from -Dtinybird.token for "
                + LocalServerFixture.get().url());
        assertThat(mojo.connection()).isNull();
        assertThatThrownBy(mojo.client::workspace).as("the client is closed and its token forgotten")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void offlineOnlyTheLocalMachineIsReachable() throws Exception {
        CheckMojoTest.RecordingLog log = new CheckMojoTest.RecordingLog();
        assertThatThrownBy(() -> probe(true, log, "tinybird.host", "https://api.tinybird.co", "tinybird.token", "t")
                .execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("tinybird:ProbeMojo needs the network to reach https://api.tinybird.co, but"
                        + " Maven runs offline (-o)");
        assertThat(log.lines).isEmpty();
        ProbeMojo local = probe(true, log, "tinybird.host", LocalServerFixture.get().url(), "tinybird.token",
                LocalServerFixture.get().workspaceAdminToken());
        local.execute();
        assertThat(local.workspace).isNotNull();
    }

    @Test
    void tinybirdEnvSwitchesToTheEnvironmentsToken() throws Exception {
        String token = LocalServerFixture.get().workspaceAdminToken();
        try (TinybirdClient main = LocalServerFixture.client(token)) {
            if (main.environments().stream().noneMatch(e -> e.name().equals("probe_env"))) {
                main.createEnvironment("probe_env", null);
            }
        }
        CheckMojoTest.RecordingLog log = new CheckMojoTest.RecordingLog();
        ProbeMojo mojo = probe(false, log, "tinybird.host", LocalServerFixture.get().url(), "tinybird.token", token,
                "tinybird.env", "probe_env");
        mojo.execute();
        assertThat(mojo.workspace.name()).isEqualTo("probe_env");
        assertThat(mojo.workspace.isBranch()).isTrue();
        assertThat(log.lines).anyMatch(line -> line.startsWith("INFO Working in Tinybird Environment 'probe_env'"));
    }

    @Test
    void aMissingTokenOrARefusedOneIsAFailure() throws MojoExecutionException {
        assumeThat(System.getenv("TB_TOKEN")).as("TB_TOKEN would supply a token").isNull();
        CheckMojoTest.RecordingLog log = new CheckMojoTest.RecordingLog();
        assertThatThrownBy(() -> probe(false, log, "tinybird.host", LocalServerFixture.get().url()).execute())
                .isInstanceOf(MojoFailureException.class).hasMessageStartingWith("No Tinybird token for ");
        assertThatThrownBy(() -> probe(false, log, "tinybird.host", LocalServerFixture.get().url(), "tinybird.token",
                "p.refused").execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Perhaps you should check the token from -Dtinybird.token");
    }
}
