package org.vici4j.cli.internal;

import org.vici4j.client.message.ViciSection;

/**
 * The SA a command acts on: a CHILD_SA or IKE_SA by configuration name or unique id (swanctl's
 * {@code -c}, {@code -i}, {@code -C}, {@code -I}). Each command declares the options (with its own
 * verb in the help) as setters in a subclass.
 */
abstract class SaSelector {

    String child;
    String ike;
    Long childId;
    Long ikeId;

    /** @return a message holding the selected SA (child, ike, child-id or ike-id) */
    ViciSection.Builder message() {
        ViciSection.Builder m = ViciSection.builder();
        if (child != null) {
            m.add("child", child);
        }
        if (ike != null) {
            m.add("ike", ike);
        }
        if (childId != null) {
            m.add("child-id", childId);
        }
        if (ikeId != null) {
            m.add("ike-id", ikeId);
        }
        return m;
    }
}
