package org.tinybirdmaven.server.datasource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An uploaded file, stored in a temporary file that ClickHouse reads directly ({@code file()} table function).
 * Deleted on close.
 *
 * @param file     the stored bytes, exactly as received
 * @param size     their length
 * @param gzip     whether they are gzip-compressed (by their magic bytes); ClickHouse decompresses them
 * @param fileName the multipart part's file name, if any
 */
record Upload(Path file, long size, boolean gzip, String fileName) implements AutoCloseable {

    /** Whether there is no data at all (an empty gzip stream still counts as data). */
    boolean isEmpty() {
        return size == 0;
    }

    /** The compression argument of ClickHouse's {@code file()} table function. */
    String compression() {
        return gzip ? "gzip" : "none";
    }

    /** The content, decompressed, for the few places that look at the start of it (header and schema guessing). */
    InputStream open() throws IOException {
        InputStream in = Files.newInputStream(file);
        return gzip ? new GZIPInputStream(in, MultipartReader.BUFFER_SIZE) : in;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the upload " + file, e);
        }
    }
}
