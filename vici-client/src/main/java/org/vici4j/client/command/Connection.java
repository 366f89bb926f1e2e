package org.vici4j.client.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * A loaded connection as charon describes it in {@code list-conn} events. Keys charon sends
 * only sometimes are {@code Optional}s; unknown keys stay available in {@link #raw()}.
 *
 * @param name connection (IKE_SA config) name: the key of the section
 * @param localAddrs local IKE endpoint addresses
 * @param remoteAddrs remote IKE endpoint addresses
 * @param localPort local IKE port (strongSwan 6 / 5.9.x with local_port)
 * @param remotePort remote IKE port
 * @param version IKE version: {@code IKEv1}, {@code IKEv2} or {@code 0} for any ("" if absent)
 * @param reauthTime reauthentication interval in seconds, if sent
 * @param rekeyTime IKE rekeying interval in seconds, if sent
 * @param unique uniqueness policy, e.g. {@code UNIQUE_NO}, if sent
 * @param dpdDelay DPD interval in seconds, if configured
 * @param dpdTimeout DPD timeout in seconds, if configured
 * @param ppkId PPK identity, if configured
 * @param ppkRequired whether a PPK is required
 * @param local local authentication rounds ({@code local-1}, {@code local-2}, ...) in order
 * @param remote remote authentication rounds ({@code remote-1}, ...) in order
 * @param children CHILD_SA configurations in order
 * @param raw the connection's section as received
 */
public record Connection(String name, List<String> localAddrs, List<String> remoteAddrs, OptionalInt localPort,
        OptionalInt remotePort, String version, OptionalLong reauthTime, OptionalLong rekeyTime,
        Optional<String> unique, OptionalLong dpdDelay, OptionalLong dpdTimeout, Optional<String> ppkId,
        boolean ppkRequired, List<AuthRound> local, List<AuthRound> remote, List<ChildConfig> children,
        ViciSection raw) {

    public Connection {
        Fields.requireNonNull("name, version, raw", name, version, raw);
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        local = List.copyOf(local);
        remote = List.copyOf(remote);
        children = List.copyOf(children);
    }

    /** Reads the connection section {@code s} named {@code name}. */
    public static Connection from(String name, ViciSection s) {
        List<AuthRound> local = new ArrayList<>();
        List<AuthRound> remote = new ArrayList<>();
        for (Map.Entry<String, ViciSection> e : Fields.sectionEntries(s)) {
            String key = e.getKey();
            if (key.equals("local") || key.startsWith("local-")) {
                local.add(AuthRound.from(key, e.getValue()));
            } else if (key.equals("remote") || key.startsWith("remote-")) {
                remote.add(AuthRound.from(key, e.getValue()));
            }
        }
        List<ChildConfig> children = Fields.sections(Fields.sec(s, "children"), ChildConfig::from);
        return new Connection(name, Fields.list(s, "local_addrs"), Fields.list(s, "remote_addrs"),
                Fields.optInt(s, "local_port"), Fields.optInt(s, "remote_port"), Fields.str(s, "version"),
                Fields.optNum(s, "reauth_time"), Fields.optNum(s, "rekey_time"), Fields.opt(s, "unique"),
                Fields.optNum(s, "dpd_delay"), Fields.optNum(s, "dpd_timeout"), Fields.opt(s, "ppk_id"),
                Fields.yes(s, "ppk_required"), local, remote, children, s);
    }

    /** Reads every connection section of a {@code list-conn} event (normally exactly one). */
    public static List<Connection> fromEvent(ViciSection event) {
        return Fields.sections(event, Connection::from);
    }

    /** @return the CHILD_SA configuration with the given name */
    public Optional<ChildConfig> child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }
}
