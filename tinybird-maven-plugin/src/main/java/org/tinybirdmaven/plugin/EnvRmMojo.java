package org.tinybirdmaven.plugin;

import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.client.TinybirdApiException;

/**
 * Deletes the Environment {@code tinybird.env}, else the one {@code env-create} recorded in
 * {@code target/tinybird/env.json}, else {@code tmp_ci_<folder>_<CI run id>}. A missing Environment is not an error,
 * so CI can always run it, as a separate {@code mvn} invocation after the build, whatever the build's result.
 */
@Mojo(name = "env-rm", threadSafe = true)
public class EnvRmMojo extends RemoteMojo {

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Inject
    public EnvRmMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    boolean usesEnvironment() {
        return false;
    }

    @Override
    void runRemote() throws MojoExecutionException, MojoFailureException {
        Path state = EnvironmentNames.stateFile(project);
        String name = EnvironmentNames.toRemove(env, projectDir.toPath(), state, System.getenv());
        if (name == null) {
            throw new MojoFailureException("tinybird:env-rm needs the Environment's name: set tinybird.env, or run"
                    + " it where tinybird:env-create ran (it reads " + state + ")");
        }
        try {
            mainClient().deleteEnvironment(name);
            getLog().info("** Environment '" + name + "' deleted");
        } catch (TinybirdApiException e) {
            boolean missing = e.isNotFound() || e.status() == 400 && e.error() != null
                    && e.error().toLowerCase(java.util.Locale.ROOT).contains("not found");
            if (!missing) {
                throw e;
            }
            getLog().info("** Environment '" + name + "' does not exist: nothing to delete");
        }
        EnvironmentNames.forget(state, name);
    }
}
