package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.vici4j.client.Futures;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.ListPoliciesRequest;
import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.command.Policy;
import org.vici4j.client.command.Pool;
import org.vici4j.client.command.Version;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;

/**
 * One full observation of charon, with one request per kind of object whatever their number: {@code version},
 * {@code list-conns}, {@code list-sas} ({@code noblock}), {@code list-policies} of traps, {@code get-shared},
 * {@code get-pools} and {@code get-authorities}.
 */
public final class Observer {

    /** Trap policies, of every configuration. */
    private static final ListPoliciesRequest TRAPS = new ListPoliciesRequest(true, false, false, null, null);

    /** The requests one observation sends. */
    public static final int REQUESTS = 7;

    private final CharonCalls calls;

    Observer(CharonCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** @return an observer over {@code charon}, each request waiting at most {@code timeout} */
    public static Observer over(Charon charon, Duration timeout) {
        return new Observer(new CharonCalls(charon, timeout));
    }

    /** @return what charon has now */
    public ObservedState observe() {
        String version = version();
        Map<String, ViciSection> listed = listConns();
        Map<String, List<IkeSa>> sas = listSas();
        Map<String, Set<String>> traps = traps();
        Set<String> names = new java.util.LinkedHashSet<>(listed.keySet());
        names.addAll(sas.keySet());
        names.addAll(traps.keySet());
        Map<String, ObservedConnection> conns = new LinkedHashMap<>();
        for (String n : names) {
            conns.put(n, new ObservedConnection(n, Optional.ofNullable(listed.get(n)), sas.getOrDefault(n, List.of()),
                    traps.getOrDefault(n, Set.of())));
        }
        return new ObservedState(version, conns, sharedIds(), pools(), authorities());
    }

    private String version() {
        return optional(() -> calls.await(calls.charon().version())).map(Version::version)
                .filter(v -> !v.isEmpty()).orElse(null);
    }

    /** @return every loaded connection's {@code list-conns} section, by name */
    Map<String, ViciSection> listConns() {
        return CharonCalls.sectionsByName(calls.listing(ViciCommands::listConns));
    }

    /** @return every IKE_SA, grouped by name */
    Map<String, List<IkeSa>> listSas() {
        Map<String, List<IkeSa>> out = new LinkedHashMap<>();
        for (IkeSa ike : calls.listing(c -> c.listSas(ListSasRequest.ALL.withNoblock(true)))) {
            out.computeIfAbsent(ike.name(), k -> new ArrayList<>()).add(ike);
        }
        return out;
    }

    /** @return the children with an installed trap policy, by connection name */
    Map<String, Set<String>> traps() {
        Map<String, Set<String>> out = new HashMap<>();
        for (Policy pol : calls.listing(c -> c.listPolicies(TRAPS))) {
            int slash = pol.key().indexOf('/');
            String ike = pol.ike().orElse(slash < 0 ? null : pol.key().substring(0, slash));
            if (ike != null) {
                out.computeIfAbsent(ike, k -> new HashSet<>()).add(pol.child());
            }
        }
        return out;
    }

    private Optional<Set<String>> sharedIds() {
        // a charon without get-shared: rely on what this owner loaded
        return optional(() -> new HashSet<>(calls.await(calls.charon().getShared()).names()));
    }

    private Optional<Set<String>> pools() {
        return optional(() -> calls.await(calls.charon().getPools()).stream().map(Pool::name)
                .collect(Collectors.toCollection(HashSet::new)));
    }

    private Optional<Set<String>> authorities() {
        return optional(() -> new HashSet<>(calls.await(calls.charon().getAuthorities()).names()));
    }

    /**
     * @return what {@code query} answers, or empty if charon could not answer it (refused, or does not know the
     *     command): unknown, not empty
     * @throws RuntimeException if the connection to charon was lost: that is not an empty answer
     */
    private static <T> Optional<T> optional(Supplier<T> query) {
        try {
            return Optional.ofNullable(query.get());
        } catch (RuntimeException e) {
            if (Futures.unwrap(e) instanceof ViciConnectionException) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
