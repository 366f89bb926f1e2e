package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.vici4j.client.internal.DefaultViciClient;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.FakeViciServer;
import org.vici4j.client.testing.ManualScheduler;

class ViciClientCommandTest extends FakeServerClientTest {

    @Test
    void requestReturnsTheRawResponse() {
        ViciClient c = client(ViciClientOptions.builder());
        ViciSection version = c.await(c.request("version", ViciSection.empty()));
        assertThat(version.string("daemon")).contains("charon");
        assertThat(version.string("version")).contains("5.9.8");
    }

    @Test
    void requestsWorkOverTcpAndOverTheNioTransport() {
        try (FakeViciServer tcp = FakeViciServer.startTcp();
                ViciClient overTcp = ViciClient.connect(tcp.uri());
                ViciClient nio = DefaultViciClient.createWithNio(ViciClientOptions.of(server.uri()))) {
            assertThat(overTcp.await(overTcp.request("version", null)).string("daemon")).contains("charon");
            assertThat(nio.await(nio.request("version", null)).string("daemon")).contains("charon");
        }
    }

    @Test
    void requestMessageReachesTheServer() {
        List<ViciSection> seen = new CopyOnWriteArrayList<>();
        server.command("load-shared", r -> {
            seen.add(r.message());
            return ViciSection.builder().add("success", true).build();
        });
        ViciClient c = client(ViciClientOptions.builder());
        ViciSection msg = ViciSection.builder().add("id", "k1").add("type", "IKE").add("data", "s3cr3t")
                .addList("owners", "a", "b").build();
        assertThat(c.await(c.request("load-shared", msg)).bool("success")).isTrue();
        assertThat(seen).containsExactly(msg);
    }

