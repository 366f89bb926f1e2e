package org.vici4j.controller.http;

import java.util.concurrent.CompletableFuture;

import org.vici4j.controller.ControllerCounters;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.status.ControllerStatus;

/** A {@link MetricsSource} whose values the test sets. */
final class Fixture implements MetricsSource {
    volatile ControllerStatus status = ControllerStatus.initial();
    volatile ControllerCounters counters = ControllerCounters.none();
    volatile ControllerHealth health;
    volatile CompletableFuture<Void> ping = CompletableFuture.completedFuture(null);

    Fixture(ControllerHealth health) {
        this.health = health;
    }

    @Override
    public ControllerStatus status() {
        return status;
    }

    @Override
    public ControllerCounters counters() {
        return counters;
    }

    @Override
    public ControllerHealth health() {
        return health;
    }

    @Override
    public CompletableFuture<Void> ping() {
        return ping;
    }
}
