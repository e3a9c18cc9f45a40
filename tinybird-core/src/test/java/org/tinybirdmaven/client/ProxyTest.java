package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Maven's proxy settings, applied to this client only. */
class ProxyTest {

    private static final String AUTH = "{\"is_valid\": true, \"is_user\": false}";

    @Test
    void requestsGoThroughTheProxyWhichResolvesTheHost() throws Exception {
        try (CannedServer proxy = new CannedServer();
             TinybirdClient client = Clients.builder("http://api.tinybird.test:7181", new FakeTime(Clients.START))
                     .proxy(ProxyConfig.of("127.0.0.1", proxy.port())).build()) {
            proxy.json(AUTH);
            assertThat(client.auth().valid()).isTrue();
            assertThat(proxy.last().uri()).isEqualTo("http://api.tinybird.test:7181/v0/auth");
            assertThat(proxy.last().header("Authorization")).isEqualTo("Bearer " + Clients.TOKEN);
        }
    }

    @Test
    void proxyCredentialsAnswerTheProxysChallenge() throws Exception {
        try (CannedServer proxy = new CannedServer();
             TinybirdClient client = Clients.builder("http://api.tinybird.test", new FakeTime(Clients.START))
                     .proxy(ProxyConfig.of("127.0.0.1", proxy.port()).withCredentials("proxyuser", "proxy-pw"))
                     .build()) {
            proxy.respond(407, "", "Proxy-Authenticate", "Basic realm=\"corp\"").json(AUTH);
            assertThat(client.auth().valid()).isTrue();
            assertThat(proxy.requests).hasSize(2);
            assertThat(proxy.request(1).header("Proxy-Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("proxyuser:proxy-pw".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void nonProxyHostsAreReachedDirectly() throws Exception {
        try (CannedServer proxy = new CannedServer(); CannedServer target = new CannedServer();
             TinybirdClient client = Clients.builder(target.url(), new FakeTime(Clients.START))
                     .proxy(ProxyConfig.of("127.0.0.1", proxy.port()).withNonProxyHosts("localhost|127.0.*"))
                     .build()) {
            target.json(AUTH);
            client.auth();
            assertThat(target.requests).hasSize(1);
            assertThat(proxy.requests).isEmpty();
        }
    }

    @Test
    void nonProxyHostPatternsFollowMaven() {
        ProxyConfig proxy = ProxyConfig.of("proxy", 3128).withNonProxyHosts("*.internal|localhost, 10.*");
        assertThat(proxy.nonProxyHosts()).containsExactly("*.internal", "localhost", "10.*");
        assertThat(proxy.bypasses("tinybird.INTERNAL")).isTrue();
        assertThat(proxy.bypasses("localhost")).isTrue();
        assertThat(proxy.bypasses("10.1.2.3")).isTrue();
        assertThat(proxy.bypasses("api.tinybird.co")).isFalse();
        assertThat(proxy.bypasses("internal")).isFalse();
        assertThat(ProxyConfig.of("proxy", 3128).withNonProxyHosts(null).bypasses("localhost")).isFalse();
    }

    @Test
    void thePasswordIsNeverPrinted() {
        ProxyConfig proxy = ProxyConfig.of("proxy", 3128).withCredentials("me", "hunter2");
        assertThat(proxy.toString()).isEqualTo("ProxyConfig[me@proxy:3128]").doesNotContain("hunter2");
        assertThat(TinybirdClient.builder("https://api.tinybird.co", () -> "t").proxy(proxy).toString())
                .doesNotContain("hunter2");
    }
}
