package org.vici4j.controller.internal;

import java.time.Instant;

/** How the parts of the reconciler ask for work: the scheduler side of {@link Reconciler}. */
interface Wakeups {

    /** The key's worker runs soon (again, if it is running now). */
    void markDirty(String key);

    /** The key's worker runs at {@code at} (the earliest requested time wins). */
    void wakeUpAt(String key, Instant at);

    /** A global pass (observe charon, load what is missing) soon, at most once a second. */
    void requestGlobal();
}
