package org.vici4j.controller.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The top-level {@code controller} section: how often the controller re-reads charon's state even
 * without events ({@code resync}), the default {@link RetryPolicy}, and the {@code owner} tag that
 * names this controller instance. Never sent to charon.
 */
public record ControllerSettings(Duration resync, RetryPolicy retry, String owner) {

    /** resync 30s, {@link RetryPolicy#DEFAULT}, owner "vici4j". */
    public static final ControllerSettings DEFAULT =
            new ControllerSettings(Duration.ofSeconds(30), RetryPolicy.DEFAULT, "vici4j");

    /** Characters an owner tag may use. */
    public static final String OWNER_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    public ControllerSettings {
        Objects.requireNonNull(resync, "resync");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(owner, "owner");
        if (resync.isNegative() || resync.isZero()) {
            throw new IllegalArgumentException("controller.resync must be positive: " + resync);
        }
        if (!owner.matches(OWNER_PATTERN)) {
            throw new IllegalArgumentException("controller.owner must match " + OWNER_PATTERN + ": " + owner);
        }
    }
}
