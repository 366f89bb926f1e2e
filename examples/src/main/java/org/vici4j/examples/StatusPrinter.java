package org.vici4j.examples;

import java.io.PrintStream;
import java.util.Objects;

import org.vici4j.controller.StatusListener;
import org.vici4j.controller.status.ChildChange;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ControllerStatus;

/**
 * A {@link StatusListener} that prints one line per change: charon becoming reachable or not, a child changing
 * state, a new failure. The controller calls it on its own threads, one call at a time, in order.
 *
 * <pre>
 * charon: connected (version 5.9.8)
 * net/net: establishing (ensure up)
 * net/net: retrying after 2 failed attempt(s): install-child-sa-failed (local): ...; next attempt at 2026-...Z
 * net/net: installed (ensure up)
 * </pre>
 */
public final class StatusPrinter implements StatusListener {

    private final PrintStream out;

    public StatusPrinter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onStatusChanged(ControllerStatus previous, ControllerStatus current) {
        if (previous.charon().connected() != current.charon().connected()) {
            out.println(current.charon().connected()
                    ? "charon: connected (version " + current.charon().version() + ")"
                    : "charon: unreachable (the controller re-applies everything when it is back)");
        }
        for (ChildChange change : ChildChange.between(previous, current)) {
            ChildStatus ch = change.now();
            if (change.newFailure()) {
                out.println(change.key() + ": " + ch.state() + " after " + ch.attempts() + " failed attempt(s): "
                        + ch.lastFailure().summary()
                        + (ch.nextAttemptAt() == null ? "" : "; next attempt at " + ch.nextAttemptAt()));
            } else if (change.stateChanged()) {
                out.println(change.key() + ": " + ch.state() + " (ensure " + ch.ensure().word() + ")");
            }
        }
        out.flush();
    }
}
