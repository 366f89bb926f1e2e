package org.vici4j.client.command;

import java.util.Map;
import java.util.Objects;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * The answer of {@code get-algorithms}: per algorithm type ({@code encryption}, {@code integrity},
 * {@code aead}, {@code hasher}, {@code prf}, {@code xof}, {@code kdf}, {@code drbg},
 * {@code dh} (5.x) / {@code ke} (6.x), {@code rng}, {@code nonce-gen}), algorithm name to the
 * plugin implementing it.
 *
 * @param byType type to (algorithm to plugin), in charon's order
 * @param raw the response as received
 */
public record Algorithms(Map<String, Map<String, String>> byType, ViciSection raw) {

    public Algorithms {
        byType = Fields.orderedDeepCopy(byType);
        Objects.requireNonNull(raw, "raw");
    }

    /** Reads the response of {@code get-algorithms}. */
    public static Algorithms from(ViciSection r) {
        return new Algorithms(Fields.sectionMap(r, Fields::values), r);
    }

    /** @return algorithm to plugin for {@code type}, empty if charon listed no such type */
    public Map<String, String> of(String type) {
        return byType.getOrDefault(type, Map.of());
    }
}
