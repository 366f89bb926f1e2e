package org.vici4j.controller.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The top-level {@code controller} section: how often the controller re-reads charon's state even
 * without events ({@code resync}), the default {@link RetryPolicy}, the {@code owner} tag that
 * names this controller instance, and the prune guard's {@code maxPruneShare}. Never sent to charon.
 *
 * @param resync period of the full resync
 * @param retry default retry policy
 * @param owner owner tag
 * @param maxPruneShare the largest share (0 to 1) of the objects this owner loaded that one change of the desired
 *     state may unload; 1 turns the prune guard off (see {@code org.vici4j.controller.plan.PruneGuard})
 */
public record ControllerSettings(Duration resync, RetryPolicy retry, String owner, double maxPruneShare) {

    /** The default {@link #maxPruneShare()}: half. */
    public static final double DEFAULT_MAX_PRUNE_SHARE = 0.5;

    /** resync 30s, {@link RetryPolicy#DEFAULT}, owner "vici4j", maxPruneShare 0.5. */
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
        if (!(maxPruneShare >= 0.0 && maxPruneShare <= 1.0)) {
            throw new IllegalArgumentException("controller.maxPruneShare must be between 0 and 1 (0% and 100%): "
                    + maxPruneShare);
        }
    }

    /** Settings with the default {@link #maxPruneShare()}. */
    public ControllerSettings(Duration resync, RetryPolicy retry, String owner) {
        this(resync, retry, owner, DEFAULT_MAX_PRUNE_SHARE);
    }

    /** @return these settings with another {@link #maxPruneShare()} */
    public ControllerSettings withMaxPruneShare(double share) {
        return new ControllerSettings(resync, retry, owner, share);
    }
}
