package org.vici4j.client.command;

import java.util.Locale;

/** Types of private keys for {@code load-key}. */
public enum PrivateKeyType {
    /** Let charon detect the type. */
    ANY, RSA, ECDSA, ED25519, ED448;

    /** @return the name sent to charon, lower case as swanctl sends it, e.g. {@code rsa} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
