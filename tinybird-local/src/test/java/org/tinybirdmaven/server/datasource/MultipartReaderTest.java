package org.tinybirdmaven.server.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming multipart reader: parts, boundaries split across reads, and bounded memory. */
class MultipartReaderTest {

    private static final String BOUNDARY = "xYzBoundary";

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryPartWithItsNameAndFileName() throws IOException {
        String body = "preamble\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"a.csv\"\r\nContent-Type:"
                + " text/csv\r\n\r\n1,a\r\n2,b\r\n\r\n--" + BOUNDARY + "--\r\n";
        MultipartReader reader = new MultipartReader(stream(body), BOUNDARY);
        MultipartReader.Part first = reader.next();
        assertThat(first).isEqualTo(new MultipartReader.Part("note", null));
        MultipartReader.Part second = reader.next();
        assertThat(second).isEqualTo(new MultipartReader.Part("csv", "a.csv"));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        reader.copyTo(content);
        assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo("1,a\r\n2,b\r\n");
        assertThat(reader.next()).isNull();
    }

    @Test
    void theBoundaryIsFoundWhenReadsSplitIt() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\n" + "x".repeat(70_000)
                + "\r\n--" + BOUNDARY + "--";
        // One byte per read puts every possible split point of the delimiter at a buffer edge.
        InputStream trickle = new FilterInputStream(stream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        MultipartReader reader = new MultipartReader(trickle, BOUNDARY);
        reader.next();
        assertThat(reader.copyTo(OutputStream.nullOutputStream())).isEqualTo(70_000);
        assertThat(reader.next()).isNull();
    }

    @Test
    void contentThatAlmostHoldsTheBoundaryIsKeptWhole() throws IOException {
        // Near misses of every length, at every offset modulo the boundary's length, and a real one right after.
        StringBuilder content = new StringBuilder();
        String delimiter = "\r\n--" + BOUNDARY;
        for (int length = 1; length < delimiter.length(); length++) {
            content.append("x".repeat(length % 7)).append(delimiter, 0, length).append('!');
        }
        content.append("--").append(BOUNDARY).append("\r\n\r--").append(BOUNDARY).append("\n\r\n-").append(BOUNDARY);
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\n" + content
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"next\"\r\n\r\nz\r\n--"
                + BOUNDARY + "--";
        MultipartReader reader = new MultipartReader(stream(body), BOUNDARY);
        reader.next();
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        reader.copyTo(copied);
        assertThat(copied.toString(StandardCharsets.UTF_8)).isEqualTo(content.toString());
        assertThat(reader.next()).isEqualTo(new MultipartReader.Part("next", null));
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsRejected() throws IOException {
        MultipartReader reader = new MultipartReader(stream("--" + BOUNDARY + "\r\nContent-Disposition: form-data;"
                + " name=\"csv\"\r\n\r\n1,2,3"), BOUNDARY);
        reader.next();
        assertThatThrownBy(() -> reader.copyTo(OutputStream.nullOutputStream())).isInstanceOf(IOException.class)
                .hasMessage("Malformed multipart body: the closing boundary is missing");
    }

    @Test
    void theBoundaryComesFromTheContentType() {
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"a b\"; charset=x")).isEqualTo("a b");
        assertThat(MultipartReader.boundary("multipart/form-data")).isNull();
    }

    @Test
    void aLargeUploadStreamsThroughAFixedBufferWithoutEverReadingItWhole() throws IOException {
        long rows = 200_000;
        InputStream parts = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                stream("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"big.csv\"\r\n\r\n"),
                new DatasourceImportTest.GeneratedCsv((int) rows), stream("\r\n--" + BOUNDARY + "--\r\n"))));
        GuardedStream guarded = new GuardedStream(parts);
        MultipartReader reader = new MultipartReader(guarded, BOUNDARY);
        reader.next();
        CountingSink sink = new CountingSink();
        long copied = reader.copyTo(sink);
        assertThat(copied).isEqualTo(sink.bytes).isGreaterThan(8_000_000);
        assertThat(sink.lines).isEqualTo(rows);
        assertThat(guarded.largestRead).as("never asks for more than its buffer").isLessThanOrEqualTo(
                MultipartReader.BUFFER_SIZE + BOUNDARY.length() + 4);
    }

    /** Fails on the calls that would load a whole body into memory, and records the largest read asked for. */
    private static final class GuardedStream extends FilterInputStream {
        int largestRead;

        GuardedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            largestRead = Math.max(largestRead, len);
            return super.read(b, off, len);
        }

        @Override
        public byte[] readAllBytes() {
            throw new AssertionError("readAllBytes called on an upload");
        }

        @Override
        public byte[] readNBytes(int len) {
            throw new AssertionError("readNBytes called on an upload");
        }
    }

    private static final class CountingSink extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            lines += b == '\n' ? 1 : 0;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                lines += b[i] == '\n' ? 1 : 0;
            }
        }
    }
}
