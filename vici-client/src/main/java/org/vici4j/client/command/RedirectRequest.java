package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.command.internal.OptionalArgs;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code redirect} (IKEv2, RFC 5685; the peer must support it). {@code gateway} and
 * at least one selector are required; unset (null) fields are not sent.
 *
 * @param ike redirect IKE_SAs by configuration name ({@code ike})
 * @param ikeId redirect the IKE_SA with this unique id ({@code ike-id})
 * @param peerIp redirect IKE_SAs whose peer address matches: address, CIDR subnet or range ({@code peer-ip})
 * @param peerId redirect IKE_SAs whose peer identity matches, wildcards allowed ({@code peer-id})
 * @param gateway identity (usually the address) of the gateway to redirect to ({@code gateway})
 */
public record RedirectRequest(String ike, Long ikeId, String peerIp, String peerId, String gateway)
        implements ViciRequest {

    public RedirectRequest {
        Check.optionalValue("ike", ike);
        Check.id("ikeId", ikeId);
        Check.optionalValue("peerIp", peerIp);
        Check.optionalValue("peerId", peerId);
        Check.value("gateway (the gateway to redirect to)", gateway);
        if (ike == null && ikeId == null && peerIp == null && peerId == null) {
            throw new IllegalArgumentException("redirect needs a selector: set ike, ikeId, peerIp or peerId");
        }
    }

    /** Redirects the IKE_SAs of configuration {@code ike} to {@code gateway}. */
    public static RedirectRequest ike(String ike, String gateway) {
        return new RedirectRequest(ike, null, null, null, gateway);
    }

    @Override
    public ViciSection toMessage() {
        return OptionalArgs.message()
                .add("ike", ike)
                .add("ike-id", ikeId)
                .add("peer-ip", peerIp)
                .add("peer-id", peerId)
                .required("gateway", gateway)
                .build();
    }
}
