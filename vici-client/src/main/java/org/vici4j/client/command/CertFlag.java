package org.vici4j.client.command;

/** X.509 certificate flags as {@code load-cert} and {@code list-certs} name them. */
public enum CertFlag {
    NONE, CA, AA, OCSP,
    /** Any flag: only valid as a {@code list-certs} filter. */
    ANY;

    /** @return the name sent to charon */
    public String wireName() {
        return name();
    }
}
