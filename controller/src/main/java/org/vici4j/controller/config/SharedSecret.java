package org.vici4j.controller.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.vici4j.client.message.ViciSection;

/**
 * A shared secret ({@code ike-*}, {@code eap-*}, {@code xauth-*}, {@code ntlm-*}, {@code ppk-*}),
 * loaded with {@code load-shared}: {@code id} = the section name (so it can be unloaded by name),
 * {@code type}, {@code data}, and {@code owners} = the identities from {@code id*} keys.
 */
public record SharedSecret(String name, Type type, SecretValue data, List<String> owners) implements SecretConfig {

    /** The secret types of load-shared. */
    public enum Type {
        IKE, EAP, XAUTH, NTLM, PPK;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SharedSecret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        owners = List.copyOf(owners);
    }

    @Override
    public ViciSection toRequest() {
        return ViciSection.builder()
                .add("id", name)
                .add("type", type.wireName())
                .add("data", data.bytes())
                .addList("owners", owners)
                .build();
    }
}
