package org.vici4j.client.command;

import java.util.Objects;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * The request shape that {@code load-conn}, {@code load-pool} and {@code load-authority} share: one section
 * {@code { <name> = { <config> } }}. Its checks, its message and the base of its builders stand here once.
 */
interface NamedSection extends ViciRequest {

    /** @return the section's name, its key in the message */
    String name();

    /** @return the section */
    ViciSection config();

    /** @return {@code { name = { config } }} */
    @Override
    default ViciSection toMessage() {
        return ViciSection.builder().addSection(name(), config()).build();
    }

    /**
     * Checks the section's name (a VICI key) and that there is a configuration.
     *
     * @param what what the name names, for the message (e.g. {@code pool name})
     */
    static void check(String what, String name, ViciSection config) {
        Check.name(what, name);
        Objects.requireNonNull(config, "config");
    }

    /** Base of a builder of one named section: its checked name and the section being built. */
    abstract class Builder {
        final String name;
        final ViciSection.Builder section = ViciSection.builder();

        Builder(String what, String name) {
            this.name = Check.name(what, name);
        }
    }
}
