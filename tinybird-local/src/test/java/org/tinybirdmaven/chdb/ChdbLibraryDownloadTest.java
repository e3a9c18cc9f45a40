package org.tinybirdmaven.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real thing: the per-user cache, filled by `npm pack` from the registry on the first run on a machine. */
class ChdbLibraryDownloadTest {

    @Test
    void locatesTheRealLibraryInTheUserCache() throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(ChdbLibraryLocator.LIBRARY_ENV);
        ChdbLibraryLocator locator = new ChdbLibraryLocator(null, env);

        Path library = locator.locate();

        assertThat(library).isEqualTo(locator.cachedLibrary());
        String platform = ChdbLibraryLocator.platformOf(System.getProperty("os.name"), System.getProperty("os.arch"))
                .orElseThrow();
        assertThat(library.toString()).endsWith("/tinybird-maven-plugin/chdb/" + ChdbLibraryLocator.DEFAULT_VERSION
                + "/" + platform + "/libchdb.so");
        assertThat(Files.size(library)).isGreaterThan(100L * 1024 * 1024);
        try (InputStream in = Files.newInputStream(library)) {
            byte[] magic = in.readNBytes(4);
            if (platform.startsWith("linux")) {
                assertThat(magic).containsExactly(0x7f, 'E', 'L', 'F');
            } else {
                assertThat(magic).containsExactly(0xcf, 0xfa, 0xed, 0xfe); // 64-bit Mach-O, little-endian
            }
        }
    }
}
