package org.vici4j.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.FakeViciServer;

/** Shared fixture of the client tests against a {@link FakeViciServer}: a fresh server per test, closed with its client. */
abstract class FakeServerClientTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    FakeViciServer server;
    ViciClient client;

    @BeforeEach
    void start() {
        server = FakeViciServer.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    /** Connects the test's client to the server with the options of {@code b}. */
    ViciClient client(ViciClientOptions.Builder b) {
        client = ViciClient.connect(b.uri(server.uri()).build());
        return client;
    }

    /** @return {@code {n = i}} */
    static ViciSection n(int i) {
        return ViciSection.builder().add("n", i).build();
    }
}
