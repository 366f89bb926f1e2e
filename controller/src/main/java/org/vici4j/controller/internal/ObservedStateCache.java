package org.vici4j.controller.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;

/**
 * The controller's picture of charon, as an informer cache keeps a Kubernetes controller's: filled by one full
 * observation ({@link Observer}), kept current by the {@code ike-updown}, {@code child-updown}, {@code ike-rekey}
 * and {@code child-rekey} events (each carries the IKE_SA's section) and by the results of what the controller
 * itself sends. Workers read it per connection, never charon. Events that arrive while a full observation is under
 * way are applied again on top of it, in order (each change is keyed by unique id, so that is idempotent).
 * Thread-safe; events are applied in charon's order.
 */
public final class ObservedStateCache {

    private final Map<String, ObservedConnection> conns = new ConcurrentHashMap<>();
    private volatile ObservedState wide = ObservedState.empty();
    private volatile boolean observed;
    private List<Object[]> recording; // guarded by this: events during an observation
    private long events; // guarded by this

    /** @return whether a full observation has been made (and not invalidated since) */
    public boolean isObserved() {
        return observed;
    }

    /** Marks the cache as stale: the next pass must observe charon fully (a gap in the events, a reconnect). */
    public void invalidate() {
        observed = false;
    }

    /** @return the number of events applied so far */
    public synchronized long eventsApplied() {
        return events;
    }

    /** Starts recording events: they are applied again after {@link #replace}. */
    public synchronized void beginObservation() {
        recording = new ArrayList<>();
    }

    /** Replaces everything with a full observation, then applies again the events that arrived meanwhile. */
    public synchronized void replace(ObservedState state) {
        // A connection observed as before in substance keeps its cached object: the new one is garbage at once,
        // so a resync of 1,000 unchanged connections does not move 1,000 fresh observations into the old
        // generation (at N = 1,000 that copying was most of a resync's CPU). Counters and timers of an SA are
        // therefore as of the SA's last change, not of the last resync.
        Map<String, ObservedConnection> next = new HashMap<>(state.connections().size() * 2);
        state.connections().forEach((name, o) -> {
            ObservedConnection old = conns.get(name);
            next.put(name, old != null && ObservedFingerprint.same(old, o) ? old : o);
        });
        conns.clear();
        conns.putAll(next);
        wide = new ObservedState(state.version(), Map.of(), state.sharedIds(), state.pools(), state.authorities());
        List<Object[]> replay = recording;
        recording = null;
        if (replay != null) {
            for (Object[] ev : replay) {
                apply((String) ev[0], (ViciSection) ev[1]);
            }
        }
        observed = true;
    }

    /** @return what charon has of this connection name */
    public ObservedConnection connection(String name) {
        ObservedConnection c = conns.get(name);
        return c != null ? c : ObservedConnection.absent(name);
    }

    /** @return a consistent copy of everything */
    public synchronized ObservedState snapshot() {
        ObservedState w = wide;
        return new ObservedState(w.version(), new LinkedHashMap<>(conns), w.sharedIds(), w.pools(), w.authorities());
    }

    /** @return the version of charon observed last, or null */
    public String version() {
        return wide.version();
    }

    /**
     * Applies one event.
     *
     * @return the connection names it changed
     */
    public synchronized Set<String> onEvent(String name, ViciSection message) {
        if (recording != null) {
            recording.add(new Object[] {name, message});
        }
        events++;
        return apply(name, message);
    }

