package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.command.internal.OptionalArgs;

/**
 * The SA selector that {@code terminate} and {@code rekey} share (and {@code initiate} in part): {@code child} and
 * {@code ike} configuration names, {@code child-id} and {@code ike-id} unique ids. Its checks and its keys, in
 * charon's order, stand here once.
 */
final class SaSelector {

    private SaSelector() {
    }

    /**
     * Checks each selector field and that at least one is set.
     *
     * @param command the command, for the message (e.g. {@code terminate})
     * @throws IllegalArgumentException naming the field that is wrong, or saying that none is set
     */
    static void check(String command, String child, String ike, Long childId, Long ikeId) {
        Check.optionalValue("child", child);
        Check.optionalValue("ike", ike);
        Check.id("childId", childId);
        Check.id("ikeId", ikeId);
        if (child == null && ike == null && childId == null && ikeId == null) {
            throw new IllegalArgumentException(command + " needs a selector: set child, ike, childId or ikeId");
        }
    }

    /** @return a request message holding the set selector fields ({@code child}, {@code ike}, {@code child-id}, {@code ike-id}) */
    static OptionalArgs message(String child, String ike, Long childId, Long ikeId) {
        return OptionalArgs.message()
                .add("child", child)
                .add("ike", ike)
                .add("child-id", childId)
                .add("ike-id", ikeId);
    }
}
