package org.tinybirdmaven.server.datasource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body part by part, streaming each part's content through a fixed 64 KiB buffer
 * so that uploads of any size never sit in memory. Only what the upload needs is supported: part headers (up to
 * {@value #MAX_HEADERS} bytes), {@code Content-Disposition} name and filename, and the closing boundary.
 */
final class MultipartReader {

    /** One part's headers. */
    record Part(String name, String fileName) {}

    static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

    private final InputStream in;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int[] CRLF_SHIFTS = shifts(CRLF);

    /** {@code CRLF--boundary}: what ends a part's content. */
    private final byte[] delimiter;
    private final int[] delimiterShifts;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfStream;
    /** True while the current part's content has not been read to its delimiter. */
    private boolean inContent;
    private boolean finished;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.delimiterShifts = shifts(delimiter);
        this.buffer = new byte[BUFFER_SIZE + delimiter.length];
        // The first boundary is not preceded by CRLF; pretending it is lets one search handle every boundary.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
        inContent = true;
    }

    /** The boundary of a {@code multipart/form-data} content type, or null when it has none. */
    static String boundary(String contentType) {
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /**
     * Moves to the next part, skipping whatever is left of the current one (or the preamble).
     *
     * @return the part's headers, or null after the closing boundary
     * @throws IOException when the body is not well-formed multipart
     */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (inContent) {
            copyTo(OutputStream.nullOutputStream());
        }
        position += delimiter.length;
        require(2);
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return null;
        }
        String headers = readHeaders();
        inContent = true;
        Matcher name = NAME.matcher(headerValue(headers, "content-disposition"));
        Matcher fileName = FILE_NAME.matcher(headerValue(headers, "content-disposition"));
        return new Part(name.find() ? name.group(1) : "", fileName.find() ? fileName.group(1) : null);
    }

    /**
     * Copies the rest of the current part's content to {@code out}.
     *
     * @return the number of bytes copied
     */
    long copyTo(OutputStream out) throws IOException {
        if (!inContent) {
            return 0;
        }
        long copied = 0;
        while (true) {
            int found = indexOf(delimiter, delimiterShifts, position, limit);
            if (found >= 0) {
                out.write(buffer, position, found - position);
                copied += found - position;
                position = found;
                inContent = false;
                return copied;
            }
            // Keep the tail that could be the start of a delimiter split across two reads.
            int safe = Math.max(position, limit - delimiter.length + 1);
            out.write(buffer, position, safe - position);
            copied += safe - position;
            position = safe;
            if (!fill()) {
                throw new IOException("Malformed multipart body: the closing boundary is missing");
            }
        }
    }

    /** Reads the header block that follows a boundary line, up to and including the empty line. */
    private String readHeaders() throws IOException {
        int lineEnd = skipToLineEnd();
        position = lineEnd + 2; // transport padding after the boundary is ignored
        StringBuilder headers = new StringBuilder();
        while (true) {
            int end = skipToLineEnd();
            if (end == position) {
                position += 2;
                return headers.toString();
            }
            headers.append(new String(buffer, position, end - position, StandardCharsets.UTF_8)).append('\n');
            position = end + 2;
            if (headers.length() > MAX_HEADERS) {
                throw new IOException("Malformed multipart body: part headers longer than " + MAX_HEADERS + " bytes");
            }
        }
    }

    /** The offset of the next CRLF at or after {@code position}, reading more input as needed. */
    private int skipToLineEnd() throws IOException {
        while (true) {
            int found = indexOf(CRLF, CRLF_SHIFTS, position, limit);
            if (found >= 0) {
                return found;
            }
            if (limit - position > MAX_HEADERS || !fill()) {
                throw new IOException("Malformed multipart body: a part has no header block");
            }
        }
    }

    private static String headerValue(String headers, String name) {
        for (String line : headers.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }

    private void require(int bytes) throws IOException {
        while (limit - position < bytes) {
            if (!fill()) {
                throw new IOException("Malformed multipart body: it ends inside a boundary");
            }
        }
    }

    /** Moves the unread bytes to the start of the buffer and reads more; false at the end of the input. */
    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfStream = true;
            return false;
        }
        limit += read;
        return true;
    }

    /**
     * The first offset in {@code [from, to)} where {@code target} starts, or -1: Boyer-Moore-Horspool, which moves on
     * by up to the target's length at a time, so looking for a boundary of 40 bytes reads about one byte in 40 of a
     * part's content instead of every one (uploads spent a fifth of their time here).
     */
    private int indexOf(byte[] target, int[] shifts, int from, int to) {
        int end = target.length - 1;
        for (int i = from; i + end < to; i += shifts[buffer[i + end] & 0xff]) {
            int j = end;
            while (j >= 0 && buffer[i + j] == target[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
        }
        return -1;
    }

    /** Horspool's table: how far the target may move when the byte under its last position is {@code b}. */
    private static int[] shifts(byte[] target) {
        int[] shifts = new int[256];
        java.util.Arrays.fill(shifts, target.length);
        for (int k = 0; k < target.length - 1; k++) {
            shifts[target[k] & 0xff] = target.length - 1 - k;
        }
        return shifts;
    }
}
