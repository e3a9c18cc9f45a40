package org.tinybirdmaven.plugin;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TinybirdClientException;
import org.tinybirdmaven.plugin.config.ConnectionConfig;
import org.tinybirdmaven.plugin.config.ConnectionResolver;
import org.tinybirdmaven.plugin.config.ConnectionResolver.ConfigurationException;
import org.tinybirdmaven.plugin.config.MavenSettingsReader;

/**
 * The base of every goal that talks to Tinybird. Inside {@code execute()} (never in parameters, so that
 * {@code mvn -X} cannot print a token) it resolves the host and tokens with {@link ConnectionResolver}, refuses to
 * run offline unless the host is this machine, builds the HTTP client on first use (User-Agent, timeouts, the
 * settings.xml proxy), switches to the Tinybird Environment named by {@code tinybird.env}, logs which source
 * supplied each token, maps client failures to Maven's exceptions ({@link ApiFailures}), and closes the clients
 * and forgets the tokens when the goal ends.
 *
 * <p>Offline ({@code -o}): goals do not declare {@code requiresOnline}, which would make Maven refuse them even for
 * the local server; they check {@link MavenSession#isOffline()} themselves once the host is known, and run offline
 * when it is {@code local}, {@code localhost} or a loopback address.
 *
 * <p>Subclasses declare an {@code @Inject} constructor passing the session and the decrypter on, and implement
 * {@link #runRemote()} with {@link #client()}, {@link #userClient()} and {@link #connection()}.
 */
abstract class RemoteMojo extends TinybirdMojo {

    /** The settings.xml {@code <server>} whose password is the token. Also {@code -Dtinybird.serverId}; no default. */
    @Parameter(property = "tinybird.serverId")
    String serverId;

    /**
     * The Tinybird Environment (branch) to work in instead of the main workspace. Also {@code -Dtinybird.env}; no
     * default.
     */
    @Parameter(property = "tinybird.env")
    String env;

    /** Seconds to wait for a connection. Also {@code -Dtinybird.connectTimeout}; default {@code 10}. */
    @Parameter(property = "tinybird.connectTimeout", defaultValue = "10")
    int connectTimeout;

    /**
     * Longest silence in seconds while waiting for an answer. Also {@code -Dtinybird.readTimeout}; default {@code 120}.
     */
    @Parameter(property = "tinybird.readTimeout", defaultValue = "120")
    int readTimeout;

    /**
     * The Tinybird project directory; its {@code .tinyb} is the last source of host and tokens. Also
     * {@code -Dtinybird.projectDir}; default <code>${project.basedir}</code>.
     */
    @Parameter(property = "tinybird.projectDir", defaultValue = "${project.basedir}")
    File projectDir;

    private final MavenSession session;
    private final SettingsDecrypter decrypter;
    private final List<TinybirdClient> opened = new ArrayList<>();
    private final List<ClearableToken> tokens = new ArrayList<>();
    private ConnectionConfig connection;
    private TinybirdClient mainClient;
    private TinybirdClient workClient;
    private TinybirdClient userClient;
    private String tokenSource;

    RemoteMojo(MavenSession session, SettingsDecrypter decrypter) {
        this.session = session;
        this.decrypter = decrypter;
    }

    /** The goal itself; {@link TinybirdClientException}s it lets through become Maven failures. */
    abstract void runRemote() throws MojoExecutionException, MojoFailureException;

    /**
     * Whether {@code tinybird.env} applies to {@link #client()}; goals that manage Environments themselves, or
     * workspaces, work with the main workspace's token and return false.
     */
    boolean usesEnvironment() {
        return true;
    }

