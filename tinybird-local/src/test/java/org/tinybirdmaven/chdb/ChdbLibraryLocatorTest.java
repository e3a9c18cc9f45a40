package org.tinybirdmaven.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution order and failure messages, with fake files and a fake npm; no network. */
class ChdbLibraryLocatorTest {

    private static final String FAKE_LIBRARY = "not really an ELF file";

    @TempDir
    Path temp;

    @Test
    void configuredPathWinsOverEnvironmentAndCache() throws IOException {
        Path configured = fakeFile("configured/libchdb.so");
        Map<String, String> env = env(fakeFile("env/libchdb.so"));
        fillCache(env);

        assertThat(locator(configured, env).locate()).isEqualTo(configured);
    }

    @Test
    void environmentVariableWinsOverCache() throws IOException {
        Path fromEnv = fakeFile("env/libchdb.so");
        Map<String, String> env = env(fromEnv);
        fillCache(env);

        assertThat(locator(null, env).locate()).isEqualTo(fromEnv);
    }

    @Test
    void cacheHitNeedsNoNpm() throws IOException {
        Map<String, String> env = env(null);
        Path cached = fillCache(env);

        ChdbLibraryLocator locator = new ChdbLibraryLocator(null, env, "26.5.3", "Linux", "amd64", "/no/such/npm");

        assertThat(locator.locate()).isEqualTo(cached);
        assertThat(cached).isEqualTo(temp.resolve("cache/tinybird-maven-plugin/chdb/26.5.3/linux-x64-gnu/libchdb.so"));
    }

    @Test
    void relativeXdgCacheHomeIsIgnored() {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", "relative/cache", "HOME", temp.toString());

        assertThat(locator(null, env).cachedLibrary())
                .isEqualTo(temp.resolve(".cache/tinybird-maven-plugin/chdb/26.5.3/linux-x64-gnu/libchdb.so"));
    }

