package org.vici4j.controller.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.vici4j.client.command.LoadTokenRequest;
import org.vici4j.client.message.ViciSection;

/**
 * A private key on a PKCS#11 token ({@code token-*}), loaded with {@code load-token}:
 * {@code handle} (hex CKA_ID), optional {@code slot}, {@code module} and {@code pin}.
 */
public record TokenSecret(String name, String handle, OptionalLong slot, Optional<String> module,
                          Optional<SecretValue> pin) implements SecretConfig {

    public TokenSecret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(pin, "pin");
    }

    @Override
    public ViciSection toRequest() {
        ViciSection.Builder b = ViciSection.builder().add("handle", handle);
        slot.ifPresent(s -> b.add("slot", s));
        module.ifPresent(m -> b.add("module", m));
        pin.ifPresent(p -> b.add("pin", p.bytes()));
        return b.build();
    }

    /** @return the typed {@code load-token} request for this key (the PIN, if any, is redacted in its toString) */
    public LoadTokenRequest toLoadToken() {
        return new LoadTokenRequest(handle, slot.isPresent() ? slot.getAsLong() : null, module.orElse(null),
                pin.map(SecretValue::bytes).orElse(null));
    }
}
