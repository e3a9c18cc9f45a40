package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart uploads of fixture files, streamed from disk. */
class AppendFileTest extends CannedClientTest {

    private static final String IMPORTED = "{\"import_id\": \"imp1\", \"datasource\": {\"id\": \"t_1\", \"name\": "
            + "\"events\"}, \"quarantine_rows\": 0, \"invalid_lines\": 0, \"error\": false}";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void sendsTheFileAsAMultipartFieldNamedAfterTheFormatWithParametersInTheQuery() throws IOException {
        Path csv = file("events.csv", "1,click\n2,view\n");
        server.json(IMPORTED);
        List<long[]> progress = new ArrayList<>();
        AppendResult result = client.appendFile("events", AppendMode.REPLACE, DataFormat.CSV, csv,
                (sent, total) -> progress.add(new long[] {sent, total}));

        CannedServer.Recorded request = server.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/v0/datasources?mode=replace&name=events&format=csv");
        assertThat(request.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(request.header("Content-Length")).as("the length is known: no chunking")
                .isEqualTo(Long.toString(request.bodyLength()));
        assertThat(request.text()).contains("Content-Disposition: form-data; name=\"csv\"; filename=\"events.csv\"")
                .contains("\r\n\r\n1,click\n2,view\n\r\n--");
        assertThat(progress).hasSize(1);
        assertThat(progress.get(0)).containsExactly(15, 15);
        assertThat(result.importId()).isEqualTo("imp1");
        assertThat(result.error()).isNull();
        assertThat(result.datasource().name()).isEqualTo("events");
    }

    @Test
    void ndjsonGoesInTheNdjsonField() throws IOException {
        server.json(IMPORTED);
        client.appendFile("events", AppendMode.APPEND, DataFormat.NDJSON, file("e.ndjson", "{\"a\":1}\n"), null);
        assertThat(server.last().query()).containsEntry("format", List.of("ndjson"));
        assertThat(server.last().text()).contains("name=\"ndjson\"; filename=\"e.ndjson\"");
    }

    @Test
    void aRateLimitedUploadIsSentAgainWhole() throws IOException {
        Path csv = file("events.csv", "1,click\n".repeat(1000));
        server.respond(429, "{\"error\": \"Too many requests\"}", "Retry-After", "1").json(IMPORTED);
        client.appendFile("events", AppendMode.APPEND, DataFormat.CSV, csv, null);
        assertThat(server.requests).hasSize(2);
        assertThat(server.request(1).bodyLength()).isEqualTo(server.request(0).bodyLength())
                .isGreaterThan(Files.size(csv));
    }

    @Test
    void quarantinedRowsFailWithTinybirdsSummaryAndTheCounts() throws IOException {
        server.respond(400, "{\"import_id\": \"imp2\", \"error\": \"There was an error with file contents: 2 row(s) "
                + "in quarantine and 1 invalid line(s).\", \"quarantine_rows\": 2, \"invalid_lines\": 1}");
        assertThatThrownBy(() -> client.appendFile("events", AppendMode.APPEND, DataFormat.CSV,
                file("events.csv", "x\n"), null)).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Could not append events.csv into datasource 'events': "
                            + "There was an error with file contents: 2 row(s) in quarantine and 1 invalid line(s).");
                    assertThat(AppendResult.from(e.body()).quarantineRows()).isEqualTo(2);
                });
    }

    @Test
    void aMissingFileFailsBeforeAnyRequest() {
        assertThatThrownBy(() -> client.appendFile("events", AppendMode.APPEND, DataFormat.CSV,
                dir.resolve("missing.csv"), null)).isExactlyInstanceOf(TinybirdClientException.class)
                .hasMessageStartingWith("Could not append missing.csv into datasource 'events': cannot read ")
                .hasMessageEndingWith("Perhaps you should check that the file exists and is readable");
        assertThat(server.requests).isEmpty();
    }

    /**
     * A 50 MB file is uploaded by a JVM whose whole heap is 32 MB: it only works if the file is streamed. (Reading
     * it into memory fails with an OutOfMemoryError.)
     */
    @Test
    void aFileLargerThanTheHeapIsStreamed() throws Exception {
        Path big = dir.resolve("big.csv");
        byte[] line = "2025-01-01 00:00:00,some event payload that is long enough,42\n".getBytes(
                StandardCharsets.US_ASCII);
        byte[] block = new byte[line.length * 1024];
        for (int i = 0; i < 1024; i++) {
            System.arraycopy(line, 0, block, i * line.length, line.length);
        }
        long size = 0;
        try (OutputStream out = Files.newOutputStream(big)) {
            while (size < 50L * 1024 * 1024) {
                out.write(block);
                size += block.length;
            }
        }
        server.json(IMPORTED);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(Arrays.asList(java.toString(), "-Xmx32m", "-cp", classpath,
                UploadProbe.class.getName(), server.url(), big.toString())).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("imported imp1");
        assertThat(server.last().bodyLength()).isGreaterThan(size).isLessThan(size + 1024);
    }
}
