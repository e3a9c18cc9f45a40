package org.tinybirdmaven.plugin.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where and as whom to talk to Tinybird. Tokens are kept in {@link Secret}s whose {@code toString()} names only
 * their source, so a token never reaches a log line, an exception or Maven's {@code -X} output by accident.
 */
public final class ConnectionConfig {

    /** A token and the source it came from. */
    public static final class Secret implements Supplier<String> {
        private final String value;
        private final String source;

        Secret(String value, String source) {
            this.value = value;
            this.source = source;
        }

        @Override
        public String get() {
            return value;
        }

        public String source() {
            return source;
        }

        @Override
        public String toString() {
            return "token from " + source;
        }
    }

    private final String host;
    private final String hostSource;
    private final Secret token;
    private final Secret userToken;

    ConnectionConfig(String host, String hostSource, Secret token, Secret userToken) {
        this.host = host;
        this.hostSource = hostSource;
        this.token = token;
        this.userToken = userToken;
    }

    public String host() {
        return host;
    }

    public String hostSource() {
        return hostSource;
    }

    /**
     * Whether the host is this machine ({@code localhost}, {@code 127.x.x.x}, {@code ::1}, and so {@code local},
     * the server of {@code tinybird:local-start}): such a host needs no network, also when Maven runs offline.
     */
    public boolean isLoopback() {
        String name;
        try {
            name = URI.create(host).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (name == null) {
            return false;
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("127.")
                || name.equals("[::1]") || name.equals("::1");
    }

    /** The workspace token, if any source had one. */
    public Optional<Secret> token() {
        return Optional.ofNullable(token);
    }

    /** The user token (workspace creation and deletion), if any source had one. */
    public Optional<Secret> userToken() {
        return Optional.ofNullable(userToken);
    }

    /** The workspace token, or a failure that lists where it was looked for. */
    public Secret requireToken() throws ConnectionResolver.ConfigurationException {
        if (token == null) {
            throw new ConnectionResolver.ConfigurationException("No Tinybird token for " + host + ": set TB_TOKEN,"
                    + " or the password of the settings.xml server named by tinybird.serverId, or -Dtinybird.token");
        }
        return token;
    }

    /** The user token, or a failure that lists where it was looked for. */
    public Secret requireUserToken() throws ConnectionResolver.ConfigurationException {
        if (userToken == null) {
            throw new ConnectionResolver.ConfigurationException("No Tinybird user token for " + host + ": workspace"
                    + " goals need one; set TB_USER_TOKEN, or <userToken> in the <configuration> of the"
                    + " settings.xml server named by tinybird.serverId, or -Dtinybird.userToken");
        }
        return userToken;
    }

    @Override
    public String toString() {
        return host + " (" + hostSource + "), " + (token == null ? "no token" : token) + ", "
                + (userToken == null ? "no user token" : "user " + userToken);
    }
}
