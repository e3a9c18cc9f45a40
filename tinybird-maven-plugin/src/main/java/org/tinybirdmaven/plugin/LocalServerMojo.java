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

    /**
     * Where the server keeps its data (ClickHouse tables and the catalog); reused by later starts. Also
     * {@code -Dtinybird.local.dataDir}; default <code>${project.build.directory}/tinybird/local</code>.
     */
    @Parameter(property = "tinybird.local.dataDir", defaultValue = "${project.build.directory}/tinybird/local")
    File dataDir;

    /** The port to listen on, 0 for any free port. Also {@code -Dtinybird.local.port}; default {@code 7181}. */
    @Parameter(property = "tinybird.local.port", defaultValue = "7181")
    int port;

    /** The address to listen on. Also {@code -Dtinybird.local.host}; default {@code 127.0.0.1}. */
    @Parameter(property = "tinybird.local.host", defaultValue = "127.0.0.1")
    String host;

    /**
     * A libchdb.so to use instead of the cached download (the {@code CHDB_LIBRARY} environment variable works too).
     * Also {@code -Dtinybird.local.chdbLibrary}; no default.
     */
    @Parameter(property = "tinybird.local.chdbLibrary")
    File chdbLibrary;

    /**
     * How long to wait for the server to answer, in seconds (the first start downloads chDB). Also
     * {@code -Dtinybird.local.startTimeout}; default {@code 180}.
     */
    @Parameter(property = "tinybird.local.startTimeout", defaultValue = "180")
    int startTimeout;

    /** Skips the local server goals. Also {@code -Dtinybird.local.skip}; default {@code false}. */
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

    /** Tokens stay out of the build log, even a local server's: CI logs are kept and shared. */
    void describe(LocalServerLauncher.Running running) {
        getLog().info("Tinybird local server at " + running.url() + " (pid " + running.pid() + ", data in "
                + running.dataDir() + ")");
        getLog().info("  its user and workspace admin tokens are in " + stateFile
                + " (userToken, workspaceAdminToken); goals with tinybird.host=local use them");
    }
}
