package org.vici4j.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.plan.PlanFixtures.conn;
import static org.vici4j.controller.plan.PlanFixtures.connection;
import static org.vici4j.controller.plan.PlanFixtures.connections;
import static org.vici4j.controller.plan.PlanFixtures.ike;
import static org.vici4j.controller.plan.PlanFixtures.installed;
import static org.vici4j.controller.plan.PlanFixtures.listed;
import static org.vici4j.controller.plan.PlanFixtures.listedWithChildren;
import static org.vici4j.controller.plan.PlanFixtures.loaded;
import static org.vici4j.controller.plan.PlanFixtures.owner;
import static org.vici4j.controller.plan.PlanFixtures.owns;
import static org.vici4j.controller.plan.PlanFixtures.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.internal.OwnershipStore;

/** {@link Planner#connectionLoad} and the connection loads of {@link Planner#plan}: every kind of change. */
class PlannerConnectionLoadTest {

    private final DesiredState desired = connections(conn("net", "loaded"));
    private final ConnectionConfig net = connection(desired, "net");

    private static Action.Load only(Optional<Action.Load> l) {
        assertThat(l).isPresent();
        return l.get();
    }

    @Test
    void notInCharonAndNeverLoadedIsNew() {
        Action.Load l = only(Planner.connectionLoad(net, ObservedConnection.absent("net"), owner(), false));
        assertThat(l).isEqualTo(new Action.Load(ObjectKind.CONNECTION, "net", Action.Change.NEW,
                "not loaded in charon"));
        assertThat(l.describe()).isEqualTo("load connection net: not loaded in charon");
        assertThat(l.target()).isEqualTo("net");
        assertThat(l.verb()).isEqualTo("load connection");
    }

    @Test
    void ikeSasWithoutTheConfigurationDoNotCountAsLoaded() {
        // the configuration was unloaded but an IKE_SA of that name is still up: charon lacks the connection
        ObservedConnection o = new ObservedConnection("net", Optional.empty(),
                List.of(ike("net", 3, "ESTABLISHED", installed("net", 5))), Set.of("net"));
        assertThat(only(Planner.connectionLoad(net, o, owner(), false)).change()).isEqualTo(Action.Change.NEW);
        assertThat(only(Planner.connectionLoad(net, o, owns(owner(), net), false)).change())
                .isEqualTo(Action.Change.MISSING);
    }

    @Test
    void loadedBeforeButGoneFromCharonIsMissing() {
        Action.Load l = only(Planner.connectionLoad(net, ObservedConnection.absent("net"), owns(owner(), net), false));
        assertThat(l.change()).isEqualTo(Action.Change.MISSING);
        assertThat(l.reason()).isEqualTo(
                "loaded before but missing in charon (unloaded by someone else, or charon restarted)");
    }

    @Test
    void missingWinsOverAChangedConfiguration() {
        OwnershipStore o = owns(owner(), connection(connections(conn("net", "up").replace("aes128gcm16",
                "aes256gcm16")), "net"));
        assertThat(only(Planner.connectionLoad(net, ObservedConnection.absent("net"), o, false)).change())
                .isEqualTo(Action.Change.MISSING);
    }

    @Test
    void loadedBySomeoneElseIsTakenOverEvenIfEqualAndEvenWhenReloadingAll() {
        // swanctl loaded a connection of that name, with exactly the desired options
        for (boolean reloadAll : new boolean[] {false, true}) {
            Action.Load l = only(Planner.connectionLoad(net, loaded(net), owner(), reloadAll));
            assertThat(l.change()).isEqualTo(Action.Change.TAKE_OVER);
            assertThat(l.reason())
                    .isEqualTo("loaded in charon by someone else (swanctl?); loading replaces it and takes it over");
        }
    }

    @Test
    void ownedWithoutARecordOfItsOptionsIsRefreshed() {
        OwnershipStore o = owner();
        o.add(OwnershipStore.Kind.CONNECTIONS, "net"); // ownership recorded before the load, options never
        Action.Load l = only(Planner.connectionLoad(net, loaded(net), o, false));
        assertThat(l.change()).isEqualTo(Action.Change.REFRESH);
        assertThat(l.reason()).isEqualTo("no record of the options last loaded");
    }

