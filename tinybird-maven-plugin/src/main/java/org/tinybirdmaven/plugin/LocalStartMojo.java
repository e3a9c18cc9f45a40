package org.tinybirdmaven.plugin;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.tinybirdmaven.server.LocalServerLauncher;

/**
 * Starts the local Tinybird server in the background (its own JVM) and waits until it answers; a server this
 * project already runs is reused. Writes its URL and tokens to {@code target/tinybird/local.json}.
 *
 * <p>With {@code fresh}, every build starts from empty workspaces, so a flow that pushes fixtures and tests them
 * gives the same result on every {@code mvn verify}, not only after {@code mvn clean}.
 */
@Mojo(name = "local-start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class LocalStartMojo extends LocalServerMojo {

    /**
     * Stops a server this project still runs and deletes its data first. Also {@code -Dtinybird.local.fresh};
     * default {@code false}.
     */
    @Parameter(property = "tinybird.local.fresh", defaultValue = "false")
    boolean fresh;

    @Override
    void run() throws MojoExecutionException {
        LocalServerLauncher launcher = launcher();
        Optional<LocalServerLauncher.Running> running = launcher.running();
        if (running.isPresent() && !fresh) {
            getLog().info("Reusing the running local server");
            describe(running.get());
            return;
        }
        try {
            if (fresh) {
                getLog().info("Starting from empty workspaces: deleting " + dataDir);
                launcher.reset(dataDir.toPath(), Duration.ofSeconds(20));
            }
            getLog().info("Starting the local Tinybird server on " + host + ":" + port);
            describe(launcher.start(options()));
        } catch (IOException e) {
            throw new MojoExecutionException("Could not start the local Tinybird server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while starting the local Tinybird server", e);
        }
    }
}
