package org.tinybirdmaven.server.datasource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;

/**
 * Receives the data of an import request into a temporary file, streaming: a multipart part (the field name selects
 * the format, as in Tinybird) or a raw body. Raw bodies follow Tinybird's rules: they need a Content-Length (411) and
 * may not exceed {@value #MAX_RAW_BODY_MB} MB (413); multipart bodies have no limit.
 */
final class Uploads {

    static final int MAX_RAW_BODY_MB = 8;
    private static final long MAX_RAW_BODY = MAX_RAW_BODY_MB * 1024L * 1024L;
    private static final long MAX_DISCARD = 16L * 1024 * 1024;

    private final Path directory;
    private final String baseUrl;

    /** Uses {@code directory} for the temporary files, removing any left there by a previous run. */
    Uploads(Path directory, String baseUrl) {
        this.directory = directory;
        this.baseUrl = baseUrl;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> stale = Files.list(directory)) {
                for (Path file : stale.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the upload directory " + directory, e);
        }
    }

    /**
     * Stores the request's data.
     *
     * @param fields the multipart field names that carry data; other parts are skipped
     * @return the upload, or null when the request carries no data (no body, a form body, or no part with one of
     *     {@code fields})
     */
    Upload receive(ApiRequest request, Set<String> fields) {
        if (request.isMultipart()) {
            return receiveMultipart(request, fields);
        }
        if (request.isForm()) {
            return null;
        }
        boolean chunked = request.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false);
        if (chunked) {
            throw new ApiException(411, "Add a valid Content-Length header containing the length of the message-body");
        }
        long length = request.header("Content-Length").map(Uploads::parseLength).orElse(0L);
        if (length > MAX_RAW_BODY) {
            throw new ApiException(413, "The message-body is too large. For requests larger than " + MAX_RAW_BODY_MB
                    + "MB, you should use a multipart/form-data request. Use curl -F csv=@file.csv \"" + baseUrl
                    + "/v0/datasources\".");
        }
        if (length == 0) {
            return null;
        }
        return store(request.bodyStream(), null);
    }

    /** Stores a whole body (the Events API, whose body is the NDJSON itself). */
    Upload receiveBody(InputStream body) {
        return store(body, null);
    }

    private Upload receiveMultipart(ApiRequest request, Set<String> fields) {
        String boundary = MultipartReader.boundary(request.contentType());
        if (boundary == null) {
            throw ApiException.badRequest("Malformed multipart body: the Content-Type has no boundary");
        }
        MultipartReader reader = new MultipartReader(request.bodyStream(), boundary);
        try {
            for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                if (fields.contains(part.name())) {
                    Upload upload = store(reader, part.fileName());
                    // Drain the rest so the connection can be reused.
                    while (reader.next() != null) {
                        reader.copyTo(OutputStream.nullOutputStream());
                    }
                    return upload;
                }
            }
            return null;
        } catch (IOException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private Upload store(MultipartReader reader, String fileName) throws IOException {
        Path file = newFile();
        try (OutputStream out = Files.newOutputStream(file)) {
            long size = reader.copyTo(out);
            return new Upload(file, size, isGzip(file, size), fileName);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private Upload store(InputStream body, String fileName) {
        Path file = newFile();
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(file)) {
                size = body.transferTo(out);
            }
            return new Upload(file, size, isGzip(file, size), fileName);
        } catch (IOException e) {
            deleteQuietly(file);
            throw ApiException.badRequest("Could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Reads and drops what is left of a request body, up to {@value #MAX_DISCARD} bytes, so that an error answered
     * before the upload was read leaves the connection usable for the client's next request; a longer body makes the
     * server close the connection instead.
     */
    static void discard(ApiRequest request) {
        byte[] buffer = new byte[8192];
        long left = MAX_DISCARD;
        try {
            InputStream body = request.bodyStream();
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        } catch (IOException e) {
            // The client went away; there is no connection left to keep usable.
        }
    }

    private Path newFile() {
        return directory.resolve(Ids.uuid() + ".upload");
    }

    private static boolean isGzip(Path file, long size) throws IOException {
        if (size < 2) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(411, "Add a valid Content-Length header containing the length of the message-body");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The directory is emptied on the next start anyway.
        }
    }
}
