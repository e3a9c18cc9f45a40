package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAgentTest {

    @TempDir
    Path dir;

    @Test
    void theVersionComesFromThePomPropertiesTheJarCarries() throws Exception {
        Path properties = dir.resolve(UserAgent.POM_PROPERTIES);
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, "groupId=org.tinybirdmaven\nartifactId=tinybird-core\nversion=1.2.3\n");
        try (URLClassLoader jar = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(UserAgent.version(jar)).isEqualTo("1.2.3");
        }
    }

    @Test
    void runningFromClassesFallsBackToAPlaceholder() throws Exception {
        try (URLClassLoader classes = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(UserAgent.version(classes)).isEqualTo(UserAgent.UNKNOWN_VERSION);
        }
    }

    @Test
    void namesThePluginAndJava() {
        assertThat(UserAgent.build("Maven/3.9.9")).startsWith("tinybird-maven-plugin/")
                .endsWith(" Maven/3.9.9 Java/" + System.getProperty("java.version"));
        assertThat(UserAgent.build(null)).matches("tinybird-maven-plugin/\\S+ Java/\\S+");
    }
}
