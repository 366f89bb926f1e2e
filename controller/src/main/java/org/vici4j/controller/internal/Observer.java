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

import org.vici4j.client.Futures;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;

/**
 * One full observation of charon, with one request per kind of object whatever their number: {@code version},
 * {@code list-conns}, {@code list-sas} ({@code noblock}), {@code list-policies} of traps, {@code get-shared},
 * {@code get-pools} and {@code get-authorities}.
 */
public final class Observer {

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
        return new ObservedState(version, conns, sharedIds(), names("get-pools"), names("get-authorities"));
    }

    private String version() {
        try {
            return calls.call("version", ViciSection.empty()).stringOr("version", null);
        } catch (RuntimeException e) {
            if (Futures.unwrap(e) instanceof ViciConnectionException) {
                throw e;
            }
            return null;
        }
    }

    /** @return every loaded connection's {@code list-conns} section, by name */
    Map<String, ViciSection> listConns() {
        Map<String, ViciSection> out = new LinkedHashMap<>();
        for (ViciSection ev : calls.streamed("list-conns", ViciSection.empty(), "list-conn", calls.callTimeout())
                .events()) {
            for (var e : ev.entries()) {
                if (e.getValue() instanceof ViciSection s) {
                    out.put(e.getKey(), s);
                }
            }
        }
        return out;
    }

    /** @return every IKE_SA, grouped by name */
    Map<String, List<IkeSa>> listSas() {
        Map<String, List<IkeSa>> out = new LinkedHashMap<>();
        for (ViciSection ev : calls.streamed("list-sas", ViciSection.builder().add("noblock", true).build(), "list-sa",
                calls.callTimeout()).events()) {
            for (IkeSa ike : IkeSa.fromEvent(ev)) {
                out.computeIfAbsent(ike.name(), k -> new ArrayList<>()).add(ike);
            }
        }
        return out;
    }

    /** @return the children with an installed trap policy, by connection name */
    Map<String, Set<String>> traps() {
        Map<String, Set<String>> out = new HashMap<>();
        for (ViciSection ev : calls.streamed("list-policies", ViciSection.builder().add("trap", true).build(),
                "list-policy", calls.callTimeout()).events()) {
            for (var e : ev.entries()) {
                if (!(e.getValue() instanceof ViciSection pol)) {
                    continue;
                }
                String key = e.getKey();
                int slash = key.indexOf('/');
                String child = pol.stringOr("child", slash < 0 ? key : key.substring(slash + 1));
                String ike = pol.stringOr("ike", slash < 0 ? null : key.substring(0, slash));
                if (ike != null) {
                    out.computeIfAbsent(ike, k -> new HashSet<>()).add(child);
                }
            }
        }
        return out;
    }

    private Optional<Set<String>> sharedIds() {
        try {
            ViciSection r = calls.call("get-shared", ViciSection.empty());
            if (r.get("errmsg").isPresent() && r.get("keys").isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new HashSet<>(r.list("keys")));
        } catch (RuntimeException e) {
            if (Futures.unwrap(e) instanceof ViciConnectionException) {
                throw e;
            }
            return Optional.empty(); // a charon without get-shared: rely on what this owner loaded
        }
    }

    private Optional<Set<String>> names(String command) {
        try {
            ViciSection resp = calls.call(command, ViciSection.empty());
            if (resp.get("errmsg").isPresent()) {
                return Optional.empty();
            }
            Set<String> names = new HashSet<>(resp.list("authorities"));
            for (var e : resp.entries()) {
                if (e.getValue() instanceof ViciSection) {
                    names.add(e.getKey());
                }
            }
            return Optional.of(names);
        } catch (RuntimeException e) {
            if (Futures.unwrap(e) instanceof ViciConnectionException) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
