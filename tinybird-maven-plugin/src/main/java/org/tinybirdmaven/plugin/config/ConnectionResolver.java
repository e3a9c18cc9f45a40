package org.tinybirdmaven.plugin.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the Tinybird host and tokens for a build, from the first source that has each of them, in this order:
 *
 * <ol>
 *   <li>{@code -D} user properties: {@code tinybird.host}, {@code tinybird.token}, {@code tinybird.userToken},
 *       then the token kept in the file {@code tinybird.tokenFile} names (as {@code tinybird:workspace-create}
 *       writes it; a file not written yet is no source, a relative path is relative to the project directory);</li>
 *   <li>environment: {@code TB_HOST}, {@code TB_TOKEN}, {@code TB_USER_TOKEN};</li>
 *   <li>the settings.xml {@code <server>} named by {@code tinybird.serverId}: its (decrypted) password is the token,
 *       {@code <configuration><host>} and {@code <userToken>} optional;</li>
 *   <li>POM and profile properties (same names as 1);</li>
 *   <li>the {@code .tinyb} file of the project directory ({@code host}, {@code token}, {@code user_token}).</li>
 * </ol>
 *
 * <p>The host {@code local} means the server started by {@code tinybird:local-start}; its tokens come from the
 * state file it wrote, after the sources above. Each value remembers the source it came from, so the build can say
 * where a token was found without printing it.
 */
public final class ConnectionResolver {

    /** A settings.xml server already looked up and decrypted by the caller. */
    public record Server(String id, String password, String host, String userToken) {}

    /** The inputs, read by the Maven side. */
    public record Sources(Map<String, String> userProperties, Map<String, String> environment, Server server,
                          Map<String, String> projectProperties, Path tinybFile, Path localStateFile) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConnectionResolver() {}

    public static ConnectionConfig resolve(Sources sources) throws ConfigurationException {
        JsonNode tinyb = readJson(sources.tinybFile(), ".tinyb");
        List<Candidate> hosts = new ArrayList<>();
        List<Candidate> tokens = new ArrayList<>();
        List<Candidate> userTokens = new ArrayList<>();
        addFrom(hosts, sources.userProperties(), "tinybird.host", "-Dtinybird.host");
        addFrom(tokens, sources.userProperties(), "tinybird.token", "-Dtinybird.token");
        addTokenFile(tokens, sources.userProperties(), "-Dtinybird.tokenFile", sources.tinybFile());
        addFrom(userTokens, sources.userProperties(), "tinybird.userToken", "-Dtinybird.userToken");
        addFrom(hosts, sources.environment(), "TB_HOST", "environment variable TB_HOST");
        addFrom(tokens, sources.environment(), "TB_TOKEN", "environment variable TB_TOKEN");
        addFrom(userTokens, sources.environment(), "TB_USER_TOKEN", "environment variable TB_USER_TOKEN");
        Server server = sources.server();
        if (server != null) {
            String where = "settings.xml server '" + server.id() + "'";
            add(hosts, server.host(), where + " <configuration><host>");
            add(tokens, server.password(), where);
            add(userTokens, server.userToken(), where + " <configuration><userToken>");
        }
        addFrom(hosts, sources.projectProperties(), "tinybird.host", "POM property tinybird.host");
        addFrom(tokens, sources.projectProperties(), "tinybird.token", "POM property tinybird.token");
        addTokenFile(tokens, sources.projectProperties(), "POM property tinybird.tokenFile", sources.tinybFile());
        addFrom(userTokens, sources.projectProperties(), "tinybird.userToken", "POM property tinybird.userToken");
        if (tinyb != null) {
            add(hosts, text(tinyb, "host"), ".tinyb host");
            add(tokens, text(tinyb, "token"), ".tinyb token");
            add(userTokens, text(tinyb, "user_token"), ".tinyb user_token");
        }
        if (hosts.isEmpty()) {
            throw new ConfigurationException("No Tinybird host configured: set tinybird.host (a URL such as"
                    + " https://api.tinybird.co, or 'local' for the server of tinybird:local-start) in a profile,"
                    + " with -Dtinybird.host, TB_HOST, or the <host> of the settings.xml server named by"
                    + " tinybird.serverId");
        }
        Candidate host = hosts.get(0);
        if (host.value().equals("local")) {
            JsonNode local = readJson(sources.localStateFile(), "the local server state file");
            if (local == null) {
                throw new ConfigurationException("tinybird.host is 'local' (from " + host.source() + ") but no local"
                        + " server is running for this project: run tinybird:local-start first (expected "
                        + sources.localStateFile() + ")");
            }
            String where = "the local server (" + sources.localStateFile() + ")";
            add(tokens, text(local, "workspaceAdminToken"), where);
            add(userTokens, text(local, "userToken"), where);
            host = new Candidate(text(local, "url"), host.source() + " → " + where);
        }
        return new ConnectionConfig(stripSlash(host.value()), host.source(), first(tokens), first(userTokens));
    }

    private record Candidate(String value, String source) {}

    private static void addFrom(List<Candidate> into, Map<String, String> values, String key, String source) {
        add(into, values.get(key), source);
    }

    /** The token in the file {@code tinybird.tokenFile} names, once that file exists. */
    private static void addTokenFile(List<Candidate> into, Map<String, String> values, String source, Path tinyb)
            throws ConfigurationException {
        String name = values.get("tinybird.tokenFile");
        if (name == null || name.isBlank()) {
            return;
        }
        Path file = tinyb == null || tinyb.getParent() == null ? Path.of(name.strip())
                : tinyb.getParent().resolve(name.strip());
        if (Files.isRegularFile(file)) {
            try {
                add(into, Files.readString(file), "token file " + file + " (" + source + ")");
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read the token file " + file + " (" + source + "): "
                        + e.getMessage());
            }
        }
    }

    private static void add(List<Candidate> into, String value, String source) {
        if (value != null && !value.isBlank()) {
            into.add(new Candidate(value.strip(), source));
        }
    }

    private static ConnectionConfig.Secret first(List<Candidate> candidates) {
        return candidates.isEmpty() ? null : new ConnectionConfig.Secret(candidates.get(0).value(),
                candidates.get(0).source());
    }

    private static String stripSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode readJson(Path file, String what) throws ConfigurationException {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** Resolution that failed for a reason the user must fix. */
    public static final class ConfigurationException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigurationException(String message) {
            super(message);
        }
    }
}
