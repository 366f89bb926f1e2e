package org.vici4j.controller.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds the IKE_SAs being negotiated at once per peer address. A charon responder ignores IKE_SA_INIT requests
 * beyond {@code charon.block_threshold} (default 5) half-open IKE_SAs from one address and demands cookies beyond
 * {@code charon.cookie_threshold} (default 10) in all; an initiator that stays under that limit wastes no retransmit
 * timers. A slot is held per connection from its initiate until its IKE_SA is established or the attempt ends;
 * connections that found the window full are handed back, in order, when a slot of their peer frees.
 */
final class InitiateWindow {

    private final int perPeer;
    private final Map<String, Set<String>> holders = new HashMap<>(); // peer -> connections holding a slot
    private final Map<String, String> peerOf = new HashMap<>();       // connection -> peer it holds a slot of
    private final Map<String, Set<String>> waiting = new HashMap<>(); // peer -> connections waiting

    InitiateWindow(int perPeer) {
        if (perPeer < 1) {
            throw new IllegalArgumentException("the initiate window must be at least 1, got " + perPeer);
        }
        this.perPeer = perPeer;
    }

    /** @return true if {@code conn} holds (or now took) a slot of {@code peer}; false if it must wait */
    synchronized boolean tryAcquire(String peer, String conn) {
        if (peerOf.containsKey(conn)) {
            return true;
        }
        Set<String> h = holders.computeIfAbsent(peer, k -> new LinkedHashSet<>());
        if (h.size() >= perPeer) {
            waiting.computeIfAbsent(peer, k -> new LinkedHashSet<>()).add(conn);
            return false;
        }
        h.add(conn);
        peerOf.put(conn, peer);
        Set<String> w = waiting.get(peer);
        if (w != null) {
            w.remove(conn);
        }
        return true;
    }

    /** @return whether {@code conn} holds a slot */
    synchronized boolean holds(String conn) {
        return peerOf.containsKey(conn);
    }

    /** Frees the slot {@code conn} holds, if any; @return the connections that waited for that peer, in order */
    synchronized List<String> release(String conn) {
        String peer = peerOf.remove(conn);
        if (peer == null) {
            return List.of();
        }
        holders.get(peer).remove(conn);
        Set<String> w = waiting.remove(peer);
        return w == null ? List.of() : new ArrayList<>(w);
    }

    /** @return slots held in all */
    synchronized int inFlight() {
        return peerOf.size();
    }

    /** Frees everything (charon restarted: no negotiation of ours is under way). */
    synchronized List<String> clear() {
        List<String> all = new ArrayList<>();
        waiting.values().forEach(all::addAll);
        holders.clear();
        peerOf.clear();
        waiting.clear();
        return all;
    }
}
