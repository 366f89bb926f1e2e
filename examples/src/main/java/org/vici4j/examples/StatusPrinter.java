package org.vici4j.examples;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.StatusListener;
import org.vici4j.controller.failure.Failure;

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
        Map<String, ChildStatus> before = new HashMap<>();
        for (ConnectionStatus c : previous.connections()) {
            c.children().forEach(ch -> before.put(c.name() + "/" + ch.name(), ch));
        }
        for (ConnectionStatus c : current.connections()) {
            for (ChildStatus ch : c.children()) {
                String key = c.name() + "/" + ch.name();
                ChildStatus old = before.get(key);
                Failure f = ch.lastFailure();
                boolean newFailure = f != null && (old == null || !Objects.equals(old.lastFailure(), f));
                boolean newState = old == null || old.state() != ch.state();
                if (newFailure) {
                    out.println(key + ": " + ch.state() + " after " + ch.attempts() + " failed attempt(s): "
                            + f.summary() + (ch.nextAttemptAt() == null ? "" : "; next attempt at " + ch.nextAttemptAt()));
                } else if (newState) {
                    out.println(key + ": " + ch.state() + " (ensure " + ch.ensure().word() + ")");
                }
            }
        }
        out.flush();
    }
}
