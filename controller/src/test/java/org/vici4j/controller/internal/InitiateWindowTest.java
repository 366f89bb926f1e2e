package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.controller.testing.ConfigYaml;
import org.vici4j.controller.testing.FixedRandom;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.Controller;
import org.vici4j.controller.ControllerTesting;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.testing.FakeCharon;
import org.vici4j.controller.testing.FakeCharon.Behaviour;
import org.vici4j.controller.testing.ManualExecutor;
import org.vici4j.controller.testing.ManualScheduler;
import org.vici4j.controller.testing.MutableClock;

/**
 * {@link InitiateWindow} on its own (slots per peer, waiting connections handed back in order, independence of
 * peers, never over the limit under concurrency), and as the controller uses it (default size 3, refilled as
 * attempts end, children of an established IKE_SA take no slot).
 */
class InitiateWindowTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final ManualScheduler tasks = new ManualScheduler(clock);
    private final FakeCharon charon = new FakeCharon();
    private final List<AutoCloseable> stops = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : stops) {
            c.close();
        }
    }

    // ------------------------------------------------------------------ the window on its own

    @Test
    void aWindowHasAtLeastOneSlot() {
        assertThatThrownBy(() -> new InitiateWindow(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the initiate window must be at least 1, got 0");
        assertThatThrownBy(() -> new InitiateWindow(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the initiate window must be at least 1, got -3");
        InitiateWindow one = new InitiateWindow(1);
        assertThat(one.tryAcquire("p", "a")).isTrue();
        assertThat(one.tryAcquire("p", "b")).isFalse();
    }

    @Test
    void slotsAreTakenUpToTheLimitPerPeer() {
        InitiateWindow w = new InitiateWindow(4);
        for (int i = 0; i < 4; i++) {
            assertThat(w.tryAcquire("192.0.2.2", "c" + i)).as("c%d", i).isTrue();
            assertThat(w.holds("c" + i)).isTrue();
            assertThat(w.inFlight()).isEqualTo(i + 1);
        }
        assertThat(w.tryAcquire("192.0.2.2", "c4")).isFalse();
        assertThat(w.holds("c4")).isFalse();
        assertThat(w.inFlight()).isEqualTo(4);
    }

    @Test
    void aHolderAskingAgainKeepsItsOneSlot() {
        InitiateWindow w = new InitiateWindow(2);
        assertThat(w.tryAcquire("p", "a")).isTrue();
        assertThat(w.tryAcquire("p", "a")).isTrue();
        assertThat(w.inFlight()).isEqualTo(1);
        assertThat(w.tryAcquire("p", "b")).isTrue();
        assertThat(w.tryAcquire("p", "a")).isTrue(); // full, but a holds one
        assertThat(w.inFlight()).isEqualTo(2);
        // a connection holds one slot whatever peer it names (its peer is the one it took it of)
        assertThat(w.tryAcquire("other", "a")).isTrue();
        assertThat(w.inFlight()).isEqualTo(2);
        assertThat(w.release("a")).isEmpty();
        assertThat(w.tryAcquire("p", "c")).isTrue(); // a's slot was of p
    }

    @Test
    void releasingHandsBackTheWaitingConnectionsOfThatPeerInOrder() {
        InitiateWindow w = new InitiateWindow(1);
        assertThat(w.tryAcquire("p", "a")).isTrue();
        assertThat(w.tryAcquire("p", "c")).isFalse();
        assertThat(w.tryAcquire("p", "b")).isFalse();
        assertThat(w.tryAcquire("p", "c")).isFalse(); // waiting twice: listed once
        assertThat(w.release("a")).containsExactly("c", "b");
        assertThat(w.holds("a")).isFalse();
        assertThat(w.inFlight()).isZero();
        // the waiters were handed back: they ask again, the first one gets the slot, the other waits anew
        assertThat(w.tryAcquire("p", "c")).isTrue();
        assertThat(w.tryAcquire("p", "b")).isFalse();
        assertThat(w.release("c")).containsExactly("b");
        assertThat(w.tryAcquire("p", "b")).isTrue();
        assertThat(w.release("b")).isEmpty();
    }

    @Test
    void aWaiterThatGetsASlotIsNoLongerWaiting() {
        InitiateWindow w = new InitiateWindow(2);
        assertThat(w.tryAcquire("p", "a")).isTrue();
        assertThat(w.tryAcquire("p", "b")).isTrue();
        assertThat(w.tryAcquire("p", "c")).isFalse();
        assertThat(w.tryAcquire("p", "d")).isFalse();
        List<String> back = w.release("a");
        assertThat(back).containsExactly("c", "d");
        assertThat(w.tryAcquire("p", "c")).isTrue();
        assertThat(w.tryAcquire("p", "d")).isFalse();
        assertThat(w.release("b")).containsExactly("d"); // not c, which holds a slot now
    }

    @Test
    void releasingWithoutASlotChangesNothing() {
        InitiateWindow w = new InitiateWindow(1);
        assertThat(w.tryAcquire("p", "a")).isTrue();
        assertThat(w.tryAcquire("p", "b")).isFalse();
        assertThat(w.release("b")).isEmpty(); // a waiter, not a holder
        assertThat(w.release("nobody")).isEmpty();
        assertThat(w.inFlight()).isEqualTo(1);
        assertThat(w.release("a")).containsExactly("b"); // b still waits
        assertThat(w.release("a")).isEmpty(); // twice: nothing more
    }

    @Test
    void peersAreIndependent() {
        InitiateWindow w = new InitiateWindow(2);
        assertThat(w.tryAcquire("p1", "a1")).isTrue();
        assertThat(w.tryAcquire("p1", "b1")).isTrue();
        assertThat(w.tryAcquire("p1", "c1")).isFalse();
        // p1 being full does not hold back p2
        assertThat(w.tryAcquire("p2", "a2")).isTrue();
        assertThat(w.tryAcquire("p2", "b2")).isTrue();
        assertThat(w.tryAcquire("p2", "c2")).isFalse();
        assertThat(w.inFlight()).isEqualTo(4);
        // a release on p2 hands back p2's waiter only, and frees a slot of p2 only
        assertThat(w.release("a2")).containsExactly("c2");
        assertThat(w.tryAcquire("p1", "c1")).isFalse();
        assertThat(w.tryAcquire("p2", "c2")).isTrue();
        assertThat(w.release("a1")).containsExactly("c1");
    }

    @Test
    void clearFreesEverySlotAndHandsBackEveryWaiter() {
        InitiateWindow w = new InitiateWindow(1);
        w.tryAcquire("p1", "a1");
        w.tryAcquire("p1", "b1");
        w.tryAcquire("p2", "a2");
        w.tryAcquire("p2", "b2");
        w.tryAcquire("p2", "c2");
        assertThat(w.clear()).containsExactlyInAnyOrder("b1", "b2", "c2");
        assertThat(w.inFlight()).isZero();
        assertThat(w.holds("a1")).isFalse();
        assertThat(w.holds("a2")).isFalse();
        assertThat(w.release("a1")).isEmpty();
        assertThat(w.clear()).isEmpty();
        assertThat(w.tryAcquire("p1", "b1")).isTrue();
        assertThat(w.tryAcquire("p2", "b2")).isTrue();
    }

    @Test
    void neverMoreThanTheLimitPerPeerUnderConcurrency() throws Exception {
        int limit = 3;
        int peers = 3;
        int threads = 12;
        int rounds = 3_000;
        InitiateWindow w = new InitiateWindow(limit);
        Map<String, AtomicInteger> holding = new HashMap<>();
        Map<String, AtomicInteger> most = new HashMap<>();
        for (int p = 0; p < peers; p++) {
            holding.put("p" + p, new AtomicInteger());
            most.put("p" + p, new AtomicInteger());
        }
        AtomicInteger acquired = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int r = 0; r < rounds; r++) {
                        String peer = "p" + ((id + r) % peers);
                        String conn = "t" + id + "-" + (r % 5);
                        if (w.tryAcquire(peer, conn)) {
                            acquired.incrementAndGet();
                            int now = holding.get(peer).incrementAndGet();
                            most.get(peer).accumulateAndGet(now, Math::max);
                            assertThat(now).isLessThanOrEqualTo(limit);
                            assertThat(w.inFlight()).isLessThanOrEqualTo(limit * peers);
                            holding.get(peer).decrementAndGet();
                            w.release(conn);
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // rethrows an assertion failed on a worker thread
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(acquired.get() + refused.get()).isEqualTo(threads * rounds);
        assertThat(acquired.get()).isPositive();
        assertThat(most.values()).allSatisfy(m -> assertThat(m.get()).isBetween(1, limit));
        assertThat(w.inFlight()).isZero();
        assertThat(w.clear()).doesNotHaveDuplicates();
    }

    // ------------------------------------------------------------------ as the controller uses it

    private static String conn(String name, String peer) {
        return ConfigYaml.connection(name, peer, ConfigYaml.child(name, "ensure: up"));
    }

    private static DesiredState conns(int n, String... peers) {
        StringBuilder sb = new StringBuilder("connections:\n");
        for (int i = 0; i < n; i++) {
            sb.append(conn("c" + i, peers[i % peers.length]));
        }
        return DesiredStateLoader.parse(sb.toString(), "window.yaml");
    }

    private static final RandomGenerator ZERO = FixedRandom.of(0);

    private Controller controller(DesiredState d, Integer window) {
        Controller.Builder b = ControllerTesting.builder(charon).desiredState(d).clock(clock).random(ZERO)
                .executor(new ManualExecutor(tasks, clock)).statusFile(dir.resolve("status.json"));
        if (window != null) {
            b.initiateWindow(window);
        }
        Controller c = b.build();
        stops.add(c);
        c.start();
        tasks.runPending();
        return c;
    }

    private Reconciler reconciler(DesiredState d, int window) {
        Reconciler r = new Reconciler(charon, tasks, clock, ZERO, d, new Reconciler.Settings(Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(1), RetryPolicy.builder().initial(Duration.ofSeconds(1))
                        .max(Duration.ofSeconds(4)).multiplier(2).jitter(0).build(), null, null,
                Duration.ofSeconds(5), window));
        stops.add(r::stop);
        r.start();
        tasks.runPending();
        return r;
    }

    @Test
    void theDefaultWindowIsThreePerPeerAndIsRefilledAsIkeSasComeUp() {
        assertThat(Controller.DEFAULT_INITIATE_WINDOW).isEqualTo(3);
        final int W = Controller.DEFAULT_INITIATE_WINDOW;
        charon.defaultBehaviour = Behaviour.PENDING;
        Controller c = controller(conns(10, "192.0.2.2"), null);
        assertThat(charon.initiates).hasSize(W);
        assertThat(charon.pendingCount()).isEqualTo(W);
        // every child is reported establishing, waiting ones too
        assertThat(c.status().connections()).allSatisfy(s -> assertThat(s.children().get(0).state())
                .isEqualTo(ChildState.ESTABLISHING));
        // a resync sends nothing more while the window is full
        tasks.advance(Duration.ofSeconds(31));
        assertThat(charon.initiates).hasSize(W);
        int sent = W;
        while (charon.pendingCount() > 0) {
            charon.completePending(Behaviour.SUCCESS);
            tasks.runPending();
            assertThat(charon.pendingCount()).isLessThanOrEqualTo(W);
            sent = Math.min(sent + 1, 10);
            assertThat(charon.initiates).hasSize(sent); // one slot freed, one more initiate
        }
        assertThat(charon.initiates).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(charon.installed("c" + i, "c" + i)).as("c%d", i).isTrue();
            assertThat(c.status().child("c" + i, "c" + i).orElseThrow().state()).isEqualTo(ChildState.INSTALLED);
        }
    }

    @Test
    void eachPeerHasAWindowOfItsOwn() {
        charon.defaultBehaviour = Behaviour.PENDING;
        controller(conns(12, "192.0.2.2", "192.0.2.3"), null);
        assertThat(charon.initiates).hasSize(6);
        Map<String, Integer> perPeer = new HashMap<>();
        for (ViciSection m : charon.initiates) {
            int n = Integer.parseInt(m.stringOr("ike", "").substring(1));
            perPeer.merge(n % 2 == 0 ? "192.0.2.2" : "192.0.2.3", 1, Integer::sum);
        }
        assertThat(perPeer).containsEntry("192.0.2.2", 3).containsEntry("192.0.2.3", 3);
    }

    @Test
    void theWindowIsConfigurable() {
        charon.defaultBehaviour = Behaviour.PENDING;
        controller(conns(5, "192.0.2.2"), 2);
        assertThat(charon.initiates).hasSize(2);
        assertThatThrownBy(() -> Controller.builder().initiateWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedAttemptFreesItsSlot() {
        charon.defaultBehaviour = Behaviour.PENDING;
        Reconciler r = reconciler(conns(3, "192.0.2.2"), 1);
        assertThat(charon.initiates).extracting(m -> m.stringOr("ike", "")).containsExactly("c0");
        charon.completePending(Behaviour.SAD_FAILURE); // c0's attempt fails (seen in charon's log)
        tasks.runPending();
        assertThat(r.status().child("c0", "c0").orElseThrow().state()).isEqualTo(ChildState.RETRYING);
        assertThat(charon.initiates).extracting(m -> m.stringOr("ike", "")).containsExactly("c0", "c1");
    }

    @Test
    void childrenOfAnEstablishedIkeSaTakeNoSlot() {
        charon.defaultBehaviour = Behaviour.PENDING;
        reconciler(conns(3, "192.0.2.2"), 1);
        assertThat(charon.initiates).hasSize(1); // c0 holds the only slot
        // the peer establishes c2's IKE_SA on its own (without the CHILD_SA): c2's child is a CREATE_CHILD_SA
        charon.publish("ike-updown", ViciSection.builder().add("up", true).beginSection("c2").add("uniqueid", 77)
                .add("version", 2).add("state", "ESTABLISHED").endSection().build());
        tasks.runPending();
        assertThat(charon.initiates).extracting(m -> m.stringOr("ike", "")).containsExactly("c0", "c2");
        assertThat(charon.initiateCount("c1", "c1")).isZero(); // still waiting for the slot
    }
}
