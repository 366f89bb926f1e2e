package org.vici4j.controller.http;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.vici4j.controller.Controller;
import org.vici4j.controller.ControllerCounters;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.status.ControllerStatus;

/** What the metrics and health endpoints read, at the time of each request: a controller, or a fixture in tests. */
public interface MetricsSource {

    /** @return the published status snapshot */
    ControllerStatus status();

    /** @return the counters as of now */
    ControllerCounters counters();

    /** @return readiness as of now */
    ControllerHealth health();

    /** @return completes once the controller's scheduler ran a task handed to it now */
    CompletableFuture<Void> ping();

    /** @return the controller as a source */
    static MetricsSource of(Controller controller) {
        Objects.requireNonNull(controller, "controller");
        return new MetricsSource() {
            @Override
            public ControllerStatus status() {
                return controller.status();
            }

            @Override
            public ControllerCounters counters() {
                return controller.counters();
            }

            @Override
            public ControllerHealth health() {
                return controller.health();
            }

            @Override
            public CompletableFuture<Void> ping() {
                return controller.ping();
            }
        };
    }
}
