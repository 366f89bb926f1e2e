package org.vici4j.controller.status;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the controller reaches charon, and whether charon answers.
 *
 * @param state connected, unresponsive (requests reach its socket, answers do not come in time) or unreachable
 * @param version charon's version (e.g. "5.9.8"), or null if never reached
 * @param problem what is wrong when not connected (the connection error, or the request that timed out), else null
 */
public record CharonStatus(State state, String version, String problem) {

    /** How charon stands, as seen by the controller. */
    public enum State implements WireName {
        /** the latest requests were answered */
        CONNECTED,
        /** connected, but a request (or the heartbeat) was not answered in time: charon may be frozen or overloaded */
        UNRESPONSIVE,
        /** charon's socket cannot be reached (not running, wrong path, no permission) */
        UNREACHABLE;

        /** @return the constant with that wire name, if any */

        public static Optional<State> fromWireName(String name) {
            return WireName.lookup(State.class, name);
        }

        @Override
        public String toString() {
            return wireName();
        }
    }

    public CharonStatus {
        Objects.requireNonNull(state, "state");
    }

    /** Connected (and answering) or unreachable, without a problem description. */
    public CharonStatus(boolean connected, String version) {
        this(connected ? State.CONNECTED : State.UNREACHABLE, version, null);
    }

    /** @return whether charon is reached and answers: what the children's states rest on */
    public boolean connected() {
        return state == State.CONNECTED;
    }
}
