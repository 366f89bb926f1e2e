package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code install} and {@code uninstall}: the trap, drop or bypass policy of a
 * CHILD_SA configuration.
 *
 * @param child CHILD_SA configuration name ({@code child}), required
 * @param ike IKE_SA configuration name to find the child under ({@code ike}); null = the first match
 */
public record PolicyRequest(String child, String ike) implements ViciRequest {

    public PolicyRequest {
        Check.value("child", child);
        Check.optionalValue("ike", ike);
    }

    /** The policy of CHILD_SA configuration {@code child}, under any IKE_SA configuration. */
    public static PolicyRequest child(String child) {
        return new PolicyRequest(child, null);
    }

    @Override
    public ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder().add("child", child);
        if (ike != null) {
            b.add("ike", ike);
        }
        return b.build();
    }
}
