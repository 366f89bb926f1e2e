package org.vici4j.controller.config;

import java.util.Locale;
import java.util.Objects;
import org.vici4j.client.message.ViciSection;

/**
 * A private key ({@code private-*} or {@code pkcs8-*}: any type, {@code rsa-*}, {@code ecdsa-*}),
 * loaded with {@code load-key}: {@code type} and {@code data} (the unencrypted key, PEM or DER).
 */
public record PrivateKeySecret(String name, KeyType type, SecretValue data) implements SecretConfig {

    /** The key types of load-key. */
    public enum KeyType {
        ANY, RSA, ECDSA;

        /** @return the name load-key takes: any, rsa or ecdsa */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PrivateKeySecret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public ViciSection toRequest() {
        return ViciSection.builder().add("type", type.wireName()).add("data", data.bytes()).build();
    }
}
