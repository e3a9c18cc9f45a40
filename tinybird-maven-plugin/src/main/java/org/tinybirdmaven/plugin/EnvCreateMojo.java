package org.tinybirdmaven.plugin;

import java.io.File;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.client.CreatedEnvironment;
import org.tinybirdmaven.client.TinybirdClient;

/**
 * Creates the Environment {@code tinybird.env} (else {@code tmp_ci_<folder>_<run>}) with {@code tinybird.envData};
 * later goals of the build work in it. Its token is never printed; {@code tinybird.env.tokenFile} receives it.
 */
@Mojo(name = "env-create", threadSafe = true)
public class EnvCreateMojo extends RemoteMojo {

    /** Data to copy: none, last_partition or all_partitions. Also {@code -Dtinybird.envData}; default {@code none}. */
    @Parameter(property = "tinybird.envData", defaultValue = "none")
    String envData;

    /**
     * A file for the Environment's token (owner-only permissions). Also {@code -Dtinybird.env.tokenFile}; no default.
     */
    @Parameter(property = "tinybird.env.tokenFile")
    File tokenFile;

    /** Seconds to wait for the data job. Also {@code -Dtinybird.env.timeout}; default {@code 1800}. */
    @Parameter(property = "tinybird.env.timeout", defaultValue = "1800")
    int timeout;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Inject
    public EnvCreateMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    boolean usesEnvironment() {
        return false; // it needs the main workspace's token
    }

    @Override
    void runRemote() throws MojoExecutionException, MojoFailureException {
        String data = EnvironmentData.parameter(envData);
        String name = EnvironmentNames.name(env, projectDir.toPath());
        TinybirdClient main = mainClient();
        String mainName = main.workspace().name();
        CreatedEnvironment created = main.createEnvironment(name, data);
        getLog().info("** Environment '" + name + "' from '" + mainName + "' has been created");
        EnvironmentData.await(getLog(), main, created, Duration.ofSeconds(timeout));
        EnvironmentNames.remember(project, name, created.workspace().id(), mainName, connection().host());
        EnvironmentData.writeToken(getLog(), main, name, tokenFile);
    }
}
