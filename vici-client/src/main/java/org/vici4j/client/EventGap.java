package org.vici4j.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A period in which a subscription could not receive events because the event connection to charon
 * was down.
 *
 * @param lost when the connection was found lost
 * @param restored when the subscription was registered again
 * @param reason why the connection was lost (no secrets; for logs)
 */
public record EventGap(Instant lost, Instant restored, String reason) {

    /** Validates the arguments. */
    public EventGap {
        Objects.requireNonNull(lost, "lost");
        Objects.requireNonNull(restored, "restored");
        reason = reason == null ? "" : reason;
    }

    /** @return how long events were missed */
    public Duration duration() {
        return Duration.between(lost, restored);
    }
}
