package org.tinybirdmaven.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;
import org.tinybirdmaven.client.ProxyConfig;

/** A real SettingsDecrypter over the checked-in settings-security.xml (see src/test/resources/settings). */
class MavenSettingsReaderTest {

    private static final String PASSWORD = "{xdQg8WWyVZcHkC7dF6bfYfUiZKFUVPbuFSmtcLEPuC4=}";
    private static final String USER_TOKEN = "{NbhSXHT8C1wH/wHF7AA16/BD06KRudlMXZyLZ7hDF1g=}";
    private static final String PROXY_PASSWORD = "{CztkIIlvIZIHnL8isxa137JLxW6Y73rrsz7M9hQ60/k=}";

    private static SettingsDecrypter decrypter(String securityFile) {
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                securityFile));
    }

    private static SettingsDecrypter decrypter() throws URISyntaxException {
        return decrypter(Path.of(MavenSettingsReaderTest.class.getResource("/settings/settings-security.xml")
                .toURI()).toString());
    }

    private static Server server(String id, String password, Map<String, String> configuration) {
        Server server = new Server();
        server.setId(id);
        server.setPassword(password);
        if (!configuration.isEmpty()) {
            Xpp3Dom dom = new Xpp3Dom("configuration");
            configuration.forEach((name, value) -> {
                Xpp3Dom child = new Xpp3Dom(name);
                child.setValue(value);
                dom.addChild(child);
            });
            server.setConfiguration(dom);
        }
        return server;
    }

    private static Settings settings(Server... servers) {
        Settings settings = new Settings();
        for (Server server : servers) {
            settings.addServer(server);
        }
        return settings;
    }

    @Test
    void anEncryptedServerIsDecryptedWithItsHostAndUserToken() throws Exception {
        Settings settings = settings(server("tb-prod", PASSWORD, Map.of("host", "https://api.us-east.tinybird.co",
                "userToken", USER_TOKEN)), server("other", "x", Map.of()));
        ConnectionResolver.Server server = new MavenSettingsReader(settings, decrypter()).server(" tb-prod ");
        assertThat(server.id()).isEqualTo("tb-prod");
        assertThat(server.password()).isEqualTo("p.from-settings");
        assertThat(server.userToken()).isEqualTo("u.from-settings");
        assertThat(server.host()).isEqualTo("https://api.us-east.tinybird.co");
    }

    @Test
    void aPlainPasswordIsUsedAsItIs() throws Exception {
        ConnectionResolver.Server server = new MavenSettingsReader(settings(server("tb", "p.plain", Map.of())),
                decrypter()).server("tb");
        assertThat(server.password()).isEqualTo("p.plain");
        assertThat(server.host()).isNull();
        assertThat(server.userToken()).isNull();
    }

    @Test
    void aServerThatCannotBeDecryptedFailsNamingIt() {
        Settings settings = settings(server("tb-prod", PASSWORD, Map.of()));
        assertThatThrownBy(() -> new MavenSettingsReader(settings, decrypter("/nowhere/settings-security.xml"))
                .server("tb-prod"))
                .isInstanceOf(ConnectionResolver.ConfigurationException.class)
                .hasMessageStartingWith("Cannot decrypt the server 'tb-prod' of settings.xml: ")
                .hasMessageContaining("-Dsettings.security")
                .hasMessageNotContaining(PASSWORD);
        Settings userToken = settings(server("tb-user", "p.plain", Map.of("userToken", USER_TOKEN)));
        assertThatThrownBy(() -> new MavenSettingsReader(userToken, decrypter("/nowhere/settings-security.xml"))
                .server("tb-user"))
                .hasMessageStartingWith("Cannot decrypt the <userToken> of server 'tb-user' of settings.xml");
    }

    @Test
    void anUnknownServerIdIsAnErrorListingTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> new MavenSettingsReader(settings(server("a", "x", Map.of()), server("b", "y",
                Map.of())), decrypter()).server("tinybird-prod"))
                .isInstanceOf(ConnectionResolver.ConfigurationException.class)
                .hasMessageStartingWith("serverId 'tinybird-prod' not found in settings.xml (servers: a, b)");
        assertThatThrownBy(() -> new MavenSettingsReader(new Settings(), decrypter()).server("x"))
                .hasMessageStartingWith("serverId 'x' not found in settings.xml (it has no <server> entries)");
        assertThat(new MavenSettingsReader(new Settings(), decrypter()).server(null)).isNull();
        assertThat(new MavenSettingsReader(new Settings(), decrypter()).server(" ")).isNull();
    }

    private static Proxy proxy(String id, String protocol, String host, boolean active) {
        Proxy proxy = new Proxy();
        proxy.setId(id);
        proxy.setProtocol(protocol);
        proxy.setHost(host);
        proxy.setPort(3128);
        proxy.setActive(active);
        return proxy;
    }

    @Test
    void theProxyIsTheFirstActiveOneForTheSchemeElseAnHttpOne() throws Exception {
        Settings settings = new Settings();
        settings.addProxy(proxy("off", "https", "off.example", false));
        settings.addProxy(proxy("plain", "http", "http.example", true));
        settings.addProxy(proxy("secure", "https", "https.example", true));
        MavenSettingsReader reader = new MavenSettingsReader(settings, decrypter());
        assertThat(reader.proxyFor("https://api.tinybird.co")).map(ProxyConfig::host).contains("https.example");
        assertThat(reader.proxyFor("http://tinybird.internal:8080")).map(ProxyConfig::host).contains("http.example");

        Settings httpOnly = new Settings();
        httpOnly.addProxy(proxy("plain", "http", "http.example", true));
        assertThat(new MavenSettingsReader(httpOnly, decrypter()).proxyFor("https://api.tinybird.co"))
                .as("an http proxy tunnels https").map(ProxyConfig::host).contains("http.example");
        assertThat(new MavenSettingsReader(new Settings(), decrypter()).proxyFor("https://api.tinybird.co"))
                .isEmpty();
    }

    @Test
    void nonProxyHostsGoDirectAndProxyPasswordsAreDecrypted() throws Exception {
        Proxy proxy = proxy("corp", "https", "proxy.corp", true);
        proxy.setNonProxyHosts("localhost|*.internal|127.0.0.1");
        proxy.setUsername("me");
        proxy.setPassword(PROXY_PASSWORD);
        Settings settings = new Settings();
        settings.addProxy(proxy);
        MavenSettingsReader reader = new MavenSettingsReader(settings, decrypter());
        assertThat(reader.proxyFor("https://tb.internal")).isEmpty();
        assertThat(reader.proxyFor("http://127.0.0.1:7181")).isEmpty();
        ProxyConfig used = reader.proxyFor("https://api.tinybird.co").orElseThrow();
        assertThat(used.port()).isEqualTo(3128);
        assertThat(used.username()).isEqualTo("me");
        assertThat(used.password()).isEqualTo("proxy-secret");

        assertThatThrownBy(() -> new MavenSettingsReader(settings, decrypter("/nowhere/settings-security.xml"))
                .proxyFor("https://api.tinybird.co"))
                .hasMessageStartingWith("Cannot decrypt the proxy 'corp' of settings.xml");
    }
}
