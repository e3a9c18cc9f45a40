package org.tinybirdmaven.plugin;

import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.tinybirdmaven.server.LocalServerLauncher;

/**
 * Starts the local Tinybird server in the background (its own JVM) and waits until it answers; a server this
 * project already runs is reused. Writes its URL and tokens to {@code target/tinybird/local.json}.
 */
@Mojo(name = "local-start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class LocalStartMojo extends LocalServerMojo {

    @Override
    void run() throws MojoExecutionException {
        LocalServerLauncher launcher = launcher();
        Optional<LocalServerLauncher.Running> running = launcher.running();
        if (running.isPresent()) {
            getLog().info("Reusing the running local server");
            describe(running.get());
            return;
        }
        try {
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