    private Set<String> apply(String event, ViciSection message) {
        Set<String> changed = new LinkedHashSet<>();
        boolean up = message.bool("up");
        for (Map.Entry<String, ViciItem> e : message.entries()) {
            if (!(e.getValue() instanceof ViciSection s)) {
                continue;
            }
            String conn = e.getKey();
            switch (event) {
                case "ike-updown" -> {
                    IkeSa ike = IkeSa.from(conn, s);
                    update(conn, sas -> up ? upsertIke(sas, ike, false) : removeIke(sas, ike.uniqueId()));
                }
                case "child-updown" -> {
                    IkeSa ike = IkeSa.from(conn, s);
                    update(conn, sas -> {
                        List<IkeSa> out = upsertIke(sas, ike, true);
                        return up ? out : removeChildren(out, ike.uniqueId(), ike.childSas());
                    });
                }
                case "ike-rekey" -> {
                    Optional<ViciSection> oldS = s.section("old");
                    Optional<ViciSection> newS = s.section("new");
                    if (oldS.isPresent() && newS.isPresent()) {
                        IkeSa old = IkeSa.from(conn, oldS.get());
                        IkeSa neu = IkeSa.from(conn, newS.get());
                        update(conn, sas -> {
                            List<ChildSa> children = sas.stream().filter(i -> i.uniqueId() == old.uniqueId())
                                    .findFirst().map(IkeSa::childSas).orElse(List.of());
                            List<IkeSa> out = removeIke(sas, old.uniqueId());
                            return upsertIke(out, withChildren(neu, children), true);
                        });
                    }
                }
                case "child-rekey" -> {
                    IkeSa header = IkeSa.from(conn, withoutChildren(s));
                    // as charon sends it: child-sas { <child>-<uniqueid of the old one> { old {...} new {...} } }
                    List<ChildSa> oldC = new ArrayList<>();
                    List<ChildSa> newC = new ArrayList<>();
                    for (Map.Entry<String, ViciItem> pair : s.section("child-sas").orElse(ViciSection.empty())
                            .entries()) {
                        if (pair.getValue() instanceof ViciSection p) {
                            p.section("old").ifPresent(o -> oldC.add(ChildSa.from(pair.getKey(), o)));
                            p.section("new").ifPresent(n -> newC.add(ChildSa.from(n.stringOr("name", pair.getKey())
                                    + "-" + n.stringOr("uniqueid", ""), n)));
                        }
                    }
                    update(conn, sas -> {
                        List<IkeSa> out = upsertIke(sas, header, false);
                        out = removeChildren(out, header.uniqueId(), oldC);
                        return newC.isEmpty() ? out : upsertIke(out, withChildren(header, newC), true);
                    });
                }
                default -> {
                    continue;
                }
            }
            changed.add(conn);
        }
        return changed;
    }

    private void update(String conn, java.util.function.UnaryOperator<List<IkeSa>> f) {
        conns.compute(conn, (k, v) -> {
            ObservedConnection c = v != null ? v : ObservedConnection.absent(k);
            ObservedConnection n = c.withIkeSas(f.apply(c.ikeSas()));
            return n.isEmpty() ? null : n;
        });
    }

    /** Replaces (or adds) the IKE_SA with {@code ike}'s unique id; its children are merged in if {@code merge}. */
    private static List<IkeSa> upsertIke(List<IkeSa> sas, IkeSa ike, boolean mergeChildren) {
        List<IkeSa> out = new ArrayList<>(sas.size() + 1);
        boolean found = false;
        for (IkeSa i : sas) {
            if (i.uniqueId() == ike.uniqueId()) {
                found = true;
                List<ChildSa> children = new ArrayList<>(i.childSas());
                if (mergeChildren) {
                    for (ChildSa c : ike.childSas()) {
                        children.removeIf(x -> x.uniqueId() == c.uniqueId());
                        children.add(c);
                    }
                }
                out.add(withChildren(ike, children));
            } else {
                out.add(i);
            }
        }
        if (!found) {
            out.add(mergeChildren ? ike : withChildren(ike, List.of()));
        }
        return out;
    }

    private static List<IkeSa> removeIke(List<IkeSa> sas, long uniqueId) {
        List<IkeSa> out = new ArrayList<>(sas);
        out.removeIf(i -> i.uniqueId() == uniqueId);
        return out;
    }

