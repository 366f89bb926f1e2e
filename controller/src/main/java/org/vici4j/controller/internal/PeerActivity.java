package org.vici4j.controller.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.plan.ObservedState;

/**
 * What the controller knows of its peers: when an IKE_SA with each peer address was last up, and which connections
 * to it wait for their next attempt. A peer whose IKE_SA comes up or goes down has changed (restarted, was fixed,
 * got its configuration back), so the waits of the connections to it are cut short; an IKE proposal mismatch from
 * a peer that was up a moment ago is a peer restarting, not a mismatch.
 */
final class PeerActivity {

    /** An IKE proposal mismatch this soon after an IKE_SA with the peer was up is a peer restarting. */
    static final Duration RECENTLY_UP = Duration.ofMinutes(10);
    /** An IKE_SA going down cuts a connection's wait short at most this often. */
    static final Duration CUT_SHORT_SPACING = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<String, Instant> upAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> cutShortAt = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> waiting = new ConcurrentHashMap<>();

    PeerActivity(Clock clock) {
        this.clock = clock;
    }

    /**
     * An {@code ike-updown} event.
     *
     * @return the connections whose wait is to be cut short: the event's own and every waiting connection to the
     *     same peer address; for an IKE_SA going down at most once per {@link #CUT_SHORT_SPACING} per connection,
     *     so that a peer deleting each new IKE_SA cannot drive attempts in a loop, and never for one that was
     *     never established (our own failed attempt, say); an IKE_SA this side initiated coming up is the
     *     connection's own attempt, not news of the peer, so it cuts short the waits of the other connections to
     *     the peer but not its own (its CHILD_SA may have failed in the same exchange, and the failure may be
     *     recorded before the {@code ike-updown} arrives: cutting that wait short would undo the backoff)
     */
    Set<String> ikeUpDown(ViciSection message, boolean up) {
        Instant now = clock.instant();
        Set<String> out = new LinkedHashSet<>();
        for (var e : message.entries()) {
            if (!(e.getValue() instanceof ViciSection ike) || (!up && ike.stringOr("established", null) == null)) {
                continue;
            }
            Set<String> conns = new LinkedHashSet<>();
            boolean ownAttempt = up && "yes".equals(ike.stringOr("initiator", null));
            if (!ownAttempt) {
                conns.add(e.getKey());
            }
            String host = ike.stringOr("remote-host", null);
            if (host != null) {
                if (up) {
                    upAt.put(host, now);
                }
                for (String waitingConn : waiting.getOrDefault(host, Set.of())) {
                    if (!ownAttempt || !waitingConn.equals(e.getKey())) {
                        conns.add(waitingConn);
                    }
                }
            }
            for (String conn : conns) {
                Instant last = up ? null : cutShortAt.get(conn);
                if (last == null || !now.isBefore(last.plus(CUT_SHORT_SPACING))) {
                    if (!up) {
                        cutShortAt.put(conn, now);
                    }
                    out.add(conn);
                }
            }
        }
        return out;
    }

    /** A full observation: every established IKE_SA's peer is up now. */
    void observed(ObservedState observed) {
        Instant now = clock.instant();
        observed.connections().values().forEach(o -> o.ikeSas().stream()
                .filter(i -> "ESTABLISHED".equals(i.state()) && i.remoteHost() != null)
                .forEach(i -> upAt.put(i.remoteHost(), now)));
    }

    /** @return whether an IKE_SA with {@code peer} was up within {@link #RECENTLY_UP} */
    boolean recentlyUp(String peer) {
        Instant at = upAt.get(peer);
        return at != null && !clock.instant().isAfter(at.plus(RECENTLY_UP));
    }

    /** Records whether a connection to {@code peer} has a child waiting for its next attempt (its worker's thread). */
    void waiting(String peer, String conn, boolean waits) {
        if (waits) {
            waiting.computeIfAbsent(peer, k -> ConcurrentHashMap.newKeySet()).add(conn);
        } else {
            Set<String> w = waiting.get(peer);
            if (w != null) {
                w.remove(conn);
            }
        }
    }
}
