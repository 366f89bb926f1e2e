package org.vici4j.controller.plan;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.vici4j.client.ViciClient;
import org.vici4j.controller.internal.ClientCharon;
import org.vici4j.controller.internal.Observer;

/**
 * What charon has, as one full observation shows it: every connection name it has anything of (loaded
 * configuration, IKE_SAs, trap policies) and its charon-wide objects. Built by {@link #observe} with a handful of
 * requests whatever the number of connections ({@code list-conns}, {@code list-sas} with {@code noblock},
 * {@code list-policies} of traps, {@code get-shared}, {@code get-pools}, {@code get-authorities}), or kept current
 * from events by the controller. Immutable.
 *
 * @param version charon's version, or null if not known
 * @param connections by name, in charon's order
 * @param sharedIds the ids of the shared secrets charon has ({@code get-shared}); empty if this charon cannot list
 *     them
 * @param pools the names of the pools charon has; empty if unknown
 * @param authorities the names of the authorities charon has; empty if unknown
 */
public record ObservedState(String version, Map<String, ObservedConnection> connections,
        Optional<Set<String>> sharedIds, Optional<Set<String>> pools, Optional<Set<String>> authorities) {

    public ObservedState {
        connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        sharedIds = sharedIds.map(Set::copyOf);
        pools = pools.map(Set::copyOf);
        authorities = authorities.map(Set::copyOf);
    }

    /** @return an observation of a charon that has nothing */
    public static ObservedState empty() {
        return new ObservedState(null, Map.of(), Optional.of(Set.of()), Optional.of(Set.of()), Optional.of(Set.of()));
    }

    /** @return what charon has of this name ({@link ObservedConnection#absent} if nothing) */
    public ObservedConnection connection(String name) {
        ObservedConnection c = connections.get(Objects.requireNonNull(name, "name"));
        return c != null ? c : ObservedConnection.absent(name);
    }

    /**
     * Observes charon fully, with one request per kind of object whatever their number.
     *
     * @param client a connected client
     * @param timeout how long each request may take
     * @return what charon has now
     * @throws org.vici4j.client.ViciException if charon cannot be reached or fails
     */
    public static ObservedState observe(ViciClient client, Duration timeout) {
        return Observer.over(new ClientCharon(client), timeout).observe();
    }
}
