package org.tinybirdmaven.plugin.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.tinybirdmaven.client.ProxyConfig;
import org.tinybirdmaven.plugin.config.ConnectionResolver.ConfigurationException;

/**
 * The Maven side of the connection settings: the settings.xml {@code <server>} named by {@code tinybird.serverId}
 * (password decrypted, {@code <configuration><host>} and {@code <userToken>} read) and the {@code <proxy>} for the
 * Tinybird host. Decryption problems fail with the server or proxy id; the encrypted text is never used as a token.
 */
public final class MavenSettingsReader {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    public MavenSettingsReader(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    /** The server named {@code serverId}, decrypted; null when no id is given. */
    public ConnectionResolver.Server server(String serverId) throws ConfigurationException {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        Server server = settings == null ? null : settings.getServer(serverId.strip());
        if (server == null) {
            throw new ConfigurationException("serverId '" + serverId.strip() + "' not found in settings.xml"
                    + known() + ": add a <server> with that <id> and the token as <password>, or fix"
                    + " tinybird.serverId");
        }
        Server decrypted = decrypt(server, "server '" + server.getId() + "'");
        String host = child(server, "host");
        String userToken = child(server, "userToken");
        if (userToken != null) {
            // Encrypted like the password ({...}), so it is run through the decrypter the same way.
            Server holder = new Server();
            holder.setId(server.getId());
            holder.setPassword(userToken);
            userToken = decrypt(holder, "<userToken> of server '" + server.getId() + "'").getPassword();
        }
        return new ConnectionResolver.Server(server.getId(), decrypted.getPassword(), host, userToken);
    }

    /**
     * The active proxy for {@code url}, as Maven picks one: the first active {@code <proxy>} whose protocol is the
     * URL's scheme, else the first active {@code http} proxy (it tunnels https too); none when the host matches the
     * proxy's {@code nonProxyHosts}.
     */
    public Optional<ProxyConfig> proxyFor(String url) throws ConfigurationException {
        if (settings == null) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        List<Proxy> active = settings.getProxies().stream().filter(Proxy::isActive).toList();
        Optional<Proxy> chosen = active.stream().filter(p -> scheme.equalsIgnoreCase(p.getProtocol())).findFirst()
                .or(() -> active.stream().filter(p -> "http".equalsIgnoreCase(p.getProtocol())).findFirst());
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Proxy proxy = decrypt(chosen.get());
        ProxyConfig config;
        try {
            config = ProxyConfig.of(proxy.getHost(), proxy.getPort()).withNonProxyHosts(proxy.getNonProxyHosts());
        } catch (RuntimeException e) {
            throw new ConfigurationException("settings.xml proxy '" + proxy.getId() + "' is not valid: "
                    + e.getMessage());
        }
        if (proxy.getUsername() != null && !proxy.getUsername().isBlank()) {
            config = config.withCredentials(proxy.getUsername(), proxy.getPassword());
        }
        return config.bypasses(uri.getHost()) ? Optional.empty() : Optional.of(config);
    }

    private Server decrypt(Server server, String what) throws ConfigurationException {
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        fail(result.getProblems(), what);
        return result.getServer();
    }

    private Proxy decrypt(Proxy proxy) throws ConfigurationException {
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
        fail(result.getProblems(), "proxy '" + proxy.getId() + "'");
        return result.getProxy();
    }

    private static void fail(List<SettingsProblem> problems, String what) throws ConfigurationException {
        List<String> errors = problems.stream()
                .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                .map(SettingsProblem::getMessage).toList();
        if (!errors.isEmpty()) {
            throw new ConfigurationException("Cannot decrypt the " + what + " of settings.xml: "
                    + String.join("; ", errors) + ". Check the master password in settings-security.xml"
                    + " (~/.m2/settings-security.xml or -Dsettings.security) and re-encrypt with"
                    + " mvn --encrypt-password");
        }
    }

    private static String child(Server server, String name) {
        if (server.getConfiguration() instanceof Xpp3Dom configuration) {
            Xpp3Dom child = configuration.getChild(name);
            if (child != null && child.getValue() != null && !child.getValue().isBlank()) {
                return child.getValue().strip();
            }
        }
        return null;
    }

    private String known() {
        String ids = settings == null ? "" : settings.getServers().stream().map(Server::getId)
                .collect(Collectors.joining(", "));
        return ids.isEmpty() ? " (it has no <server> entries)" : " (servers: " + ids + ")";
    }
}