    @Test
    void missingConfiguredPathIsAnErrorNotAFallThrough() throws IOException {
        Path missing = temp.resolve("nowhere/libchdb.so");
        Map<String, String> env = env(fakeFile("env/libchdb.so"));

        assertThatThrownBy(() -> locator(missing, env).locate())
                .isInstanceOf(ChdbLibraryException.class)
                .hasMessageContaining("configured chDB library")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void missingEnvironmentPathIsAnError() {
        Path missing = temp.resolve("nowhere/libchdb.so");

        assertThatThrownBy(() -> locator(null, env(missing)).locate())
                .isInstanceOf(ChdbLibraryException.class)
                .hasMessageContaining("CHDB_LIBRARY")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void mapsPlatformsToNpmPackageNames() {
        assertThat(ChdbLibraryLocator.platformOf("Linux", "amd64")).contains("linux-x64-gnu");
        assertThat(ChdbLibraryLocator.platformOf("Linux", "aarch64")).contains("linux-arm64-gnu");
        assertThat(ChdbLibraryLocator.platformOf("Mac OS X", "x86_64")).contains("darwin-x64");
        assertThat(ChdbLibraryLocator.platformOf("Mac OS X", "aarch64")).contains("darwin-arm64");
        assertThat(ChdbLibraryLocator.platformOf("Windows 11", "amd64")).isEmpty();
        assertThat(ChdbLibraryLocator.platformOf("Linux", "riscv64")).isEmpty();
    }

    @Test
    void unsupportedPlatformExplainsWhatToDo() {
        ChdbLibraryLocator locator = new ChdbLibraryLocator(null, env(null), "26.5.3", "SunOS", "sparcv9", "npm");

        assertThatThrownBy(locator::locate)
                .isInstanceOf(ChdbLibraryException.class)
                .hasMessageContaining("os.name=SunOS, os.arch=sparcv9")
                .hasMessageContaining("linux-x64-gnu")
                .hasMessageContaining("CHDB_LIBRARY");
    }

    @Test
    void configuredPathWorksOnUnsupportedPlatforms() throws IOException {
        Path configured = fakeFile("configured/libchdb.so");

        assertThat(new ChdbLibraryLocator(configured, env(null), "26.5.3", "SunOS", "sparcv9", "npm").locate())
                .isEqualTo(configured);
    }

    @Test
    void downloadsWithNpmPackExtractsAndMovesIntoTheCache() throws IOException {
        Map<String, String> env = env(null);
        Path tarball = tarball(true);
        env.put("FAKE_TARBALL", tarball.toString());
        Path npm = fakeNpm("[ \"$1 $2\" = \"pack @chdb/lib-linux-x64-gnu@26.5.3\" ] || { echo \"bad args: $*\"; exit 9; }\n"
                + "cp \"$FAKE_TARBALL\" ./chdb-lib-linux-x64-gnu-26.5.3.tgz\n");
        ChdbLibraryLocator locator = new ChdbLibraryLocator(null, env, "26.5.3", "Linux", "amd64", npm.toString());
        Path abandoned = Files.createDirectories(locator.cachedLibrary().resolveSibling("download-123/package"));

        Path located = locator.locate();

        assertThat(located).isEqualTo(locator.cachedLibrary());
        assertThat(located).hasContent(FAKE_LIBRARY);
        assertThat(Files.isExecutable(located)).isTrue();
        assertThat(abandoned.getParent()).doesNotExist();
        try (Stream<Path> siblings = Files.list(located.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("libchdb.so", ".lock");
        }
    }

    @Test
    void tarballWithoutTheLibraryIsReported() throws IOException {
        Map<String, String> env = env(null);
        env.put("FAKE_TARBALL", tarball(false).toString());
        Path npm = fakeNpm("cp \"$FAKE_TARBALL\" ./x.tgz\n");
        ChdbLibraryLocator locator = new ChdbLibraryLocator(null, env, "26.5.3", "Linux", "amd64", npm.toString());

        assertThatThrownBy(locator::locate)
                .isInstanceOf(ChdbLibraryException.class)
                .hasMessageContaining("does not contain libchdb.so");
        assertThat(locator.cachedLibrary()).doesNotExist();
    }

    @Test
    void missingNpmNamesEverythingThatWasTried() {
        ChdbLibraryLocator locator = new ChdbLibraryLocator(null, env(null), "26.5.3", "Linux", "amd64",
                temp.resolve("bin/npm").toString());

        assertThatThrownBy(locator::locate)
                .isInstanceOf(ChdbLibraryException.class)
                .hasMessageContaining("npm could not be started")
                .hasMessageContaining("CHDB_LIBRARY (not set)")
                .hasMessageContaining(locator.cachedLibrary().toString())
                .hasMessageContaining("npm pack @chdb/lib-linux-x64-gnu@26.5.3");
    }

    /** Real npm against a closed loopback port stands in for a machine without network access. */
    @Test
    void offlineNpmReportsNpmsOwnOutput() throws IOException {
        Map<String, String> env = env(null);
        env.put("npm_config_registry", "http://127.0.0.1:9/");
        env.put("npm_config_fetch_retries", "0");
        env.put("npm_config_cache", Files.createDirectories(temp.resolve("npm-cache")).toString());

        assertThatThrownBy(() -> locator(null, env).locate())
                .isInstanceOf(ChdbLibraryException.class)
                .hasMessageContaining("npm pack exited with")
                .hasMessageContaining("ECONNREFUSED");
    }

    private ChdbLibraryLocator locator(Path configured, Map<String, String> env) {
        return new ChdbLibraryLocator(configured, env, "26.5.3", "Linux", "amd64", "npm");
    }

    private Map<String, String> env(Path chdbLibrary) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", temp.resolve("home").toString());
        env.put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        if (chdbLibrary != null) {
            env.put("CHDB_LIBRARY", chdbLibrary.toString());
        }
        return env;
    }

    private Path fillCache(Map<String, String> env) throws IOException {
        Path cached = locator(null, env).cachedLibrary();
        Files.createDirectories(cached.getParent());
        return Files.writeString(cached, FAKE_LIBRARY);
    }

    private Path fakeFile(String relative) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, FAKE_LIBRARY);
    }

    private Path fakeNpm(String body) throws IOException {
        Path script = temp.resolve("fake-npm");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The layout of the real package: package/{index.js,package.json,chdb_node.node,libchdb.so}. */
    private Path tarball(boolean withLibrary) throws IOException {
        Path tarball = temp.resolve(withLibrary ? "with.tgz" : "without.tgz");
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            addEntry(tar, "package/package.json", "{\"name\":\"@chdb/lib-linux-x64-gnu\"}");
            addEntry(tar, "package/chdb_node.node", "node addon");
            if (withLibrary) {
                addEntry(tar, "package/libchdb.so", FAKE_LIBRARY);
            }
        }
        return tarball;
    }

    private static void addEntry(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
