package org.tinybirdmaven.client;

/** Progress of a file upload. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (sent, total) -> {};

    /** {@code sent} bytes of the file's {@code total} have been written to the connection. */
    void progress(long sent, long total);
}