    private static List<IkeSa> removeChildren(List<IkeSa> sas, long ikeId, List<ChildSa> gone) {
        Set<Long> ids = new HashSet<>();
        gone.forEach(c -> ids.add(c.uniqueId()));
        List<IkeSa> out = new ArrayList<>(sas.size());
        for (IkeSa i : sas) {
            if (i.uniqueId() == ikeId) {
                List<ChildSa> children = new ArrayList<>(i.childSas());
                children.removeIf(c -> ids.contains(c.uniqueId()));
                out.add(withChildren(i, children));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    private static ViciSection withoutChildren(ViciSection s) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            if (!"child-sas".equals(e.getKey())) {
                b.add(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    /** @return the IKE_SA with exactly these CHILD_SAs */
    static IkeSa withChildren(IkeSa ike, List<ChildSa> children) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, ViciItem> e : ike.raw().entries()) {
            if (!"child-sas".equals(e.getKey())) {
                b.add(e.getKey(), e.getValue());
            }
        }
        if (!children.isEmpty()) {
            b.beginSection("child-sas");
            for (ChildSa c : children) {
                b.addSection(c.key(), c.raw());
            }
            b.endSection();
        }
        return IkeSa.from(ike.name(), b.build());
    }

    // ------------------------------------------------------------ results of the controller's own requests

    /** A {@code load-conn} succeeded: charon has the connection with these children (until verified). */
    public void connectionLoaded(String name, List<String> children) {
        ViciSection.Builder b = ViciSection.builder().beginSection("children");
        children.forEach(c -> b.beginSection(c).endSection());
        ViciSection listed = b.endSection().build();
        conns.compute(name, (k, v) -> (v != null ? v : ObservedConnection.absent(k)).withListed(Optional.of(listed)));
    }

    /** The connection was unloaded and its IKE_SAs terminated. */
    public void connectionRemoved(String name) {
        conns.remove(name);
    }

    /** Replaces the loaded connections with a fresh {@code list-conns} (verification after loads). */
    public synchronized void replaceListed(Map<String, ViciSection> listed) {
        for (String name : new ArrayList<>(conns.keySet())) {
            if (!listed.containsKey(name)) {
                conns.computeIfPresent(name, (k, v) -> {
                    ObservedConnection n = v.withListed(Optional.empty());
                    return n.isEmpty() ? null : n;
                });
            }
        }
        listed.forEach((name, s) -> conns.compute(name,
                (k, v) -> (v != null ? v : ObservedConnection.absent(k)).withListed(Optional.of(s))));
    }

    /** Replaces the IKE_SAs of one connection with a fresh {@code list-sas} of it. */
    public synchronized void replaceIkeSas(String name, List<IkeSa> sas) {
        update(name, old -> sas);
    }

    /** A trap policy of {@code conn/child} was installed. */
    public void trapInstalled(String conn, String child) {
        conns.compute(conn, (k, v) -> {
            ObservedConnection c = v != null ? v : ObservedConnection.absent(k);
            Set<String> t = new HashSet<>(c.traps());
            t.add(child);
            return c.withTraps(t);
        });
    }

    /** A shared secret with this id was loaded or unloaded. */
    public synchronized void sharedSecret(String id, boolean loaded) {
        ObservedState w = wide;
        wide = new ObservedState(w.version(), Map.of(), w.sharedIds().map(ids -> toggle(ids, id, loaded)), w.pools(),
                w.authorities());
    }

    /** A pool ({@code pool}) or authority ({@code authority}) was loaded or unloaded. */
    public synchronized void named(String what, String name, boolean loaded) {
        ObservedState w = wide;
        wide = "pool".equals(what)
                ? new ObservedState(w.version(), Map.of(), w.sharedIds(), w.pools().map(p -> toggle(p, name, loaded)),
                        w.authorities())
                : new ObservedState(w.version(), Map.of(), w.sharedIds(), w.pools(),
                        w.authorities().map(p -> toggle(p, name, loaded)));
    }

    private static Set<String> toggle(Set<String> set, String item, boolean in) {
        Set<String> s = new HashSet<>(set);
        if (in) {
            s.add(item);
        } else {
            s.remove(item);
        }
        return s;
    }
}
