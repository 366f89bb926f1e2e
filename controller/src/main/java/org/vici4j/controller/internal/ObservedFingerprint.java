package org.vici4j.controller.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.plan.ObservedConnection;

/**
 * What of a connection's observation matters to its worker: the configuration charon lists, the IKE_SAs and
 * CHILD_SAs by unique id, name and state, and the trap policies. Counters and timers (bytes, packets, seconds since
 * established, rekey times), which change at every look, are left out.
 */
final class ObservedFingerprint {

    private ObservedFingerprint() {
    }

    /** @return whether two observations of a connection are the same in substance */
    static boolean same(ObservedConnection a, ObservedConnection b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return a.listed().equals(b.listed()) && a.traps().equals(b.traps()) && sas(a).equals(sas(b));
    }

    private static List<String> sas(ObservedConnection o) {
        List<String> out = new ArrayList<>();
        for (IkeSa ike : o.ikeSas()) {
            out.add(ike.uniqueId() + " " + ike.state());
            for (ChildSa cs : ike.childSas()) {
                out.add(ike.uniqueId() + "/" + cs.uniqueId() + " " + cs.name() + " " + Objects.toString(cs.state()));
            }
        }
        out.sort(null);
        return out;
    }
}
