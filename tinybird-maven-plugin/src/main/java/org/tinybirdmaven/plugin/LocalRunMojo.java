package org.tinybirdmaven.plugin;

import java.io.IOException;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.tinybirdmaven.server.LocalServerLauncher;

/**
 * Runs the local Tinybird server in the foreground for interactive use: starts it (or reuses the running one),
 * then waits; Ctrl-C stops it.
 */
@Mojo(name = "local-run", threadSafe = true, requiresProject = false)
public class LocalRunMojo extends LocalServerMojo {

    @Override
    void run() throws MojoExecutionException {
        LocalServerLauncher launcher = launcher();
        try {
            LocalServerLauncher.Running running = launcher.running().orElse(null);
            if (running == null) {
                running = launcher.start(options());
            }
            describe(running);
            getLog().info("Press Ctrl-C to stop it");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    launcher.stop(Duration.ofSeconds(20));
                } catch (IOException e) {
                    System.err.println("Could not stop the local Tinybird server: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tinybird-local-stop"));
            ProcessHandle.of(running.pid()).ifPresent(process -> process.onExit().join());
            getLog().warn("The local Tinybird server exited. End of its log:\n"
                    + LocalServerLauncher.tail(running.dataDir().resolve("server.log")));
        } catch (IOException e) {
            throw new MojoExecutionException("Could not start the local Tinybird server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted", e);
        }
    }
}