    @Test
    void unknownCommandFailsWithUnknownCommandException() {
        ViciClient c = client(ViciClientOptions.builder());
        assertThatThrownBy(() -> c.await(c.request("no-such-command", null)))
                .isInstanceOf(UnknownCommandException.class)
                .satisfies(e -> assertThat(((UnknownCommandException) e).command()).isEqualTo("no-such-command"));
        // the connection stays in sync
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void streamedCommandDeliversEventsInOrderAndUnregistersAfterTheResponse() {
        server.command("list-sas", r -> {
            for (int i = 1; i <= 5; i++) {
                r.event("list-sa", n(i));
            }
            return ViciSection.empty();
        });
        ViciClient c = client(ViciClientOptions.builder());
        List<String> seen = new CopyOnWriteArrayList<>();
        StreamedResponse result = c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa",
                e -> seen.add(e.stringOr("n", "?"))));
        assertThat(result.events()).extracting(e -> e.stringOr("n", "?")).containsExactly("1", "2", "3", "4", "5");
        assertThat(seen).containsExactly("1", "2", "3", "4", "5");
        assertThat(server.received()).containsExactly("EVENT_REGISTER list-sa", "CMD_REQUEST list-sas",
                "EVENT_UNREGISTER list-sa");
    }

    @Test
    void forEachStreamedDeliversEveryEventInOrderWithoutKeepingThem() {
        server.command("list-sas", r -> {
            for (int i = 1; i <= 2000; i++) {
                r.event("list-sa", n(i));
            }
            return ViciSection.builder().add("n", "resp").build();
        });
        ViciClient c = client(ViciClientOptions.builder());
        List<String> seen = new CopyOnWriteArrayList<>();
        StreamedResponse result = c.await(c.forEachStreamed("list-sas", ViciSection.empty(), "list-sa",
                e -> seen.add(e.stringOr("n", "?"))));
        assertThat(result.events()).isEmpty();
        assertThat(result.response().stringOr("n", "?")).isEqualTo("resp");
        assertThat(seen).hasSize(2000).startsWith("1", "2", "3").endsWith("1999", "2000");
        assertThat(server.received()).containsExactly("EVENT_REGISTER list-sa", "CMD_REQUEST list-sas",
                "EVENT_UNREGISTER list-sa");
        assertThatThrownBy(() -> c.forEachStreamed("list-sas", ViciSection.empty(), "list-sa", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("onEvent");
    }

    @Test
    void eventsBetweenResponseAndUnregisterConfirmAreNotPartOfTheResultNorOfTheNextCommand() {
        server.command("list-sas", r -> {
            r.event("list-sa", n(1));
            return ViciSection.builder().add("n", "resp").build();
        });
        // like a broadcast raise of the same event racing the unregister: events, then the confirm
        server.hook((conn, p) -> {
            if (p.type() == PacketType.EVENT_UNREGISTER) {
                conn.send(ViciPacket.event("list-sa", n(98)));
                conn.send(ViciPacket.event("list-sa", n(99)));
            }
            return false;
        });
        ViciClient c = client(ViciClientOptions.builder().poolSize(1));
        StreamedResponse result = c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa", null));
        assertThat(result.events()).extracting(e -> e.stringOr("n", "?")).containsExactly("1");
        assertThat(result.response().string("n")).contains("resp");
        server.hook(null);
        // the same (only) connection answers the next command correctly
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
        StreamedResponse again = c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa", null));
        assertThat(again.events()).hasSize(1);
        assertThat(server.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void eventsOfOtherNamesDuringAStreamAreIgnored() {
        server.command("list-sas", r -> {
            r.connection().send(ViciPacket.event("log", n(7)));
            r.event("list-sa", n(1));
            return ViciSection.empty();
        });
        ViciClient c = client(ViciClientOptions.builder());
        StreamedResponse result = c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa", null));
        assertThat(result.events()).hasSize(1);
    }

    @Test
    void streamedWithUnknownEventFailsWithoutSendingTheCommand() {
        server.command("initiate", r -> ViciSection.builder().add("success", true).build());
        ViciClient c = client(ViciClientOptions.builder());
        assertThatThrownBy(() -> c.await(c.streamed("initiate", ViciSection.empty(), "alert", null)))
                .isInstanceOf(UnknownEventException.class)
                .satisfies(e -> assertThat(((UnknownEventException) e).event()).isEqualTo("alert"));
        assertThat(server.received()).containsExactly("EVENT_REGISTER alert");
    }

    @Test
    void streamedUnknownCommandStillUnregisters() {
        ViciClient c = client(ViciClientOptions.builder().poolSize(1));
        assertThatThrownBy(() -> c.await(c.streamed("list-nothing", ViciSection.empty(), "list-sa", null)))
                .isInstanceOf(UnknownCommandException.class);
        assertThat(server.received()).containsExactly("EVENT_REGISTER list-sa", "CMD_REQUEST list-nothing",
                "EVENT_UNREGISTER list-sa");
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void streamConsumerFailureFailsTheFutureAfterTheExchange() {
        server.command("list-sas", r -> {
            r.event("list-sa", n(1));
            return ViciSection.empty();
        });
        ViciClient c = client(ViciClientOptions.builder().poolSize(1));
        assertThatThrownBy(() -> c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa", e -> {
            throw new IllegalStateException("consumer broke");
        }))).isInstanceOf(IllegalStateException.class).hasMessage("consumer broke");
        assertThat(server.received()).endsWith("EVENT_UNREGISTER list-sa");
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void connectionLostMidCommandFailsWithConnectionLostAndTheNextRequestReconnects() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        server.command("initiate", r -> {
            inHandler.countDown();
            r.connection().close();
            return null;
        });
        ViciClient c = client(ViciClientOptions.builder());
        CompletableFuture<ViciSection> f = c.request("initiate", ViciSection.empty());
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> c.await(f)).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("initiate");
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void serverThatStopsAnsweringTimesOutAndTheConnectionIsDiscarded() throws Exception {
        ManualScheduler time = new ManualScheduler();
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch answerLate = new CountDownLatch(1);
        server.command("stats", r -> {
            received.countDown();
            answerLate.await(10, TimeUnit.SECONDS);
            return ViciSection.builder().add("late", "yes").build();
        });
        ViciClient c = client(ViciClientOptions.builder().scheduler(time).poolSize(1)
                .requestTimeout(Duration.ofSeconds(5)));
        CompletableFuture<ViciSection> f = c.request("stats", null);
        assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
        time.advance(Duration.ofSeconds(4));
        assertThat(f).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> c.await(f)).isInstanceOf(ViciTimeoutException.class)
                .hasMessageContaining("stats").hasMessageContaining("PT5S");
        // the only pooled connection is still busy with 'stats' on the server side: the client must replace it
        ViciSection v = c.await(c.request("version", null));
        assertThat(v.string("daemon")).contains("charon");
        assertThat(server.acceptedConnections()).isEqualTo(2);
        answerLate.countDown(); // the late answer goes to the discarded connection
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void streamedCommandThatNeverAnswersTimesOutAndTheConnectionIsDiscarded() {
        ManualScheduler time = new ManualScheduler();
        server.command("list-sas", r -> {
            r.event("list-sa", n(1));
            return null; // never answers
        });
        ViciClient c = client(ViciClientOptions.builder().scheduler(time).poolSize(1)
                .requestTimeout(Duration.ofSeconds(5)));
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<StreamedResponse> f = c.streamed("list-sas", ViciSection.empty(), "list-sa",
                e -> seen.add(e.stringOr("n", "?")));
        server.awaitReceived("CMD_REQUEST list-sas", 1, WAIT);
        time.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.await(f)).isInstanceOf(ViciTimeoutException.class).hasMessageContaining("list-sas");
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
        assertThat(server.acceptedConnections()).isEqualTo(2);
        assertThat(server.received()).doesNotContain("EVENT_UNREGISTER list-sa"); // the connection was dropped instead
    }

    @Test
    void requestWaitingForAPooledConnectionTimesOutToo() throws Exception {
        ManualScheduler time = new ManualScheduler();
        CountDownLatch release = new CountDownLatch(1);
        server.command("initiate", r -> {
            release.await(10, TimeUnit.SECONDS);
            return ViciSection.empty();
        });
        ViciClient c = client(ViciClientOptions.builder().scheduler(time).poolSize(1)
                .requestTimeout(Duration.ofSeconds(30)));
        ViciCommands longer = c.withTimeout(Duration.ofMinutes(5));
        CompletableFuture<ViciSection> slow = longer.request("initiate", null);
        server.awaitReceived("CMD_REQUEST initiate", 1, WAIT);
        CompletableFuture<ViciSection> queued = c.request("version", null);
        time.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> c.await(queued)).isInstanceOf(ViciTimeoutException.class);
        assertThat(slow).isNotDone(); // it has its own, longer timeout
        release.countDown();
        assertThat(c.await(slow)).isEqualTo(ViciSection.empty());
        assertThat(server.received()).doesNotContain("CMD_REQUEST version");
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void aLongRequestDoesNotDelayOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.command("initiate", r -> {
            release.await(10, TimeUnit.SECONDS);
            return ViciSection.builder().add("success", true).build();
        });
        ViciClient c = client(ViciClientOptions.builder());
        CompletableFuture<ViciSection> slow = c.request("initiate", null);
        server.awaitReceived("CMD_REQUEST initiate", 1, WAIT);
        for (int i = 0; i < 5; i++) {
            assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
        }
        assertThat(slow).isNotDone();
        release.countDown();
        assertThat(c.await(slow).bool("success")).isTrue();
    }

    @Test
    void poolIsBoundedAndWaitingRequestsRunInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        server.command("slow", r -> {
            release.await(10, TimeUnit.SECONDS);
            return ViciSection.empty();
        });
        server.command("mark", r -> {
            order.add(r.message().stringOr("n", "?"));
            return ViciSection.empty();
        });
        ViciClient c = client(ViciClientOptions.builder().poolSize(2));
        CompletableFuture<ViciSection> s1 = c.request("slow", null);
        CompletableFuture<ViciSection> s2 = c.request("slow", null);
        server.awaitReceived("CMD_REQUEST slow", 2, WAIT);
        List<CompletableFuture<ViciSection>> marks = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            marks.add(c.request("mark", n(i)));
        }
        assertThat(server.acceptedConnections()).isEqualTo(2);
        assertThat(marks).allMatch(f -> !f.isDone());
        release.countDown();
        CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        c.await(s1);
        c.await(s2);
        assertThat(server.acceptedConnections()).isEqualTo(2);
        assertThat(((DefaultViciClient) c).openCommandConnections()).isLessThanOrEqualTo(2);
        assertThat(order).containsExactlyInAnyOrder("1", "2", "3", "4");
    }

    @Test
    void concurrentRequestsFromManyThreadsAllGetTheirOwnResponse() throws Exception {
        server.command("echo", r -> r.message());
        ViciClient c = client(ViciClientOptions.builder().poolSize(3));
        List<CompletableFuture<ViciSection>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(c.request("echo", n(i)));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(futures.get(i).get(10, TimeUnit.SECONDS).string("n")).contains(String.valueOf(i));
        }
        assertThat(server.acceptedConnections()).isLessThanOrEqualTo(3);
    }

    @Test
    void garbageFromTheServerFailsTheRequestWithProtocolException() {
        server.command("stats", r -> {
            // a frame of 5 bytes whose packet type 42 does not exist
            r.connection().sendRaw(new byte[] {0, 0, 0, 5, 42, 0, 0, 0, 0});
            return null;
        });
        ViciClient c = client(ViciClientOptions.builder());
        assertThatThrownBy(() -> c.await(c.request("stats", null))).isInstanceOf(ProtocolException.class);
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void aStrayResponseClosesTheConnectionAndIsNeverTakenAsTheReplyToTheNextRequest() {
        server.command("stats", r -> {
            r.connection().send(ViciPacket.response(ViciSection.builder().add("n", "first").build()));
            return ViciSection.builder().add("n", "stray").build(); // a second answer to one request
        });
        ViciClient c = client(ViciClientOptions.builder().poolSize(1));
        assertThat(c.await(c.request("stats", null)).string("n")).contains("first");
        // the stray answer arrives with no request pending: the client closes the connection rather than keep it out
        // of sync (a request sent before the stray arrived could not be told from it: VICI answers carry no ids, so
        // the test waits until the stray has arrived and been acted on, i.e. the server sees the connection closed)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.connections().isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(5);
        }
        assertThat(server.connections()).as("the connection that carried the stray answer is closed").isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
        }
        assertThat(server.acceptedConnections()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void messageOverTheProtocolLimitsFailsWithProtocolExceptionAndNothingReachesCharon() {
        server.command("load-cert", r -> ViciSection.builder().add("success", true).build());
        ViciClient c = client(ViciClientOptions.builder());
        byte[] huge = new byte[70_000]; // a VICI value holds at most 65535 bytes
        assertThatThrownBy(() -> c.await(c.request("load-cert", ViciSection.builder().add("data", huge).build())))
                .isInstanceOf(ProtocolException.class);
        assertThat(server.received()).doesNotContain("CMD_REQUEST load-cert");
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void closeFailsPendingRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.command("initiate", r -> {
            release.await(10, TimeUnit.SECONDS);
            return ViciSection.empty();
        });
        ViciClient c = client(ViciClientOptions.builder());
        CompletableFuture<ViciSection> f = c.request("initiate", null);
        server.awaitReceived("CMD_REQUEST initiate", 1, WAIT);
        c.close();
        assertThatThrownBy(() -> c.await(f)).isInstanceOf(ViciConnectionException.class);
        assertThatThrownBy(() -> c.await(c.request("version", null))).isInstanceOf(ViciConnectionException.class)
                .hasMessageContaining("closed");
        release.countDown();
    }

    @Test
    void awaitUnwrapsAndKeepsTheInterruptFlag() {
        ViciClient c = client(ViciClientOptions.builder());
        CompletableFuture<String> failed = CompletableFuture.failedFuture(new CommandFailedException("initiate",
                "establishing CHILD_SA 'net' failed", List.of(), ViciSection.empty()));
        assertThatThrownBy(() -> c.await(failed)).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("establishing CHILD_SA 'net' failed");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> c.await(new CompletableFuture<>())).isInstanceOf(ViciException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
