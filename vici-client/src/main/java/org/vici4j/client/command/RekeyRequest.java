package org.vici4j.client.command;

import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code rekey}. At least one selector is required; unset (null) fields are not sent.
 *
 * @param child rekey CHILD_SAs by configuration name ({@code child})
 * @param ike rekey IKE_SAs by configuration name ({@code ike})
 * @param childId rekey the CHILD_SA with this unique id ({@code child-id})
 * @param ikeId rekey the IKE_SA with this unique id ({@code ike-id})
 * @param reauth reauthenticate instead of rekeying an IKEv2 SA ({@code reauth})
 */
public record RekeyRequest(String child, String ike, Long childId, Long ikeId, Boolean reauth)
        implements ViciRequest {

    public RekeyRequest {
        SaSelector.check("rekey", child, ike, childId, ikeId);
    }

    /** Rekeys the IKE_SAs of configuration {@code ike}. */
    public static RekeyRequest ike(String ike) {
        return new RekeyRequest(null, ike, null, null, null);
    }

    /** Rekeys the CHILD_SAs of configuration {@code child}. */
    public static RekeyRequest child(String child) {
        return new RekeyRequest(child, null, null, null, null);
    }

    /** Rekeys the IKE_SA with unique id {@code ikeId}. */
    public static RekeyRequest ikeId(long ikeId) {
        return new RekeyRequest(null, null, null, ikeId, null);
    }

    /** Rekeys the CHILD_SA with unique id {@code childId}. */
    public static RekeyRequest childId(long childId) {
        return new RekeyRequest(null, null, childId, null, null);
    }

    /** @return a copy that reauthenticates instead of rekeying (IKEv2) */
    public RekeyRequest withReauth(boolean reauth) {
        return new RekeyRequest(child, ike, childId, ikeId, reauth);
    }

    @Override
    public ViciSection toMessage() {
        return SaSelector.message(child, ike, childId, ikeId)
                .add("reauth", reauth)
                .build();
    }
}
