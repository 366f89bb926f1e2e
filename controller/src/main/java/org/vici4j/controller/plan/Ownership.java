package org.vici4j.controller.plan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one owner (a controller, or {@code vici apply}) loaded into charon before: only these objects are ever
 * unloaded by a plan, and the recorded options of a connection tell whether the desired configuration changed since
 * it was loaded. Connections loaded by others are never unloaded.
 */
public interface Ownership {

    /** @return the owner tag */
    String owner();

    /** @return the connections this owner loaded */
    Set<String> connections();

    /** @return the secrets this owner loaded: section name to {@code <command>:<id to unload by>} */
    Map<String, String> secrets();

    /** @return the pools this owner loaded */
    Set<String> pools();

    /** @return the authorities this owner loaded */
    Set<String> authorities();

    /**
     * @return the options of the connection as this owner last loaded them (flattened option paths, no secret
     *     values), if recorded
     */
    Optional<Map<String, String>> appliedOptions(String connection);

    /**
     * @param key {@code secret:<name>}, {@code pool:<name>} or {@code authority:<name>}
     * @return the digest of the request that last loaded that object, if this owner remembers it
     */
    Optional<String> appliedDigest(String key);

    /** @return an owner that loaded nothing */
    static Ownership none(String owner) {
        return new Ownership() {
            @Override
            public String owner() {
                return owner;
            }

            @Override
            public Set<String> connections() {
                return Set.of();
            }

            @Override
            public Map<String, String> secrets() {
                return Map.of();
            }

            @Override
            public Set<String> pools() {
                return Set.of();
            }

            @Override
            public Set<String> authorities() {
                return Set.of();
            }

            @Override
            public Optional<Map<String, String>> appliedOptions(String connection) {
                return Optional.empty();
            }

            @Override
            public Optional<String> appliedDigest(String key) {
                return Optional.empty();
            }
        };
    }
}
