package org.tinybirdmaven.plugin;

import java.io.IOException;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Stops the local Tinybird server recorded in {@code target/tinybird/local.json}; its data is kept. */
@Mojo(name = "local-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class LocalStopMojo extends LocalServerMojo {

    @Override
    void run() throws MojoExecutionException {
        try {
            boolean stopped = launcher().stop(Duration.ofSeconds(20));
            getLog().info(stopped ? "Stopped the local Tinybird server" : "No local Tinybird server was running");
        } catch (IOException e) {
            throw new MojoExecutionException("Could not stop the local Tinybird server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while stopping the local Tinybird server", e);
        }
    }
}
