package org.tinybirdmaven.server.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The server's metadata (workspaces, tokens, datasources, pipes), kept in memory and written to
 * {@code catalog.json} in the data directory after every change, so a restarted server finds everything again.
 * Writes go to a temporary file that replaces the old one atomically: a crash never leaves half a catalog.
 */
public final class Catalog {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final CatalogState state;

    private Catalog(Path file, CatalogState state) {
        this.file = file;
        this.state = state;
    }

    /** Loads {@code catalog.json} from {@code dataDir}, or starts empty. */
    public static Catalog open(Path dataDir) {
        Path file = dataDir.resolve("catalog.json");
        try {
            CatalogState state = Files.exists(file) ? MAPPER.readValue(file.toFile(), CatalogState.class)
                    : new CatalogState();
            return new Catalog(file, state);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code reader} under the read lock. */
    public <T> T read(Function<CatalogState, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code writer} under the write lock and saves the catalog afterwards, also when the writer throws (a
     * writer that changed something before failing must not leave memory and disk apart).
     */
    public <T> T write(Function<CatalogState, T> writer) {
        lock.writeLock().lock();
        try {
            return writer.apply(state);
        } finally {
            try {
                save();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private void save() {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(temporary.toFile(), state);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the catalog " + file + ": " + e.getMessage(), e);
        }
    }
}
