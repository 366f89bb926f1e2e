package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code get-pools}.
 *
 * @param leases include the leases ({@code leases = yes})
 * @param name only this pool ({@code name}, strongSwan 5.9.x+), or null for all
 */
public record GetPoolsRequest(boolean leases, String name) implements ViciRequest {

    /** All pools without leases. */
    public static final GetPoolsRequest ALL = new GetPoolsRequest(false, null);
    /** All pools with their leases. */
    public static final GetPoolsRequest ALL_WITH_LEASES = new GetPoolsRequest(true, null);

    public GetPoolsRequest {
        Check.optionalValue("name", name);
    }

    @Override
    public ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder();
        if (leases) {
            b.add("leases", true);
        }
        if (name != null) {
            b.add("name", name);
        }
        return b.build();
    }
}
