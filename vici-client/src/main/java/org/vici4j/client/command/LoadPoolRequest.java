package org.vici4j.client.command;

import java.util.List;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code load-pool}: one virtual IP / attribute pool, sent as
 * {@code { <name> = { addrs = <subnet or range>, <attribute> = [ ... ]* } }}.
 *
 * @param name pool name (the section key)
 * @param config the pool's section
 */
public record LoadPoolRequest(String name, ViciSection config) implements NamedSection {

    public LoadPoolRequest {
        NamedSection.check("pool name", name, config);
    }

    /** @return a builder */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds the pool section from typed values. */
    public static final class Builder extends NamedSection.Builder {

        private Builder(String name) {
            super("pool name", name);
        }

        /** {@code addrs}: the subnet ({@code 10.3.0.0/24}) or range ({@code 10.3.0.10-10.3.0.20}) to lease. */
        public Builder addrs(String addrs) {
            section.add("addrs", Check.value("addrs", addrs));
            return this;
        }

        /**
         * An attribute list: {@code dns}, {@code nbns}, {@code dhcp}, {@code netmask},
         * {@code server}, {@code subnet}, {@code split_include}, {@code split_exclude},
         * {@code p_cscf} (6.x) or a numeric attribute type.
         */
        public Builder attribute(String type, String... values) {
            section.addList(Check.name("attribute type", type), List.of(values));
            return this;
        }

        public LoadPoolRequest build() {
            return new LoadPoolRequest(name, section.build());
        }
    }
}
