package org.tinybirdmaven.plugin;

import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.deploy.Deployer;
import org.tinybirdmaven.deploy.PushException;

/**
 * Pushes the project's datasources, pipes and tokens to the workspace, as {@code tb push} does: plans, applies in
 * dependency order several resources at a time, and prints a summary. Writes {@code target/tinybird/plan.json} and,
 * unless {@code tinybird.dryRun}, {@code target/tinybird/push-result.json}. Bound to {@code deploy} by default,
 * since pushing deploys; bind it to {@code pre-integration-test} to test against a local or staging workspace.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends PushParameters {

    /** Skips this goal only. Also {@code -Dtinybird.push.skip}; default {@code false}. */
    @Parameter(property = "tinybird.push.skip", defaultValue = "false")
    boolean pushSkip;

    @Inject
    public PushMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    boolean goalSkipped() {
        return pushSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.push.skip";
    }

    @Override
    void runRemote() throws MojoFailureException {
        try {
            new Deployer(client(), MavenOutput.of(getLog())).push(project(), options());
        } catch (PushException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
