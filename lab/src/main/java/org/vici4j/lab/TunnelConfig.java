package org.vici4j.lab;

import java.util.Objects;

/**
 * A site-to-site PSK tunnel between two lab gateways, written as swanctl.conf text for one side:
 * the IKE connection and its CHILD_SA are both named after {@code name}, the traffic selectors
 * are the two gateways' subnets, and the secret is shared by the two gateways' identities
 * (their names).
 */
public final class TunnelConfig {
    private final String name;
    private final Gateway local;
    private final Gateway remote;
    private String secret = "lab-secret";
    private String espProposals = "aes128gcm16";
    private String localTs;
    private String remoteTs;

    private TunnelConfig(String name, Gateway local, Gateway remote) {
        this.name = Objects.requireNonNull(name);
        this.local = Objects.requireNonNull(local);
        this.remote = Objects.requireNonNull(remote);
        this.localTs = local.subnet();
        this.remoteTs = remote.subnet();
    }

    public static TunnelConfig psk(String name, Gateway local, Gateway remote) {
        return new TunnelConfig(name, local, remote);
    }

    public TunnelConfig secret(String value) {
        this.secret = value;
        return this;
    }

    public TunnelConfig espProposals(String value) {
        this.espProposals = value;
        return this;
    }

    public TunnelConfig trafficSelectors(String localTs, String remoteTs) {
        this.localTs = localTs;
        this.remoteTs = remoteTs;
        return this;
    }

    /** The connection's swanctl.conf section, without secrets. */
    public String connectionSection() {
        return "  " + name + " {\n"
                + "    local_addrs = " + local.address() + "\n"
                + "    remote_addrs = " + remote.address() + "\n"
                + "    local {\n      auth = psk\n      id = " + local.name() + "\n    }\n"
                + "    remote {\n      auth = psk\n      id = " + remote.name() + "\n    }\n"
                + "    children {\n      " + name + " {\n"
                + "        local_ts = " + localTs + "\n"
                + "        remote_ts = " + remoteTs + "\n"
                + "        esp_proposals = " + espProposals + "\n"
                + "      }\n    }\n  }\n";
    }

    /** The shared secret's swanctl.conf section. */
    public String secretSection() {
        return "  ike-" + name + " {\n    id-1 = " + local.name() + "\n    id-2 = " + remote.name()
                + "\n    secret = \"" + secret + "\"\n  }\n";
    }

    /** A complete swanctl.conf for this side. */
    public String toSwanctlConf() {
        return "connections {\n" + connectionSection() + "}\nsecrets {\n" + secretSection() + "}\n";
    }
}
