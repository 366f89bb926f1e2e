package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.RecordingListener;

class ViciClientEventTest extends FakeServerClientTest {

    @Test
    void subscriberReceivesEventsInOrder() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        Subscription s = c.await(c.subscribe("ike-updown", l).registered());
        assertThat(s.events()).containsExactly("ike-updown");
        for (int i = 1; i <= 50; i++) {
            server.raise("ike-updown", n(i));
        }
        List<String> calls = l.next(50, WAIT);
        for (int i = 1; i <= 50; i++) {
            assertThat(calls.get(i - 1)).isEqualTo("event ike-updown " + i);
        }
    }

    @Test
    void oneSubscriptionForSeveralEventsSeesThemInWireOrder() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        c.await(c.subscribe(Set.of("ike-updown", "child-updown"), l).registered());
        server.raise("ike-updown", n(1));
        server.raise("child-updown", n(2));
        server.raise("ike-updown", n(3));
        assertThat(l.next(3, WAIT)).containsExactly("event ike-updown 1", "event child-updown 2", "event ike-updown 3");
        assertThat(server.registrations("ike-updown")).isEqualTo(1);
        assertThat(server.registrations("child-updown")).isEqualTo(1);
    }

    @Test
    void eventsInterleavedWithRegisterConfirmsAreDeliveredInOrder() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener first = new RecordingListener();
        c.await(c.subscribe("log", first).registered());
        // charon raises 'log' events while it handles the next registration, before its confirm
        server.hook((conn, p) -> {
            if (p.type() == PacketType.EVENT_REGISTER && p.name().equals("ike-updown")) {
                conn.send(ViciPacket.event("log", n(1)));
                conn.send(ViciPacket.event("log", n(2)));
            }
            if (p.type() == PacketType.EVENT_UNREGISTER && p.name().equals("ike-updown")) {
                conn.send(ViciPacket.event("log", n(3)));
                conn.send(ViciPacket.event("ike-updown", n(4))); // still registered until the confirm
            }
            return false;
        });
        RecordingListener second = new RecordingListener();
        Subscription s2 = c.await(c.subscribe("ike-updown", second).registered());
        assertThat(first.next(2, WAIT)).containsExactly("event log 1", "event log 2");
        s2.close();
        assertThat(first.next(WAIT)).isEqualTo("event log 3");
        server.awaitReceived("EVENT_UNREGISTER ike-updown", 1, WAIT);
        // the subscription was closed: the stray ike-updown is not delivered, the listener was told
        assertThat(second.next(WAIT)).isEqualTo("closed null");
        server.hook(null);
        server.raise("log", n(5));
        assertThat(first.next(WAIT)).isEqualTo("event log 5");
        assertThat(second.calls()).containsExactly("closed null");
        assertThat(server.registrations("ike-updown")).isZero();
    }

    @Test
    void unknownEventFailsTheSubscriptionWithUnknownEventException() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        Subscription s = c.subscribe("alert", l);
        assertThatThrownBy(() -> c.await(s.registered())).isInstanceOf(UnknownEventException.class)
                .satisfies(e -> assertThat(((UnknownEventException) e).event()).isEqualTo("alert"));
        assertThat(l.next(WAIT)).isEqualTo("closed UnknownEventException");
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void unknownEventInASetUnregistersTheOthers() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        Subscription s = c.subscribe(Set.of("ike-updown", "alert"), l);
        assertThatThrownBy(() -> c.await(s.registered())).isInstanceOf(UnknownEventException.class);
        server.awaitReceived("EVENT_UNREGISTER ike-updown", 1, WAIT);
        assertThat(server.registrations("ike-updown")).isZero();
        // a later subscription to a valid event works on the same event connection
        RecordingListener ok = new RecordingListener();
        c.await(c.subscribe("ike-updown", ok).registered());
        server.raise("ike-updown", n(1));
        assertThat(ok.next(WAIT)).isEqualTo("event ike-updown 1");
        assertThat(server.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void futureEventNamesCanBeSubscribed() {
        server.knownEvents("some-future-event");
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        c.await(c.subscribe("some-future-event", l).registered());
        server.raise("some-future-event", n(1));
        assertThat(l.next(WAIT)).isEqualTo("event some-future-event 1");
    }

    @Test
    void subscriptionsShareOneRegistrationAndUnregisterWithTheLast() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        Subscription sa = c.await(c.subscribe("ike-updown", a).registered());
        Subscription sb = c.await(c.subscribe("ike-updown", b).registered());
        server.raise("ike-updown", n(1));
        assertThat(a.next(WAIT)).isEqualTo("event ike-updown 1");
        assertThat(b.next(WAIT)).isEqualTo("event ike-updown 1");
        assertThat(server.received()).containsOnlyOnce("EVENT_REGISTER ike-updown");
        sa.close();
        server.raise("ike-updown", n(2));
        assertThat(b.next(WAIT)).isEqualTo("event ike-updown 2");
        assertThat(server.received()).doesNotContain("EVENT_UNREGISTER ike-updown");
        sb.close();
        server.awaitReceived("EVENT_UNREGISTER ike-updown", 1, WAIT);
        // onClosed is delivered on the listener's own executor, after close() returned
        assertThat(a.next(WAIT)).isEqualTo("closed null");
        assertThat(a.calls()).containsExactly("event ike-updown 1", "closed null");
    }

    @Test
    void slowListenerIsToldHowManyEventsItMissed() throws Exception {
        ViciClient c = client(ViciClientOptions.builder().eventBufferSize(2));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener slow = new RecordingListener() {
            @Override
            public void onEvent(String name, ViciSection message) {
                super.onEvent(name, message);
                if (message.stringOr("n", "").equals("1")) {
                    entered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        RecordingListener marker = new RecordingListener();
        c.await(c.subscribe("log", slow).registered());
        c.await(c.subscribe("ike-updown", marker).registered());
        server.raise("log", n(1));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 10; i++) {
            server.raise("log", n(i));
        }
        // events are read in order: once the marker arrived, every log event was offered to the slow listener
        server.raise("ike-updown", n(0));
        assertThat(marker.next(WAIT)).isEqualTo("event ike-updown 0");
        release.countDown();
        assertThat(slow.next(4, WAIT)).containsExactly("event log 1", "event log 2", "event log 3", "overflow 7");
        server.raise("log", n(11));
        assertThat(slow.next(WAIT)).isEqualTo("event log 11");
    }

    @Test
    void eventsAreDeliveredWhileALongCommandRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.command("initiate", r -> {
            server.raise("ike-updown", n(1));
            server.raise("child-updown", n(2));
            release.await(10, TimeUnit.SECONDS);
            return ViciSection.builder().add("success", true).build();
        });
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        c.await(c.subscribe(Set.of("ike-updown", "child-updown"), l).registered());
        CompletableFuture<ViciSection> init = c.request("initiate", null);
        assertThat(l.next(2, WAIT)).containsExactly("event ike-updown 1", "event child-updown 2");
        assertThat(init).isNotDone();
        release.countDown();
        assertThat(c.await(init).bool("success")).isTrue();
    }

    @Test
    void withoutReconnectSubscriptionsAreToldTheConnectionClosed() {
        ViciClient c = client(ViciClientOptions.builder().reconnect(false));
        RecordingListener l = new RecordingListener();
        Subscription s = c.await(c.subscribe("ike-updown", l).registered());
        server.dropConnections();
        assertThat(l.next(WAIT)).isEqualTo("closed ConnectionLostException");
        assertThat(l.closeCause()).hasMessageContaining(server.socketPath().toString()).hasMessageContaining("reconnect");
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void reconnectReRegistersAndReportsTheGap() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        // the client reads the clock when it notices the loss, then when the subscriptions are back
        java.util.concurrent.ConcurrentLinkedQueue<Instant> reads = new java.util.concurrent.ConcurrentLinkedQueue<>(
                List.of(t0, t0.plusSeconds(3)));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant next = reads.poll();
                return next != null ? next : t0.plusSeconds(60);
            }
        };
        ViciClient c = client(ViciClientOptions.builder().reconnect(true).clock(clock)
                .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2.0));
        RecordingListener l = new RecordingListener();
        c.await(c.subscribe(Set.of("ike-updown", "log"), l).registered());
        server.stop(); // the daemon goes away
        server.restart();
        l.awaitCall("gap", WAIT);
        assertThat(l.lastGap().lost()).isEqualTo(t0);
        assertThat(l.lastGap().restored()).isEqualTo(t0.plusSeconds(3));
        assertThat(l.lastGap().duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(server.registrations("ike-updown")).isEqualTo(1);
        assertThat(server.registrations("log")).isEqualTo(1);
        server.raise("ike-updown", n(1));
        assertThat(l.next(WAIT)).isEqualTo("event ike-updown 1");
        // commands work again too
        assertThat(c.await(c.request("version", null)).string("daemon")).contains("charon");
    }

    @Test
    void reconnectAfterDroppedConnectionKeepsSubscriptionsAlive() {
        ViciClient c = client(ViciClientOptions.builder().reconnect(true)
                .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2.0));
        RecordingListener l = new RecordingListener();
        Subscription s = c.await(c.subscribe("child-updown", l).registered());
        for (int round = 1; round <= 3; round++) {
            server.dropConnections();
            l.awaitCall("gap", WAIT);
            server.raise("child-updown", n(round));
            assertThat(l.next(WAIT)).isEqualTo("event child-updown " + round);
        }
        assertThat(s.isClosed()).isFalse();
        assertThat(server.acceptedConnections()).isEqualTo(4);
    }

    @Test
    void reRegistrationRejectedByTheNewDaemonEndsTheSubscription() {
        ViciClient c = client(ViciClientOptions.builder().reconnect(true)
                .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2.0));
        server.knownEvents("alert");
        RecordingListener alerts = new RecordingListener();
        RecordingListener updown = new RecordingListener();
        c.await(c.subscribe("alert", alerts).registered());
        c.await(c.subscribe("ike-updown", updown).registered());
        server.unknownEvent("alert"); // the daemon comes back as an older version
        server.dropConnections();
        assertThat(alerts.next(WAIT)).isEqualTo("closed UnknownEventException");
        updown.awaitCall("gap", WAIT);
        server.raise("ike-updown", n(1));
        assertThat(updown.next(WAIT)).isEqualTo("event ike-updown 1");
    }

    @Test
    void subscriptionMadeWhileReconnectingIsRegisteredOnceCharonIsBack() {
        ViciClient c = client(ViciClientOptions.builder().reconnect(true)
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100), 2.0));
        RecordingListener first = new RecordingListener();
        c.await(c.subscribe("log", first).registered());
        server.stop();
        RecordingListener second = new RecordingListener();
        Subscription s = c.subscribe("ike-updown", second);
        server.restart();
        c.await(s.registered());
        first.awaitCall("gap", WAIT);
        server.raise("ike-updown", n(1));
        server.raise("log", n(2));
        second.awaitCall("event ike-updown 1", WAIT);
        first.awaitCall("event log 2", WAIT);
    }

    @Test
    void listenersRunOnTheListenerExecutorNotOnTheIoThread() throws Exception {
        java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "my-listener-thread"));
        try {
            ViciClient c = client(ViciClientOptions.builder().listenerExecutor(mine).threadNamePrefix("tour"));
            CompletableFuture<String> thread = new CompletableFuture<>();
            c.await(c.subscribe("log", (name, msg) -> thread.complete(Thread.currentThread().getName())).registered());
            server.raise("log", n(1));
            assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("my-listener-thread");
            CompletableFuture<String> streamThread = new CompletableFuture<>();
            server.command("list-sas", r -> {
                r.event("list-sa", n(1));
                return ViciSection.empty();
            });
            c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa",
                    e -> streamThread.complete(Thread.currentThread().getName())));
            assertThat(streamThread.get(10, TimeUnit.SECONDS)).isEqualTo("my-listener-thread");
        } finally {
            client.close();
            mine.shutdownNow();
        }
    }

    @Test
    void subscribingWhenCharonIsDownFailsWithAClearMessage() {
        server.stop();
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        Subscription s = c.subscribe("ike-updown", l);
        assertThatThrownBy(() -> c.await(s.registered())).isInstanceOf(ViciConnectionException.class)
                .hasMessageContaining(server.socketPath().toString());
        assertThat(l.next(WAIT)).isEqualTo("closed ViciConnectionException");
    }

    @Test
    void closingTheClientEndsSubscriptions() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener();
        c.await(c.subscribe("log", l).registered());
        c.close();
        assertThat(l.next(WAIT)).isEqualTo("closed null");
    }

    @Test
    void listenerExceptionsDoNotEndTheSubscription() {
        ViciClient c = client(ViciClientOptions.builder());
        RecordingListener l = new RecordingListener() {
            @Override
            public void onEvent(String name, ViciSection message) {
                super.onEvent(name, message);
                throw new IllegalStateException("listener bug");
            }
        };
        c.await(c.subscribe("log", l).registered());
        server.raise("log", n(1));
        server.raise("log", n(2));
        assertThat(l.next(2, WAIT)).containsExactly("event log 1", "event log 2");
    }
}
