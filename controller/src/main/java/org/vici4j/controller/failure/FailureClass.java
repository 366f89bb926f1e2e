package org.vici4j.controller.failure;

import java.util.Optional;

import org.vici4j.controller.status.WireName;

/**
 * Why an attempt to bring up a CHILD_SA failed, in strongSwan's alert vocabulary: the wire names are
 * the {@code alert} event types of strongSwan 6.0.3+ and are also used for failures derived from the
 * log lines of older daemons ({@link WireName}: the constant's name in lower case with dashes).
 */
public enum FailureClass implements WireName {
    /** The kernel refused the SAs (SAD): e.g. "unable to install inbound and outbound IPsec SA (SAD) in kernel". */
    INSTALL_CHILD_SA_FAILED(Kind.KERNEL),
    /** The kernel refused the policies (SPD) or the route: "unable to install IPsec policies (SPD) in kernel". */
    INSTALL_CHILD_POLICY_FAILED(Kind.KERNEL),
    /** No common ESP/AH proposal, or the peer answered NO_PROPOSAL_CHOSEN for the CHILD_SA. */
    PROPOSAL_MISMATCH_CHILD(Kind.CONFIG),
    /** No common IKE proposal, or no IKE config matching the peer. */
    PROPOSAL_MISMATCH_IKE(Kind.CONFIG),
    /** Traffic selectors unacceptable (locally, or TS_UNACCEPTABLE from the peer). */
    TS_MISMATCH(Kind.CONFIG),
    /** The peer could not be authenticated here (bad PSK, untrusted key, ...). */
    PEER_AUTH_FAILED(Kind.CONFIG),
    /** The peer did not accept our authentication (AUTHENTICATION_FAILED from the peer). */
    LOCAL_AUTH_FAILED(Kind.CONFIG),
    /**
     * charon refused to load the connection ({@code load-conn} answered {@code success = no}, e.g. "invalid value
     * for: local_ts"): the configuration is wrong for this charon; nothing is attempted until it changes.
     */
    CONFIG_REJECTED(Kind.CONFIG),
    /** The peer did not answer the IKE_SA_INIT. */
    PEER_INIT_UNREACHABLE(Kind.TRANSIENT),
    /** A later exchange was retransmitted until charon gave up. */
    RETRANSMIT_SEND_TIMEOUT(Kind.TRANSIENT),
    /** Anything else. */
    UNKNOWN(Kind.TRANSIENT);

    /** Broad category, used by the retry policy. */
    public enum Kind {
        /** Will not fix itself: a configuration (or credential) disagreement. Backs off to the cap quickly. */
        CONFIG,
        /** A kernel install failure. Keeps retrying at the cap, never gives up. */
        KERNEL,
        /** Network or unknown: ordinary exponential backoff. */
        TRANSIENT
    }

    private final Kind kind;

    FailureClass(Kind kind) {
        this.kind = kind;
    }

    /** @return the broad category */
    public Kind kind() {
        return kind;
    }

    /** @return whether retrying cannot help until configuration changes on one side */
    public boolean isConfigType() {
        return kind == Kind.CONFIG;
    }

    /** @return whether this is a kernel install failure */
    public boolean isKernel() {
        return kind == Kind.KERNEL;
    }

    /** @return the class with that wire name, if any */
    public static Optional<FailureClass> fromWireName(String name) {
        return WireName.lookup(FailureClass.class, name);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
