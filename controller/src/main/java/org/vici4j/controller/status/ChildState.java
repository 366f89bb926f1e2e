package org.vici4j.controller.status;

import java.util.Optional;

/** What the controller observes of a desired child. */
public enum ChildState implements WireName {
    /** A CHILD_SA of the child is INSTALLED in charon. */
    INSTALLED,
    /** An attempt is in progress (our initiate is in flight, or charon is negotiating the IKE_SA or the CHILD_SA). */
    ESTABLISHING,
    /** The latest attempt failed; the next is scheduled at {@code nextAttemptAt}. */
    RETRYING,
    /** Attempts failed and the retry policy gave up (attempt limit); a fresh event or a config change re-arms it. */
    FAILED,
    /** ensure: trap, the trap policy is installed and no CHILD_SA is up. */
    TRAPPED,
    /** The configuration is loaded and nothing more is ensured (ensure: loaded). */
    LOADED,
    /**
     * What charon has of the child is not known: charon was not observed yet, or cannot be reached (the charon
     * section of the status says why). Never reported as anything charon may not have.
     */
    UNKNOWN;

    /** @return the constant with that wire name, if any */

    public static Optional<ChildState> fromWireName(String name) {
        return WireName.lookup(ChildState.class, name);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
