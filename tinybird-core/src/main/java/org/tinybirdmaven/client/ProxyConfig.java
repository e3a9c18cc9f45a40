package org.tinybirdmaven.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for the client only (nothing JVM-wide is set), as Maven's {@code <proxy>} in settings.xml
 * describes it: host and port, optional credentials, and hosts reached directly.
 *
 * @param nonProxyHosts host patterns reached without the proxy; {@code *} matches any characters
 *                      ({@code *.internal}, {@code localhost}); case-insensitive
 */
public record ProxyConfig(String host, int port, String username, String password, List<String> nonProxyHosts) {

    public ProxyConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be between 1 and 65535, was " + port);
        }
        nonProxyHosts = List.copyOf(nonProxyHosts);
    }

    public static ProxyConfig of(String host, int port) {
        return new ProxyConfig(host, port, null, null, List.of());
    }

    public ProxyConfig withCredentials(String username, String password) {
        return new ProxyConfig(host, port, username, password, nonProxyHosts);
    }

    /** Maven's format: patterns separated by {@code |} (commas are accepted too). */
    public ProxyConfig withNonProxyHosts(String mavenNonProxyHosts) {
        List<String> patterns = new ArrayList<>();
        if (mavenNonProxyHosts != null) {
            for (String pattern : mavenNonProxyHosts.split("[|,]")) {
                if (!pattern.isBlank()) {
                    patterns.add(pattern.trim());
                }
            }
        }
        return new ProxyConfig(host, port, username, password, patterns);
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** Whether requests to {@code targetHost} go around the proxy. */
    public boolean bypasses(String targetHost) {
        String target = targetHost.toLowerCase(Locale.ROOT);
        for (String pattern : nonProxyHosts) {
            String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
            if (target.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "ProxyConfig[" + (hasCredentials() ? username + "@" : "") + host + ":" + port
                + (nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts=" + String.join("|", nonProxyHosts)) + "]";
    }
}