    @Test
    void ownedAndUnchangedIsNotLoaded() {
        assertThat(Planner.connectionLoad(net, loaded(net), owns(owner(), net), false)).isEmpty();
        // SAs and traps do not matter for the load
        ObservedConnection busy = new ObservedConnection("net", Optional.of(listed(net)),
                List.of(ike("net", 1, "ESTABLISHED", installed("net", 1))), Set.of("net"));
        assertThat(Planner.connectionLoad(net, busy, owns(owner(), net), false)).isEmpty();
    }

    @Test
    void ownedAndUnchangedIsRefreshedWhenReloadingAll() {
        Action.Load l = only(Planner.connectionLoad(net, loaded(net), owns(owner(), net), true));
        assertThat(l).isEqualTo(new Action.Load(ObjectKind.CONNECTION, "net", Action.Change.REFRESH,
                "re-applying everything"));
    }

    @Test
    void changedOptionIsNamedWithOldAndNewValue() {
        ConnectionConfig before = net;
        ConnectionConfig after = connection(connections(conn("net", "loaded").replace("aes128gcm16", "aes256gcm16")),
                "net");
        Action.Load l = only(Planner.connectionLoad(after, loaded(before), owns(owner(), before), false));
        assertThat(l.change()).isEqualTo(Action.Change.CHANGED);
        assertThat(l.reason()).isEqualTo("changed: children.net.esp_proposals: aes128gcm16 -> aes256gcm16");
        // and the plan carries the same
        Plan p = Planner.plan(connections(conn("net", "loaded").replace("aes128gcm16", "aes256gcm16")),
                state(loaded(before)), owns(owner(), before));
        assertThat(p.loads(ObjectKind.CONNECTION)).containsExactly(l);
    }

    @Test
    void addedAndRemovedOptionsAreNamed() {
        ConnectionConfig withDpd = connection(connections(conn("net", "loaded").replace(
                "    local_addrs: 192.0.2.1\n", "    local_addrs: 192.0.2.1\n    dpd_delay: 30s\n")), "net");
        Action.Load added = only(Planner.connectionLoad(withDpd, loaded(net), owns(owner(), net), false));
        assertThat(added.reason()).isEqualTo("changed: dpd_delay: (unset) -> 30s");
        Action.Load removed = only(Planner.connectionLoad(net, loaded(withDpd), owns(owner(), withDpd), false));
        assertThat(removed.reason()).isEqualTo("changed: dpd_delay: 30s -> (unset)");
    }

    @Test
    void aLongListOfChangesIsShortened() {
        String changed = conn("net", "loaded").replace("192.0.2.1", "192.0.2.11").replace("192.0.2.2", "192.0.2.22")
                .replace("198.18.0.0/24", "198.18.9.0/24").replace("198.19.0.0/24", "198.19.9.0/24")
                .replace("aes128gcm16", "aes256gcm16");
        ConnectionConfig after = connection(connections(changed), "net");
        Action.Load l = only(Planner.connectionLoad(after, loaded(net), owns(owner(), net), false));
        assertThat(l.change()).isEqualTo(Action.Change.CHANGED);
        assertThat(l.reason()).startsWith("changed: local_addrs: 192.0.2.1 -> 192.0.2.11; "
                + "remote_addrs: 192.0.2.2 -> 192.0.2.22; children.net.local_ts: 198.18.0.0/24 -> 198.18.9.0/24")
                .endsWith("; and 2 more");
        assertThat(l.reason().split("; ")).hasSize(4);
    }

