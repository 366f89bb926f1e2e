package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.controller.status.CharonStatus;
import org.vici4j.controller.ControllerCounters;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.testing.FakeCharon;
import org.vici4j.controller.testing.FakeCharon.Behaviour;
import org.vici4j.controller.testing.FixedRandom;
import org.vici4j.controller.testing.ManualScheduler;
import org.vici4j.controller.testing.MutableClock;

/** The reconciler's counters and health ({@code Controller.counters()}, {@code health()}) against a fake charon. */
class ReconcilerCountersTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final ManualScheduler tasks = new ManualScheduler(clock);
    private final FakeCharon charon = new FakeCharon();
    private Reconciler reconciler;

    @TempDir
    Path dir;

    private static final RetryPolicy FAST = RetryPolicy.builder().initial(Duration.ofMillis(500))
            .max(Duration.ofSeconds(3)).multiplier(2).jitter(0).build();

    private void start(DesiredState d) {
        reconciler = new Reconciler(charon, tasks, clock, FixedRandom.of(0), d, new Reconciler.Settings(
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), FAST,
                dir.resolve("status.json"), null, Duration.ofSeconds(5), 4));
        reconciler.start();
        tasks.runPending();
    }

    @AfterEach
    void stop() {
        if (reconciler != null) {
            reconciler.stop();
        }
    }

    private ControllerCounters.ChildCounters net() {
        return reconciler.counters().child("net", "net").orElseThrow();
    }

    @Test
    void failedAttemptsAreCountedByClassAndSideWithTheirRetriesAndTheTimeOutOfTheDesiredState() {
        charon.defaultBehaviour = Behaviour.SAD_FAILURE;
        Instant t0 = clock.instant();
        start(ReconcilerTest.state(ReconcilerTest.conn("net", "up")));

        assertThat(net().failures(FailureClass.INSTALL_CHILD_SA_FAILED, Side.LOCAL)).isEqualTo(1);
        assertThat(net().failures()).hasSize(1);
        assertThat(net().retriesScheduled()).isEqualTo(1);
        assertThat(net().unsettledSince()).isEqualTo(t0);

        tasks.advance(Duration.ofMillis(500));
        tasks.advance(Duration.ofMillis(1000));
        assertThat(net().failures(FailureClass.INSTALL_CHILD_SA_FAILED, Side.LOCAL)).isEqualTo(3);
        assertThat(net().retriesScheduled()).isEqualTo(3);
        assertThat(net().unsettledSince()).isEqualTo(t0);

        // fixed by restarting charon: one reconnect, the child installed, the failure counts kept
        charon.defaultBehaviour = Behaviour.SUCCESS;
        charon.restart();
        tasks.runPending();
        ControllerCounters c = reconciler.counters();
        assertThat(c.reconnects()).isEqualTo(1);
        assertThat(c.eventGaps()).containsEntry("connection-lost", 1L);
        assertThat(net().unsettledSince()).isNull();
        assertThat(net().failures(FailureClass.INSTALL_CHILD_SA_FAILED, Side.LOCAL)).isEqualTo(3);
        assertThat(c.requests()).containsEntry("initiate", 4L);
        assertThat(c.requestTimes().get("initiate").count()).isEqualTo(4);
        assertThat(c.events()).containsKey("child-updown");
        assertThat(c.fullPasses().count()).isGreaterThanOrEqualTo(2);
        assertThat(c.connectionPasses().count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void readyOnlyWhileConnectedSubscribedAndReconciled() {
        start(ReconcilerTest.state(ReconcilerTest.conn("net", "up")));
        ControllerHealth h = reconciler.health();
        assertThat(h.ready()).as(h.notReady().toString()).isTrue();
        assertThat(h.lastFullReconcile()).isEqualTo(clock.instant());

        charon.down = true;
        charon.dropSubscriptions();
        tasks.advance(Duration.ofSeconds(2));
        h = reconciler.health();
        assertThat(h.ready()).isFalse();
        assertThat(h.charon()).isEqualTo(CharonStatus.State.UNREACHABLE);
        assertThat(h.reconciled()).isFalse();
        assertThat(h.notReady()).contains("charon unreachable", "full reconcile not finished");

        charon.down = false;
        tasks.advance(Duration.ofSeconds(2));
        h = reconciler.health();
        assertThat(h.ready()).as(h.notReady().toString()).isTrue();
        assertThat(reconciler.counters().reconnects()).isEqualTo(1);

        reconciler.stop();
        assertThat(reconciler.health().ready()).isFalse();
        assertThat(reconciler.health().notReady()).contains("controller not running");
    }

    @Test
    void pingCompletesOnceTheSchedulerRunsATask() {
        start(ReconcilerTest.state(ReconcilerTest.conn("net", "up")));
        var ping = reconciler.ping();
        assertThat(ping).isNotDone();
        tasks.runPending();
        assertThat(ping).isCompleted();
    }
}
