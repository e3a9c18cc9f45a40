package org.tinybirdmaven.plugin;

import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.diff.ProjectDiff;

/**
 * Compares the datafiles with the workspace as {@code tb diff} does: a unified diff per changed resource, the
 * resources on one side only, a summary; {@code tinybird.failOnDiff} fails the build when anything differs.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends ProjectMojo {

    /** Skips this goal only. Also {@code -Dtinybird.diff.skip}; default {@code false}. */
    @Parameter(property = "tinybird.diff.skip", defaultValue = "false")
    boolean diffSkip;
    /** Fails the build when anything differs. Also {@code -Dtinybird.failOnDiff}; default {@code false}. */
    @Parameter(property = "tinybird.failOnDiff", defaultValue = "false")
    boolean failOnDiff;
    /**
     * Inside an Environment ({@code tinybird.env}), compares with its main workspace instead. Also
     * {@code -Dtinybird.diffMain}; default {@code false}.
     */
    @Parameter(property = "tinybird.diffMain", defaultValue = "false")
    boolean diffMain;

    @Inject
    public DiffMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    boolean goalSkipped() {
        return diffSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.diff.skip";
    }

    @Override
    void runRemote() throws MojoFailureException {
        TinybirdClient target = diffMain ? mainClient() : client();
        var workspace = target.workspace();
        if (diffMain && workspace.isBranch()) {
            throw new MojoFailureException("tinybird.diffMain compares with the main workspace, but the token's"
                    + " workspace is itself an Environment: give the main workspace's token and tinybird.env");
        }
        getLog().info("** Comparing " + projectDir + " with workspace '" + workspace.name() + "'");
        var report = new ProjectDiff(project(), target).report(selected());
        report.print(MavenOutput.of(getLog()));
        if (failOnDiff && report.hasDifferences()) {
            throw new MojoFailureException("The project differs from workspace '" + workspace.name()
                    + "' (tinybird.failOnDiff): " + report.differences());
        }
    }
}
