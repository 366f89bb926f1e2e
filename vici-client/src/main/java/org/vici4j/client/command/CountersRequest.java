package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code get-counters} and {@code reset-counters} (counters plugin).
 *
 * @param name connection name ({@code name}); null for the global counters
 * @param all all connections ({@code all = yes}); {@code name} is then ignored by charon
 */
public record CountersRequest(String name, boolean all) implements ViciRequest {

    /** The global counters. */
    public static final CountersRequest GLOBAL = new CountersRequest(null, false);
    /** The counters of all connections. */
    public static final CountersRequest ALL = new CountersRequest(null, true);

    public CountersRequest {
        Check.optionalValue("name", name);
    }

    /** The counters of connection {@code name}. */
    public static CountersRequest connection(String name) {
        return new CountersRequest(Check.value("name", name), false);
    }

    @Override
    public ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder();
        if (name != null) {
            b.add("name", name);
        }
        if (all) {
            b.add("all", true);
        }
        return b.build();
    }
}
