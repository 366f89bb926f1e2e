package org.vici4j.controller.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.controller.status.CharonStatus;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.Ensure;

/** Builds the status from the children's runtimes: each worker snapshots its children, the publisher assembles. */
final class StatusAssembler {

    private StatusAssembler() {
    }

    /**
     * Takes a child's snapshot after its worker decided; {@code since} moves only when the state changes.
     *
     * @return whether the snapshot changed (only then is there a status to publish: at 1,000 connections a resync
     *     runs 1,000 workers that mostly change nothing)
     */
    static boolean snapshot(ConnectionConfig c, ChildRuntime r, Instant now) {
        Ensure ensure = c.child(r.name).map(ChildConfig::ensure).orElse(Ensure.LOADED);
        Instant next = r.state == ChildState.RETRYING ? r.retry.nextAttemptAt().orElse(null) : null;
        r.counts.observed(r.state, now);
        ChildStatus before = r.snapshot;
        Instant since = before != null && before.state() == r.state && before.since() != null ? before.since() : now;
        ChildStatus after = new ChildStatus(r.name, ensure, r.state, r.retry.failures(), next,
                r.retry.lastFailure().orElse(null), since);
        if (after.equals(before)) {
            return false;
        }
        r.snapshot = after;
        return true;
    }

    /** The status as of now: desired connections in order, each child's latest snapshot. */
    static ControllerStatus assemble(DesiredState desired, Map<String, Map<String, ChildRuntime>> runtimes,
            CharonStatus charon) {
        List<ConnectionStatus> conns = new ArrayList<>(desired.connections().size());
        for (ConnectionConfig c : desired.connections()) {
            Map<String, ChildRuntime> rt = runtimes.getOrDefault(c.name(), Map.of());
            List<ChildStatus> children = new ArrayList<>(c.children().size());
            for (ChildConfig ch : c.children()) {
                ChildRuntime r = rt.get(ch.name());
                ChildStatus s = r == null ? null : r.snapshot;
                if (s == null) {
                    s = new ChildStatus(ch.name(), ch.ensure(), ChildState.UNKNOWN, 0, null, null, null);
                } else if (charon.state() == CharonStatus.State.UNREACHABLE) {
                    // charon cannot be asked: nothing it may no longer have is reported (failures are kept)
                    s = new ChildStatus(ch.name(), ch.ensure(), ChildState.UNKNOWN, s.attempts(), null,
                            s.lastFailure(), s.state() == ChildState.UNKNOWN ? s.since() : null);
                } else if (s.ensure() != ch.ensure()) {
                    s = new ChildStatus(ch.name(), ch.ensure(), s.state(), s.attempts(), s.nextAttemptAt(),
                            s.lastFailure(), s.since());
                }
                children.add(s);
            }
            conns.add(new ConnectionStatus(c.name(), children));
        }
        return new ControllerStatus(charon, conns);
    }
}
