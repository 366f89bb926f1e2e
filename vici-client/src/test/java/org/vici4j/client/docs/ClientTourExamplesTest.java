package org.vici4j.client.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vici4j.client.Subscription;
import org.vici4j.client.ViciClient;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.FakeViciServer;

/** Runs the documentation's examples against the fake server. */
class ClientTourExamplesTest {

    private FakeViciServer server;
    private ViciClient client;

    @BeforeEach
    void start() {
        server = FakeViciServer.start();
        server.command("stats", r -> ViciSection.builder().beginSection("ikesas").add("total", 3).endSection().build());
        server.command("list-sas", r -> {
            r.event("list-sa", ViciSection.builder().beginSection("net").add("state", "ESTABLISHED").endSection().build());
            return ViciSection.empty();
        });
        client = ClientTourExamples.connect(server.uri());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void examplesWork() throws Exception {
        assertThat(ClientTourExamples.version(client)).isEqualTo("charon 5.9.8");
        assertThat(ClientTourExamples.listSas(client)).hasSize(1);
        Subscription s = ClientTourExamples.subscribe(client);
        assertThat(server.registrations("ike-updown")).isEqualTo(1);
        s.close();
        assertThat(ClientTourExamples.alertKnown(client)).isFalse();
        server.command("initiate", r -> ViciSection.builder().add("success", false)
                .add("errmsg", "establishing CHILD_SA 'net' failed").build());
        assertThat(ClientTourExamples.errors(client)).isEqualTo("failed: establishing CHILD_SA 'net' failed");
        server.removeCommand("initiate");
        assertThat(ClientTourExamples.errors(client)).isEqualTo("charon does not know initiate");

        CountDownLatch release = new CountDownLatch(1);
        server.command("initiate", r -> {
            release.await(10, TimeUnit.SECONDS);
            return ViciSection.builder().add("success", true).build();
        });
        var initiate = ClientTourExamples.longInitiate(client); // returns only after stats answered
        assertThat(initiate).isNotDone();
        release.countDown();
        assertThat(client.await(initiate).bool("success")).isTrue();
    }
}
