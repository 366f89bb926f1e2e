package org.vici4j.controller.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.Futures;
import org.vici4j.client.ViciConnectionException;

/**
 * Whether charon answers: every answer marks it answering; a request that times out, or the heartbeat (one
 * {@code version} when charon has answered nothing for a heartbeat period, with as long to answer) getting no
 * answer, marks it unresponsive with the reason. A frozen charon therefore shows within two periods.
 */
final class CharonLiveness {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** What the reconciler does when liveness changes. */
    interface Changes {
        /** unresponsive or answering again: the status changed */
        void changed();

        /** charon answers again after being unresponsive, or the heartbeat found the connection lost: look again */
        void lookAgain();
    }

    private final Charon charon;
    private final TaskScheduler tasks;
    private final Clock clock;
    private final Duration period;
    private final BooleanSupplier connected;
    private final BooleanSupplier stopped;
    private final Changes changes;

    private volatile boolean unresponsive;
    private volatile String problem;
    private volatile Instant lastAnswer = Instant.MIN;
    private volatile TaskScheduler.Cancellable timer;

    /** @param period the heartbeat's period; zero: no heartbeat (timeouts of ordinary requests still count) */
    CharonLiveness(Charon charon, TaskScheduler tasks, Clock clock, Duration period, BooleanSupplier connected,
            BooleanSupplier stopped, Changes changes) {
        this.charon = charon;
        this.tasks = tasks;
        this.clock = clock;
        this.period = period;
        this.connected = connected;
        this.stopped = stopped;
        this.changes = changes;
    }

    /** charon answered a request (any thread, so quick). */
    void answered() {
        lastAnswer = clock.instant();
        if (unresponsive) {
            unresponsive = false;
            problem = null;
            LOG.debug("charon answers again");
            changes.changed();
            changes.lookAgain(); // what happened while it was frozen is not known
        }
    }

    /** A request got no answer in time. */
    void unresponsive(String why) {
        if (!unresponsive || !Objects.equals(problem, why)) {
            unresponsive = true;
            problem = why;
            changes.changed();
        }
    }

    /** The connection to charon was lost: that is not unresponsiveness (the reconciler reports it). */
    void connectionLost() {
        unresponsive = false;
        problem = null;
    }

    boolean isUnresponsive() {
        return unresponsive;
    }

    /** @return why charon is unresponsive, or null */
    String problem() {
        return problem;
    }

    /** Starts the heartbeat. */
    void start() {
        schedule(period);
    }

    void stop() {
        TaskScheduler.Cancellable t = timer;
        if (t != null) {
            t.cancel();
        }
    }

    private void schedule(Duration delay) {
        if (stopped.getAsBoolean() || period.isZero()) {
            return;
        }
        timer = tasks.schedule(this::beat, delay);
    }

    /** Checks that charon still answers when it has answered nothing for a period. */
    private void beat() {
        Instant due = lastAnswer.plus(period);
        Instant now = clock.instant();
        boolean up = connected.getAsBoolean();
        if (!up || now.isBefore(due)) {
            schedule(up ? Duration.between(now, due) : period);
            return;
        }
        CompletableFuture<?> f;
        try {
            f = charon.version();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> probe = f;
        tasks.schedule(() -> {
            if (!probe.isDone()) {
                probe.cancel(false);
            }
            if (lastAnswer.isBefore(now)) { // nothing at all answered since the probe was sent
                unresponsive("no answer to a heartbeat (version) within " + period.toSeconds() + " s");
            }
        }, period);
        probe.whenComplete((r, e) -> {
            if (e != null && Futures.unwrap(e) instanceof ViciConnectionException) {
                changes.lookAgain(); // the global pass finds out and reports it
            }
        });
        schedule(period);
    }
}
