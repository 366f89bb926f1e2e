package org.vici4j.controller.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Limits the initiates in flight over all children: each occupies one of the client's command connections until
 * charon answers. Connections that found no free slot are remembered and handed back when a slot frees.
 */
final class InitiateSlots {

    private final int max;
    private final Set<String> waiting = new LinkedHashSet<>();
    private int inFlight;

    InitiateSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one initiate slot is needed, got " + max);
        }
        this.max = max;
    }

    /** @return true if a slot was taken; false if none is free (then {@code conn} waits for {@link #release()}) */
    synchronized boolean tryAcquire(String conn) {
        if (inFlight >= max) {
            waiting.add(conn);
            return false;
        }
        inFlight++;
        return true;
    }

    /** Frees a slot; @return the connections that waited for one (to be run again), in order */
    synchronized List<String> release() {
        inFlight--;
        List<String> out = new ArrayList<>(waiting);
        waiting.clear();
        return out;
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