    @Override
    final void run() throws MojoExecutionException, MojoFailureException {
        try {
            connection = resolve();
            if (session.isOffline() && !connection.isLoopback()) {
                throw new MojoFailureException("tinybird:" + goal() + " needs the network to reach "
                        + connection.host() + ", but Maven runs offline (-o). Run it without -o, or use the local"
                        + " server (tinybird.host=local) which works offline");
            }
            runRemote();
        } catch (ConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (TinybirdClientException e) {
            ApiFailures.raise(e, tokenSource);
        } finally {
            opened.forEach(TinybirdClient::close);
            opened.clear();
            tokens.forEach(ClearableToken::clear);
            tokens.clear();
            connection = null;
            mainClient = null;
            workClient = null;
            userClient = null;
        }
    }

    private ConnectionConfig resolve() throws ConfigurationException {
        MavenProject project = session.getCurrentProject();
        Path basedir = projectDir != null ? projectDir.toPath() : Path.of("").toAbsolutePath();
        Path target = project != null && project.getBuild() != null && project.getBuild().getDirectory() != null
                ? Path.of(project.getBuild().getDirectory()) : basedir.resolve("target");
        return ConnectionResolver.resolve(new ConnectionResolver.Sources(map(session.getUserProperties()),
                System.getenv(), new MavenSettingsReader(session.getSettings(), decrypter).server(serverId),
                project == null ? Map.of() : map(project.getProperties()), basedir.resolve(".tinyb"),
                target.resolve("tinybird/local.json")));
    }

    /** Host and tokens as resolved for this execution. */
    ConnectionConfig connection() {
        return connection;
    }

    /**
     * The client for the workspace the goal works in: the main workspace's token, or, with {@code tinybird.env},
     * the token of that Environment looked up with it.
     */
    TinybirdClient client() throws MojoFailureException {
        if (workClient == null) {
            TinybirdClient main = mainClient();
            workClient = usesEnvironment() && env != null && !env.isBlank()
                    ? main.withToken(token(new Environments(getLog()).token(main, env.strip(), tokenSource)))
                    : main;
        }
        return workClient;
    }

    /** The client with the main workspace's token, whatever {@code tinybird.env} says. */
    TinybirdClient mainClient() throws MojoFailureException {
        if (mainClient == null) {
            mainClient = open(announce(connection::requireToken, "token"));
        }
        return mainClient;
    }

    /** The client with the user token (workspace creation and deletion). */
    TinybirdClient userClient() throws MojoFailureException {
        if (userClient == null) {
            ConnectionConfig.Secret secret = announce(connection::requireUserToken, "user token");
            userClient = mainClient != null ? mainClient.withToken(token(secret.get())) : open(secret);
        }
        return userClient;
    }

    /** The token, with its source logged and kept for failure hints; a failure lists where it was looked for. */
    private ConnectionConfig.Secret announce(Lookup lookup, String kind) throws MojoFailureException {
        ConnectionConfig.Secret secret;
        try {
            secret = lookup.get();
        } catch (ConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        tokenSource = secret.source();
        getLog().info("Using Tinybird " + kind + " from " + secret.source() + " for " + connection.host());
        return secret;
    }

    private TinybirdClient open(ConnectionConfig.Secret secret) throws MojoFailureException {
        TinybirdClient.Builder builder = TinybirdClient.builder(connection.host(), token(secret.get()))
                .connectTimeout(Duration.ofSeconds(connectTimeout)).readTimeout(Duration.ofSeconds(readTimeout))
                .userAgentProducts("Maven/" + session.getSystemProperties().getProperty("maven.version", "unknown"));
        try {
            new MavenSettingsReader(session.getSettings(), decrypter).proxyFor(connection.host())
                    .ifPresent(builder::proxy);
            TinybirdClient client = builder.build();
            opened.add(client);
            return client;
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private Supplier<String> token(String value) {
        ClearableToken token = new ClearableToken(value);
        tokens.add(token);
        return token;
    }

    private interface Lookup {
        ConnectionConfig.Secret get() throws ConfigurationException;
    }

    private static Map<String, String> map(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /** A token the clients read on every call, emptied when the goal ends (mvnd keeps the JVM). */
    private static final class ClearableToken implements Supplier<String> {
        private volatile String value;

        ClearableToken(String value) {
            this.value = value;
        }

        @Override
        public String get() {
            String current = value;
            if (current == null) {
                throw new IllegalStateException("the Tinybird token is no longer available: the goal has ended");
            }
            return current;
        }

        void clear() {
            value = null;
        }

        @Override
        public String toString() {
            return "token";
        }
    }
}
