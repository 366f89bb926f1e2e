package org.vici4j.controller.failure;

import java.util.Optional;

/** Where a failure happened: at this charon, or at the peer (which told us with a notify, or went silent). */
public enum Side {
    LOCAL("local"),
    PEER("peer");

    private final String wireName;

    Side(String wireName) {
        this.wireName = wireName;
    }

    /** @return {@code local} or {@code peer} */
    public String wireName() {
        return wireName;
    }

    /** @return the side with that wire name, if any */
    public static Optional<Side> fromWireName(String name) {
        for (Side s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
