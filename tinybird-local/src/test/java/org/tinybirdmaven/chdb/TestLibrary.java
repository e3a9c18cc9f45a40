package org.tinybirdmaven.chdb;

import java.nio.file.Path;

/** The real libchdb for engine tests: CHDB_LIBRARY if set, else the per-user cache (downloaded on first use). */
public final class TestLibrary {

    private static Path library;

    private TestLibrary() {
    }

    public static synchronized Path path() {
        if (library == null) {
            library = new ChdbLibraryLocator(null, System.getenv()).locate();
        }
        return library;
    }
}
