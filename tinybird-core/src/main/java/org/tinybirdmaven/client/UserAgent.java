package org.tinybirdmaven.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code tinybird-maven-plugin/<version> [extra products] Java/<version>}. */
final class UserAgent {

    /** Written into the jar by the Maven build; absent when running from classes. */
    static final String POM_PROPERTIES = "META-INF/maven/org.tinybirdmaven/tinybird-core/pom.properties";
    static final String UNKNOWN_VERSION = "dev";

    private UserAgent() {}

    static String build(String extraProducts) {
        return "tinybird-maven-plugin/" + version(UserAgent.class.getClassLoader())
                + (extraProducts == null || extraProducts.isBlank() ? "" : " " + extraProducts.trim())
                + " Java/" + System.getProperty("java.version");
    }

    /**
     * The version from the jar's {@code pom.properties}, else the jar manifest's {@code Implementation-Version},
     * else {@value #UNKNOWN_VERSION}.
     */
    static String version(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException e) {
            // An unreadable resource is no worse than a missing one: fall through to the other sources.
        }
        String manifest = UserAgent.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : UNKNOWN_VERSION;
    }
}
