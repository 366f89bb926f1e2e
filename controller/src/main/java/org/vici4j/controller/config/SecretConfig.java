package org.vici4j.controller.config;

import org.vici4j.client.message.ViciSection;

/**
 * A credential under {@code secrets.<name>}; the name's prefix says which kind, as in swanctl.conf:
 * {@code ike-*}, {@code eap-*}, {@code xauth-*}, {@code ntlm-*}, {@code ppk-*} are
 * {@link SharedSecret}s, {@code private-*}, {@code rsa-*}, {@code ecdsa-*}, {@code pkcs8-*} are
 * {@link PrivateKeySecret}s, {@code token-*} are {@link TokenSecret}s.
 */
public sealed interface SecretConfig permits SharedSecret, PrivateKeySecret, TokenSecret {

    /** @return the section name, e.g. "ike-gw" */
    String name();

    /** @return the VICI command that loads it: load-shared, load-key or load-token */
    default String command() {
        if (this instanceof SharedSecret) {
            return "load-shared";
        }
        return this instanceof PrivateKeySecret ? "load-key" : "load-token";
    }

    /** @return the request message for {@link #command()} (its toString redacts the secret) */
    ViciSection toRequest();
}
