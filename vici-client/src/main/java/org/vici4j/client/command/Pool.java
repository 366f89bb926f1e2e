package org.vici4j.client.command;

import java.util.List;
import java.util.Objects;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * A virtual IP pool from {@code get-pools}.
 *
 * @param name pool name
 * @param base base address ("" if absent); for a pool given as a subnet, 5.9 reports the subnet's address, 6.x the
 *     first address it hands out (10.99.0.0/28: 10.99.0.0 and 10.99.0.1; both leave out network and broadcast)
 * @param size number of addresses
 * @param online leases online
 * @param offline leases offline
 * @param leases the leases, only when requested with {@code leases = yes}
 * @param raw the pool's section as received
 */
public record Pool(String name, String base, long size, long online, long offline, List<Lease> leases,
        ViciSection raw) {

    public Pool {
        Fields.requireNonNull("name, base, raw", name, base, raw);
        leases = List.copyOf(leases);
    }

    /**
     * One lease of a pool.
     *
     * @param index the zero-based index charon numbers the lease with (the section key)
     * @param address leased address
     * @param identity identity the address is assigned to
     * @param status {@code online} or {@code offline}
     * @param raw the lease's section as received
     */
    public record Lease(String index, String address, String identity, String status, ViciSection raw) {

        public Lease {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(raw, "raw");
        }

        /** @return whether the status is {@code online} */
        public boolean isOnline() {
            return "online".equals(status);
        }
    }

    /** Reads a pool section. */
    public static Pool from(String name, ViciSection s) {
        List<Lease> leases = Fields.sections(Fields.sec(s, "leases"), (key, l) -> new Lease(key,
                Fields.str(l, "address"), Fields.str(l, "identity"), Fields.str(l, "status"), l));
        return new Pool(name, Fields.str(s, "base"), Fields.num(s, "size"), Fields.num(s, "online"),
                Fields.num(s, "offline"), leases, s);
    }

    /** Reads every pool of a {@code get-pools} response. */
    public static List<Pool> fromResponse(ViciSection response) {
        return List.copyOf(Fields.sections(response, Pool::from));
    }
}
