package org.vici4j.client.command;

/** Certificate types as {@code load-cert}, {@code list-certs} and {@code flush-certs} name them. */
public enum CertType {
    X509, X509_AC, X509_CRL, OCSP_RESPONSE, PUBKEY,
    /** Any type: only valid as a filter ({@code list-certs}, {@code flush-certs}). */
    ANY;

    /** @return the name sent to charon */
    public String wireName() {
        return name();
    }
}
