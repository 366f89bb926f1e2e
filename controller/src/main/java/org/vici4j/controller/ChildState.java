package org.vici4j.controller;

import java.util.Optional;

/** What the controller observes of a desired child. */
public enum ChildState {
    /** A CHILD_SA of the child is INSTALLED in charon. */
    INSTALLED("installed"),
    /** An attempt is in progress (our initiate is in flight, or charon is negotiating the IKE_SA or the CHILD_SA). */
    ESTABLISHING("establishing"),
    /** The latest attempt failed; the next is scheduled at {@code nextAttemptAt}. */
    RETRYING("retrying"),
    /** Attempts failed and the retry policy gave up (attempt limit); a fresh event or a config change re-arms it. */
    FAILED("failed"),
    /** ensure: trap, the trap policy is installed and no CHILD_SA is up. */
    TRAPPED("trapped"),
    /** The configuration is loaded and nothing more is ensured (ensure: loaded). */
    LOADED("loaded"),
    /**
     * What charon has of the child is not known: charon was not observed yet, or cannot be reached (the charon
     * section of the status says why). Never reported as anything charon may not have.
     */
    UNKNOWN("unknown");

    private final String wireName;

    ChildState(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name used in status JSON */
    public String wireName() {
        return wireName;
    }

    public static Optional<ChildState> fromWireName(String name) {
        for (ChildState s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
