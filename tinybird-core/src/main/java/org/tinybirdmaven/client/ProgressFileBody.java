package org.tinybirdmaven.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.core5.http.ContentType;

/**
 * A multipart file part that is read from disk while it is written to the connection, a buffer at a time, so a
 * file of any size is uploaded without being held in memory; reports progress as it goes.
 */
final class ProgressFileBody extends AbstractContentBody {

    private static final int BUFFER = 64 * 1024;
    private static final long REPORT_EVERY = 1024 * 1024;

    private final Path file;
    private final long length;
    private final ProgressListener listener;

    ProgressFileBody(Path file, long length, ProgressListener listener) {
        super(ContentType.APPLICATION_OCTET_STREAM);
        this.file = file;
        this.length = length;
        this.listener = listener;
    }

    @Override
    public String getFilename() {
        return file.getFileName().toString();
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long sent = 0;
        long nextReport = REPORT_EVERY;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                sent += read;
                if (sent >= nextReport) {
                    listener.progress(sent, length);
                    nextReport = sent + REPORT_EVERY;
                }
            }
        }
        listener.progress(sent, length);
    }
}
