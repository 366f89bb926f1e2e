package org.vici4j.client.command;

import java.util.Locale;

/** Types of shared secrets for {@code load-shared}. */
public enum SharedKeyType {
    /** IKE pre-shared key. */
    IKE,
    /** EAP secret. */
    EAP,
    /** XAuth password. */
    XAUTH,
    /** NTLM hash. */
    NTLM,
    /** Postquantum preshared key (RFC 8784). */
    PPK;

    /** @return the name sent to charon, e.g. {@code IKE} */
    public String wireName() {
        return name().toUpperCase(Locale.ROOT);
    }
}
