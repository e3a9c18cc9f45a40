package org.tinybirdmaven.plugin;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.tinybirdmaven.server.LocalServerLauncher;

/** Configuration shared by the goals that start, run and stop the local Tinybird server. */
abstract class LocalServerMojo extends TinybirdMojo {

    /** Where the server keeps its data (ClickHouse tables and the catalog); reused by later starts. */
    @Parameter(property = "tinybird.local.dataDir", defaultValue = "${project.build.directory}/tinybird/local")
    File dataDir;

    /** The port to listen on; 7181 like Tinybird Local, 0 for any free port. */
    @Parameter(property = "tinybird.local.port", defaultValue = "7181")
    int port;

    @Parameter(property = "tinybird.local.host", defaultValue = "127.0.0.1")
    String host;

    /** A libchdb.so to use instead of the cached download (also {@code CHDB_LIBRARY}). */
    @Parameter(property = "tinybird.local.chdbLibrary")
    File chdbLibrary;

    /** How long to wait for the server to answer, in seconds (the first start downloads chDB). */
    @Parameter(property = "tinybird.local.startTimeout", defaultValue = "180")
    int startTimeout;

    /** Skips the local server goals. Also {@code -Dtinybird.local.skip}. */
    @Parameter(property = "tinybird.local.skip", defaultValue = "false")
    boolean localSkip;

    @Parameter(defaultValue = "${project.build.directory}/tinybird/local.json", readonly = true)
    File stateFile;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    @Override
    boolean goalSkipped() {
        return localSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.local.skip";
    }

    LocalServerLauncher launcher() {
        return new LocalServerLauncher(stateFile.toPath());
    }

    /** The server runs on this plugin's own classpath, in the JVM that runs Maven. */
    LocalServerLauncher.Options options() {
        List<Path> classpath = plugin.getArtifacts().stream().map(artifact -> artifact.getFile().toPath()).toList();
        return new LocalServerLauncher.Options(Path.of(System.getProperty("java.home")), classpath,
                dataDir.toPath().toAbsolutePath(), host, port, chdbLibrary == null ? null : chdbLibrary.toPath(),
                Duration.ofSeconds(startTimeout));
    }

    void describe(LocalServerLauncher.Running running) {
        getLog().info("Tinybird local server at " + running.url() + " (pid " + running.pid() + ", data in "
                + running.dataDir() + ")");
        getLog().info("  user token:            " + shown(running.userToken(), "TB_LOCAL_USER_TOKEN"));
        getLog().info("  workspace admin token: " + shown(running.workspaceAdminToken(), "TB_LOCAL_WORKSPACE_TOKEN")
                + " (Tinybird_Local_Testing)");
        getLog().info("  details in " + stateFile);
    }

    /**
     * The random tokens of a local server are printed for convenience; a token pinned through the environment may
     * be a real secret (or a test's sentinel), so only its variable is named.
     */
    private static String shown(String token, String variable) {
        return token.equals(System.getenv(variable)) ? "as set in " + variable : token;
    }
}
