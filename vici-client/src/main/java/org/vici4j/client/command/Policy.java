package org.vici4j.client.command;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * An installed trap, drop or bypass policy from {@code list-policy} events.
 *
 * @param key section key: {@code <ike>/<child>} or {@code <child>} (strongSwan 5.9.8 and 6)
 * @param child CHILD_SA configuration name (from {@code child}; the part after the last '/' of the key if absent)
 * @param ike IKE_SA configuration name or namespace, if charon sent it
 * @param reqid reqid of a trap policy, if sent (strongSwan 6)
 * @param mode policy mode, e.g. {@code TUNNEL}, {@code PASS}, {@code DROP} ("" if absent)
 * @param label hex security label, if any
 * @param localTs local traffic selectors
 * @param remoteTs remote traffic selectors
 * @param raw the section as received
 */
public record Policy(String key, String child, Optional<String> ike, OptionalLong reqid, String mode,
        Optional<String> label, List<String> localTs, List<String> remoteTs, ViciSection raw) {

    public Policy {
        Fields.requireNonNull("key, child, mode, raw", key, child, mode, raw);
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    /** Reads a policy section found under {@code key}. */
    public static Policy from(String key, ViciSection s) {
        String fallbackChild = key.substring(key.lastIndexOf('/') + 1);
        return new Policy(key, s.stringOr("child", fallbackChild), Fields.opt(s, "ike"), Fields.optNum(s, "reqid"),
                Fields.str(s, "mode"), Fields.opt(s, "label"), Fields.list(s, "local-ts"),
                Fields.list(s, "remote-ts"), s);
    }

    /** Reads every policy section of a {@code list-policy} event (normally exactly one). */
    public static List<Policy> fromEvent(ViciSection event) {
        return Fields.sections(event, Policy::from);
    }
}
