package org.vici4j.client.command;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * A CHILD_SA configuration of a connection in {@code list-conn} events.
 *
 * @param name CHILD_SA configuration name
 * @param mode IPsec mode, e.g. {@code TUNNEL} ("" if absent)
 * @param label hex security label, if any
 * @param rekeyTime rekeying interval in seconds, if sent
 * @param rekeyBytes rekeying volume in bytes, if sent
 * @param rekeyPackets rekeying volume in packets, if sent
 * @param dpdAction DPD action, e.g. {@code clear}, if sent
 * @param closeAction close action, if sent
 * @param localTs local traffic selectors
 * @param remoteTs remote traffic selectors
 * @param iface interface restriction ({@code interface}), if any
 * @param priority manual policy priority, if any
 * @param raw the section as received
 */
public record ChildConfig(String name, String mode, Optional<String> label, OptionalLong rekeyTime,
        OptionalLong rekeyBytes, OptionalLong rekeyPackets, Optional<String> dpdAction, Optional<String> closeAction,
        List<String> localTs, List<String> remoteTs, Optional<String> iface, OptionalLong priority,
        ViciSection raw) {

    public ChildConfig {
        Fields.requireNonNull("name, mode, raw", name, mode, raw);
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    /** Reads a CHILD_SA configuration section. */
    public static ChildConfig from(String name, ViciSection s) {
        return new ChildConfig(name, Fields.str(s, "mode"), Fields.opt(s, "label"), Fields.optNum(s, "rekey_time"),
                Fields.optNum(s, "rekey_bytes"), Fields.optNum(s, "rekey_packets"), Fields.opt(s, "dpd_action"),
                Fields.opt(s, "close_action"), Fields.list(s, "local-ts"), Fields.list(s, "remote-ts"),
                Fields.opt(s, "interface"), Fields.optNum(s, "priority"), s);
    }
}
