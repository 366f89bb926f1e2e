package org.vici4j.controller.status;

import java.time.Instant;
import java.util.Objects;

/**
 * A new desired state that was refused, so that the previous one stayed in force: by the prune guard
 * ({@link PruneRefusedException}), or before it reached the controller (an invalid file; see
 * {@link Controller#reportRefusedUpdate(String)}). Kept in the status until a desired state is accepted.
 *
 * @param at when it was refused
 * @param reason why, in words for people
 */
public record DesiredStateRefusal(Instant at, String reason) {

    public DesiredStateRefusal {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
