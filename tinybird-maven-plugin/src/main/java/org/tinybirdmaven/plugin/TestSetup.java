package org.tinybirdmaven.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.plugin.config.ConnectionResolver;
import org.tinybirdmaven.plugin.config.MavenSettingsReader;
import org.tinybirdmaven.tests.ProjectTests;

/**
 * What {@code tinybird:test} needs from Maven besides its parameters: the regression baseline
 * ({@code tinybird.regression.against}): {@code main}, the main workspace of the Environment the goal works in, or
 * the id of a settings.xml server whose password is the token of another workspace on the same host (staging
 * against production); unset, regression tests do not run. And where JUnit reports go:
 * {@code target/tinybird-reports}.
 */
final class TestSetup {

    private final MavenSession session;
    private final SettingsDecrypter decrypter;

    TestSetup(MavenSession session, SettingsDecrypter decrypter) {
        this.session = session;
        this.decrypter = decrypter;
    }

    java.nio.file.Path reportsDirectory() {
        return java.nio.file.Path.of(session.getCurrentProject().getBuild().getDirectory(), "tinybird-reports");
    }

    ProjectTests.Baseline baseline(TestMojo mojo) throws MojoFailureException {
        String against = mojo.against == null ? "" : mojo.against.strip();
        String env = mojo.env == null || mojo.env.isBlank() ? null : mojo.env.strip();
        if (against.isEmpty()) {
            mojo.getLog().info("Regression tests skipped: they compare two workspaces; set tinybird.regression.against"
                    + " to 'main' inside an Environment (tinybird.env), or to a settings.xml server id");
            return null;
        }
        if (against.equals("main")) {
            if (env == null) {
                throw new MojoFailureException("tinybird.regression.against=main compares an Environment with its"
                        + " main workspace: set tinybird.env (or run tinybird:env-create earlier in the build)");
            }
            return new ProjectTests.Baseline(mojo.mainClient(), "main", env);
        }
        ConnectionResolver.Server server;
        try {
            server = new MavenSettingsReader(session.getSettings(), decrypter).server(against);
        } catch (ConnectionResolver.ConfigurationException e) {
            throw new MojoFailureException("tinybird.regression.against: " + e.getMessage(), e);
        }
        if (server == null || server.password() == null) {
            throw new MojoFailureException("tinybird.regression.against is '" + against + "' but settings.xml has no"
                    + " server with that id and a token as its <password>");
        }
        if (server.host() != null && !trim(server.host()).equals(trim(mojo.connection().host()))) {
            throw new MojoFailureException("The regression baseline (settings.xml server '" + against + "') is on "
                    + server.host() + ", not on " + mojo.connection().host() + ": both workspaces must be on the same"
                    + " host");
        }
        mojo.getLog().info("Regression baseline: the workspace of the token from settings.xml server '" + against
                + "'");
        String token = server.password();
        return new ProjectTests.Baseline(mojo.mainClient().withToken(() -> token), against,
                env != null ? env : "this workspace");
    }

    private static String trim(String host) {
        return host.replaceAll("/+$", "");
    }
}
