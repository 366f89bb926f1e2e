package org.vici4j.client.command;

import java.util.Map;
import java.util.Objects;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * The answer of {@code get-counters} (counters plugin): per connection name ("" for the global
 * counters), counter name (e.g. {@code ike-rekey-init}, {@code ike-auth-in-req}) to value.
 *
 * @param byConnection connection name ("" = global) to (counter to value), in charon's order
 * @param raw the response as received
 */
public record Counters(Map<String, Map<String, Long>> byConnection, ViciSection raw) {

    public Counters {
        byConnection = Fields.orderedDeepCopy(byConnection);
        Objects.requireNonNull(raw, "raw");
    }

    /** Reads the response of {@code get-counters}. */
    public static Counters from(ViciSection r) {
        return new Counters(Fields.sectionMap(Fields.sec(r, "counters"), Fields::numbers), r);
    }

    /** @return the global counters, empty if not part of the answer */
    public Map<String, Long> global() {
        return byConnection.getOrDefault("", Map.of());
    }

    /** @return the counters of connection {@code name}, empty if not part of the answer */
    public Map<String, Long> of(String name) {
        return byConnection.getOrDefault(name, Map.of());
    }
}
