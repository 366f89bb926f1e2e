package org.vici4j.controller.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.vici4j.client.message.ViciSection;

/**
 * The algorithms one charon's plugins offer, as its {@code get-algorithms} command lists them: per type
 * ({@code encryption}, {@code aead}, {@code integrity}, {@code prf}, {@code dh} on strongSwan 5.x or {@code ke} on
 * 6.x, ...) the algorithm names (e.g. {@code AES_CBC}, {@code HMAC_SHA2_256_128}, {@code CURVE_25519}). Given to
 * {@link DesiredStateLoader.Builder#algorithms(CharonAlgorithms)}, proposals naming an algorithm this charon does
 * not offer are refused with their file and line before anything is sent.
 */
public final class CharonAlgorithms {

    private final Map<String, Set<String>> byType;
    private final String charon;

    private CharonAlgorithms(Map<String, Set<String>> byType, String charon) {
        this.byType = byType;
        this.charon = charon;
    }

    /**
     * @param response the answer to {@code get-algorithms}
     * @param charon how to name this charon in messages, e.g. its URI or "charon 5.9.8"
     */
    public static CharonAlgorithms of(ViciSection response, String charon) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        for (String type : response.keys()) {
            response.section(type).ifPresent(s -> m.put(type, Set.copyOf(new LinkedHashSet<>(s.keys()))));
        }
        return new CharonAlgorithms(Map.copyOf(m), Objects.requireNonNull(charon, "charon"));
    }

    /**
     * @param type a type as get-algorithms names it; {@code dh} and {@code ke} (key exchange: 5.x and 6.x) are
     *     the same
     * @return whether charon lists the algorithm under that type
     */
    public boolean offers(String type, String name) {
        if (type.equals("dh") || type.equals("ke")) {
            return byType.getOrDefault("dh", Set.of()).contains(name) || byType.getOrDefault("ke", Set.of())
                    .contains(name);
        }
        return byType.getOrDefault(type, Set.of()).contains(name);
    }

    /** @return how this charon is named in messages */
    public String charon() {
        return charon;
    }

    @Override
    public String toString() {
        return "CharonAlgorithms" + byType;
    }
}