    @Test
    void changesListsChangedAddedThenRemovedOptions() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put("a", "1");
        before.put("gone", "x");
        before.put("b", "2");
        Map<String, String> after = new LinkedHashMap<>();
        after.put("b", "3");
        after.put("a", "1");
        after.put("new", "y");
        assertThat(Planner.changes(before, after)).containsExactly("b: 2 -> 3", "new: (unset) -> y", "gone: x -> (unset)");
        assertThat(Planner.changes(after, after)).isEmpty();
        assertThat(Planner.changes(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void desiredOptionsAreTheFlattenedLoadConnRequestWithoutControllerKeys() {
        Map<String, String> o = Planner.desiredOptions(net);
        assertThat(o).containsEntry("local_addrs", "192.0.2.1").containsEntry("remote_addrs", "192.0.2.2")
                .containsEntry("children.net.local_ts", "198.18.0.0/24")
                .containsEntry("children.net.esp_proposals", "aes128gcm16");
        assertThat(o.keySet()).noneMatch(k -> k.contains("ensure") || k.contains("retry"));
        // ensure is a controller key: changing it changes nothing that is loaded
        assertThat(Planner.desiredOptions(connection(connections(conn("net", "up")), "net"))).isEqualTo(o);
    }

    @Test
    void changingOnlyEnsureDoesNotReload() {
        ConnectionConfig up = connection(connections(conn("net", "up")), "net");
        assertThat(Planner.connectionLoad(up, loaded(net, ike("net", 1, "ESTABLISHED", installed("net", 1))),
                owns(owner(), net), false)).isEmpty();
    }

    /** Connection net to 192.0.2.2 with children a (ensure up) and b (ensure loaded). */
    private static ConnectionConfig netWithChildrenAAndB() {
        return connection(connections(conn("net", "192.0.2.2", Map.of("a", "up", "b", "loaded"))), "net");
    }

    /** Connection net as list-conns shows it with these children, no IKE_SA and no trap. */
    private static ObservedConnection netListedWith(String... children) {
        return new ObservedConnection("net", Optional.of(listedWithChildren(children)), List.of(), Set.of());
    }

    @Test
    void charonLackingAChildIsMissingNamingTheChild() {
        ConnectionConfig c = netWithChildrenAAndB();
        Action.Load l = only(Planner.connectionLoad(c, netListedWith("a"), owns(owner(), c), false));
        assertThat(l.change()).isEqualTo(Action.Change.MISSING);
        assertThat(l.reason()).isEqualTo("charon lacks its child 'b'");
        // a connection listed without any children section lacks the first one
        ObservedConnection none = netListedWith();
        assertThat(only(Planner.connectionLoad(c, none, owns(owner(), c), false)).reason())
                .isEqualTo("charon lacks its child 'a'");
        // all children listed: nothing to do
        ObservedConnection both = netListedWith("b", "a");
        assertThat(Planner.connectionLoad(c, both, owns(owner(), c), false)).isEmpty();
        // extra children in charon are not a reason to load
        ObservedConnection more = netListedWith("a", "b", "c");
        assertThat(Planner.connectionLoad(c, more, owns(owner(), c), false)).isEmpty();
    }

    @Test
    void aChangedConfigurationIsReportedBeforeALackingChild() {
        Action.Load l = only(Planner.connectionLoad(netWithChildrenAAndB(), netListedWith("a"), owns(owner(), net),
                false));
        assertThat(l.change()).isEqualTo(Action.Change.CHANGED);
    }

    @Test
    void eachDesiredConnectionIsPlannedOnItsOwnInDesiredOrder() {
        DesiredState d = connections(conn("c", "loaded"), conn("a", "loaded"), conn("b", "loaded"), conn("d",
                "loaded"), conn("e", "loaded"));
        ConnectionConfig a = connection(d, "a");
        ConnectionConfig b = connection(d, "b");
        ConnectionConfig dd = connection(d, "d");
        ConnectionConfig e = connection(d, "e");
        OwnershipStore o = owns(owns(owns(owner(), a), b), dd);
        o.add(OwnershipStore.Kind.CONNECTIONS, "e"); // owned, no record
        ConnectionConfig bChanged = connection(connections(conn("b", "loaded").replace("aes128gcm16", "aes192gcm16")),
                "b");
        o.recordApplied("b", Planner.desiredOptions(bChanged));
        // c: not in charon; a: unchanged; b: changed; d: gone from charon; e: no record
        Plan p = Planner.plan(d, state(loaded(a), loaded(b), loaded(e)), o);
        assertThat(p.loads(ObjectKind.CONNECTION)).extracting(Action.Load::name, Action.Load::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c", Action.Change.NEW),
                org.assertj.core.groups.Tuple.tuple("b", Action.Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("d", Action.Change.MISSING),
                org.assertj.core.groups.Tuple.tuple("e", Action.Change.REFRESH));
        assertThat(p.loads(ObjectKind.CONNECTION).get(1).reason())
                .isEqualTo("changed: children.b.esp_proposals: aes192gcm16 -> aes128gcm16");
        assertThat(p.actions()).allMatch(x -> x instanceof Action.Load); // all 'loaded', nothing else to do
    }
}
