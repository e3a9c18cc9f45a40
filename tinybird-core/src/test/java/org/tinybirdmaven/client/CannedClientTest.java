package org.tinybirdmaven.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;

/** A client of a fresh canned-answer server per test, both closed after it. */
abstract class CannedClientTest {

    final CannedServer server;
    final TinybirdClient client;

    CannedClientTest() {
        try {
            server = new CannedServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = Clients.client(server);
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }
}
