package org.vici4j.controller.failure;

import java.util.Optional;

import org.vici4j.controller.status.WireName;

/** Where a failure happened: at this charon, or at the peer (which told us with a notify, or went silent). */
public enum Side implements WireName {
    LOCAL,
    PEER;

    /** @return the constant with that wire name, if any */
    public static Optional<Side> fromWireName(String name) {
        return WireName.lookup(Side.class, name);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
