package org.vici4j.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.vici4j.controller.plan.PlanFixtures.conn;
import static org.vici4j.controller.plan.PlanFixtures.connection;
import static org.vici4j.controller.plan.PlanFixtures.connections;
import static org.vici4j.controller.plan.PlanFixtures.ike;
import static org.vici4j.controller.plan.PlanFixtures.installed;
import static org.vici4j.controller.plan.PlanFixtures.loaded;
import static org.vici4j.controller.plan.PlanFixtures.OBJECTS;
import static org.vici4j.controller.plan.PlanFixtures.owner;
import static org.vici4j.controller.plan.PlanFixtures.owns;
import static org.vici4j.controller.plan.PlanFixtures.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.internal.OwnershipStore;
import org.vici4j.controller.plan.PlanFixtures.TestCharon;

/**
 * {@link Planner#plan} as a whole: the documented order of a {@link Plan}, pruning (only what this owner loaded),
 * re-applying everything, idempotence (the plan of an applied state is empty, checked by carrying plans out on a
 * fake charon observed by the controller's own observer), and argument checks.
 */
class PlannerPlanTest {

    private static DesiredState everything() {
        return yaml("connections:\n" + conn("a", "up") + conn("b", "trap") + conn("c", "loaded") + OBJECTS);
    }

    // ------------------------------------------------------------------ order

    /**
     * Plan's documented order: connections to load, secrets, pools and authorities to load, CHILD_SAs of children
     * no longer desired to terminate, trap policies to install, children to initiate, then what to unload
     * (connections first).
     */
    @Test
    void actionsComeInTheDocumentedOrder() {
        DesiredState d = yaml("connections:\n" + conn("a", "up") + conn("b", "trap") + conn("c", "loaded")
                + conn("e", "up") + OBJECTS);
        ConnectionConfig a = connection(d, "a");
        ConnectionConfig b = connection(d, "b");
        ConnectionConfig e = connection(d, "e");
        ConnectionConfig gone = connection(connections(conn("gone", "up")), "gone");
        OwnershipStore o = owns(owns(owns(owns(owner(), a), b), e), gone);
        o.putSecret("ike-gone", "load-shared:ike-gone");
        o.putSecret("private-old", "load-key:k99");
        o.add(OwnershipStore.Kind.POOLS, "p-old");
        o.add(OwnershipStore.Kind.AUTHORITIES, "ca-old");
        Map<String, ObservedConnection> conns = new LinkedHashMap<>();
        conns.put("a", loaded(a));
        // b has a CHILD_SA of a child it no longer has, and no trap policy
        conns.put("b", loaded(b, ike("b", 1, "ESTABLISHED", installed("zz", 4))));
        conns.put("e", loaded(e, ike("e", 2, "ESTABLISHED")));
        conns.put("gone", loaded(gone));
        ObservedState observed = PlanFixtures.state(conns, Set.of("ike-gone"), Set.of("p-old"), Set.of("ca-old"));

        Plan p = Planner.plan(d, observed, o);

        assertThat(p.toString()).isEqualTo("""
                load connection c: not loaded in charon
                load secret ike-ab: charon does not list it (get-shared)
                load secret private-gw: charon cannot show a secret's value: loaded unless this owner loaded the same one before
                load pool p1: not loaded in charon
                load authority ca: not loaded in charon
                terminate b/zz{4}: child no longer desired
                install trap b/b: no trap policy installed
                initiate a/a: no IKE_SA established
                initiate e/e: no INSTALLED CHILD_SA (its IKE_SA is established)
                unload connection gone: no longer desired
                unload secret ike-gone: no longer desired
                unload secret private-old: no longer desired
                unload pool p-old: no longer desired
                unload authority ca-old: no longer desired
                """);
        assertThat(p.unloads(ObjectKind.SECRET)).extracting(Action.Unload::id).containsExactly("ike-gone", "k99");
    }

    /** Step groups in plan order; a plan must never go back to an earlier group. */
    private static int group(Action a) {
        if (a instanceof Action.Load l) {
            return l.kind().ordinal(); // CONNECTION, SECRET, POOL, AUTHORITY: 0..3
        }
        if (a instanceof Action.TerminateChild) {
            return 4;
        }
        if (a instanceof Action.InstallTrap) {
            return 5;
        }
        if (a instanceof Action.Initiate) {
            return 6;
        }
        return 7 + ((Action.Unload) a).kind().ordinal();
    }

    @Test
    void childStepsOfManyConnectionsAreGroupedByKindNotByConnection() {
        // every connection needs a termination, a trap and an initiate
        StringBuilder y = new StringBuilder("connections:\n");
        for (int i = 0; i < 5; i++) {
            y.append(conn("c" + i, "192.0.2.2", Map.of("up" + i, "up", "trap" + i, "trap")));
        }
        DesiredState d = yaml(y.toString());
        OwnershipStore o = owner();
        Map<String, ObservedConnection> conns = new LinkedHashMap<>();
        for (ConnectionConfig c : d.connections()) {
            owns(o, c);
            conns.put(c.name(), loaded(c, ike(c.name(), 10, "ESTABLISHED", installed("old", 20))));
        }
        Plan p = Planner.plan(d, PlanFixtures.state(conns, Set.of(), Set.of(), Set.of()), o);
        assertThat(p.actions()).hasSize(15);
        List<Integer> groups = p.actions().stream().map(PlannerPlanTest::group).toList();
        assertThat(groups).as(p.toString()).isSorted();
        // within a group, desired order
        assertThat(p.actions(Action.Initiate.class)).extracting(Action.Initiate::connection)
                .containsExactly("c0", "c1", "c2", "c3", "c4");
        assertThat(p.actions(Action.InstallTrap.class)).extracting(Action.InstallTrap::connection)
                .containsExactly("c0", "c1", "c2", "c3", "c4");
    }

    @Test
    void loadsFollowTheDesiredOrderAndUnloadsTheOwnershipRecord() {
        DesiredState d = connections(conn("z", "loaded"), conn("m", "loaded"), conn("a", "loaded"));
        OwnershipStore o = owner();
        o.addAll(OwnershipStore.Kind.CONNECTIONS, List.of("y", "x", "w"));
        Plan p = Planner.plan(d, ObservedState.empty(), o);
        assertThat(p.loads(ObjectKind.CONNECTION)).extracting(Action.Load::name).containsExactly("z", "m", "a");
        assertThat(p.unloads(ObjectKind.CONNECTION)).extracting(Action.Unload::name).containsExactly("y", "x", "w");
    }

    // ------------------------------------------------------------------ prune

    @Test
    void pruneUnloadsOnlyWhatThisOwnerLoaded() {
        DesiredState d = connections(conn("keep", "loaded"));
        ConnectionConfig keep = connection(d, "keep");
        ConnectionConfig mine = connection(connections(conn("mine", "loaded")), "mine");
        ConnectionConfig theirs = connection(connections(conn("theirs", "loaded")), "theirs");
        OwnershipStore o = owns(owns(owner(), keep), mine);
        o.putSecret("ike-mine", "load-shared:ike-mine");
        ObservedState observed = PlanFixtures.state(Map.of("keep", loaded(keep), "mine", loaded(mine), "theirs",
                loaded(theirs, ike("theirs", 1, "ESTABLISHED", installed("theirs", 1)))),
                Set.of("ike-mine", "ike-theirs"), Set.of("pool-theirs"), Set.of("ca-theirs"));
        Plan p = Planner.plan(d, observed, o);
        assertThat(p.actions()).containsExactly(
                new Action.Unload(ObjectKind.CONNECTION, "mine", "mine", "no longer desired"),
                new Action.Unload(ObjectKind.SECRET, "ike-mine", "ike-mine", "no longer desired"));
        assertThat(p.actions().get(0).describe()).isEqualTo("unload connection mine: no longer desired");
    }

    @Test
    void connectionsLoadedBySwanctlAreNeverUnloadedWhateverTheDesiredState() {
        ConnectionConfig theirs = connection(connections(conn("theirs", "up")), "theirs");
        ObservedState observed = PlanFixtures.state(loaded(theirs, ike("theirs", 1, "ESTABLISHED",
                installed("theirs", 1))));
        assertThat(Planner.plan(DesiredState.empty(), observed, owner()).isEmpty()).isTrue();
        assertThat(Planner.plan(DesiredState.empty(), observed, Ownership.none("x")).isEmpty()).isTrue();
    }

    @Test
    void withoutPruneNothingIsUnloaded() {
        OwnershipStore o = owner();
        o.addAll(OwnershipStore.Kind.CONNECTIONS, List.of("old"));
        o.putSecret("ike-old", "load-shared:ike-old");
        o.add(OwnershipStore.Kind.POOLS, "p-old");
        o.add(OwnershipStore.Kind.AUTHORITIES, "ca-old");
        ObservedState observed = PlanFixtures.state(Map.of(), Set.of("ike-old"), Set.of("p-old"), Set.of("ca-old"));
        assertThat(Planner.plan(DesiredState.empty(), observed, o, new Planner.Options(false, false)).isEmpty())
                .isTrue();
        assertThat(Planner.plan(DesiredState.empty(), observed, o, new Planner.Options(false, true)).isEmpty())
                .isTrue();
        assertThat(Planner.plan(DesiredState.empty(), observed, o).actions()).hasSize(4)
                .allMatch(a -> a instanceof Action.Unload);
    }

    @Test
    void anOwnedConnectionGoneFromCharonIsStillUnloaded() {
        // the record is cleaned up by the unload (charon answers "not found", which the applier accepts)
        OwnershipStore o = owner();
        o.add(OwnershipStore.Kind.CONNECTIONS, "old");
        assertThat(Planner.plan(DesiredState.empty(), ObservedState.empty(), o).actions()).containsExactly(
                new Action.Unload(ObjectKind.CONNECTION, "old", "old", "no longer desired"));
    }

    @Test
    void secretsAreUnloadedByTheIdTheirCommandGave() {
        OwnershipStore o = owner();
        o.putSecret("ike-x", "load-shared:ike-x");
        o.putSecret("private-k", "load-key:3f2a9c");
        o.putSecret("token-t", "load-token:77aa");
        o.putSecret("legacy", "legacy"); // no command recorded: by its name
        Plan p = Planner.plan(DesiredState.empty(), ObservedState.empty(), o);
        assertThat(p.unloads(ObjectKind.SECRET)).extracting(Action.Unload::name, Action.Unload::id).containsExactly(
                tuple("ike-x", "ike-x"), tuple("private-k", "3f2a9c"), tuple("token-t", "77aa"),
                tuple("legacy", "legacy"));
    }

    @Test
    void aStillDesiredObjectIsNeverUnloaded() {
        DesiredState d = everything();
        OwnershipStore o = owner();
        d.connections().forEach(c -> owns(o, c));
        d.secrets().forEach(s -> owns(o, s));
        d.pools().forEach(p -> owns(o, p));
        d.authorities().forEach(a -> owns(o, a));
        Plan p = Planner.plan(d, ObservedState.empty(), o);
        assertThat(p.actions(Action.Unload.class)).isEmpty();
        assertThat(p.loads(ObjectKind.CONNECTION)).extracting(Action.Load::change).containsOnly(Action.Change.MISSING);
    }

    // ------------------------------------------------------------------ options

    @Test
    void defaultOptionsPruneAndDoNotReloadEverything() {
        assertThat(Planner.Options.DEFAULT).isEqualTo(new Planner.Options(true, false));
        DesiredState d = everything();
        OwnershipStore o = owner();
        o.add(OwnershipStore.Kind.CONNECTIONS, "old");
        ObservedState observed = new TestCharon().observe();
        assertThat(Planner.plan(d, observed, o)).isEqualTo(Planner.plan(d, observed, o, Planner.Options.DEFAULT));
    }

    @Test
    void reloadAllRefreshesOwnedConnectionsAndKeepsOtherChanges() {
        DesiredState d = connections(conn("same", "loaded"), conn("theirs", "loaded"), conn("lost", "loaded"));
        ConnectionConfig same = connection(d, "same");
        ConnectionConfig theirs = connection(d, "theirs");
        OwnershipStore o = owns(owns(owner(), same), connection(d, "lost"));
        Plan p = Planner.plan(d, PlanFixtures.state(loaded(same), loaded(theirs)), o, new Planner.Options(true, true));
        assertThat(p.loads(ObjectKind.CONNECTION)).extracting(Action.Load::name, Action.Load::change)
                .containsExactly(tuple("same", Action.Change.REFRESH), tuple("theirs", Action.Change.TAKE_OVER),
                        tuple("lost", Action.Change.MISSING));
        assertThat(Planner.plan(d, PlanFixtures.state(loaded(same), loaded(theirs)), o, new Planner.Options(true,
                false)).loads(ObjectKind.CONNECTION)).extracting(Action.Load::name).containsExactly("theirs", "lost");
    }

    // ------------------------------------------------------------------ arguments

    @Test
    void argumentsAreRequired() {
        DesiredState d = DesiredState.empty();
        ObservedState o = ObservedState.empty();
        Ownership own = Ownership.none("x");
        assertThatThrownBy(() -> Planner.plan(null, o, own)).isInstanceOf(NullPointerException.class)
                .hasMessage("desired");
        assertThatThrownBy(() -> Planner.plan(d, null, own)).isInstanceOf(NullPointerException.class)
                .hasMessage("observed");
        assertThatThrownBy(() -> Planner.plan(d, o, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("ownership");
        assertThatThrownBy(() -> Planner.plan(d, o, own, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("options");
        assertThat(Planner.plan(d, o, own).isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ idempotence, on a fake charon

    @Test
    void thePlanOfAnAppliedStateIsEmpty() {
        DesiredState d = everything();
        TestCharon charon = new TestCharon();
        OwnershipStore o = owner();

        Plan first = Planner.plan(d, charon.observe(), o);
        assertThat(first.loads(ObjectKind.CONNECTION)).extracting(Action.Load::change)
                .containsOnly(Action.Change.NEW).hasSize(3);
        assertThat(first.actions(Action.Initiate.class)).extracting(Action::target).containsExactly("a/a");
        assertThat(first.actions(Action.InstallTrap.class)).extracting(Action::target).containsExactly("b/b");
        charon.execute(first, d, o);

        ObservedState after = charon.observe();
        assertThat(after.connection("a").installed("a")).isTrue();
        assertThat(after.connection("b").trapped("b")).isTrue();
        Plan second = Planner.plan(d, after, o);
        assertThat(second.isEmpty()).as(second.toString()).isTrue();
        assertThat(second.actions()).isEmpty();
        // and stays empty: nothing is sent, nothing changes
        charon.execute(second, d, o);
        assertThat(Planner.plan(d, charon.observe(), o).isEmpty()).isTrue();
    }

    @Test
    void reloadAllOfAnAppliedStateOnlyRefreshes() {
        DesiredState d = everything();
        TestCharon charon = new TestCharon();
        OwnershipStore o = owner();
        charon.execute(Planner.plan(d, charon.observe(), o), d, o);
        Plan all = Planner.plan(d, charon.observe(), o, new Planner.Options(true, true));
        assertThat(all.actions()).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(Action.Load.class,
                l -> assertThat(l.change()).isEqualTo(Action.Change.REFRESH)));
        assertThat(all.actions()).extracting(Action::target).containsExactly("a", "b", "c", "ike-ab", "private-gw",
                "p1", "ca");
    }

    @Test
    void changesAreAppliedAndThePlanIsEmptyAgain() {
        TestCharon charon = new TestCharon();
        OwnershipStore o = owner();
        DesiredState v1 = everything();
        charon.execute(Planner.plan(v1, charon.observe(), o), v1, o);

        // a changed, c removed, d added, the pool and the key removed
        DesiredState v2 = yaml("connections:\n" + conn("a", "up").replace("aes128gcm16", "aes256gcm16")
                + conn("b", "trap") + conn("d", "up") + OBJECTS.replace("""
                          private-gw:
                            file: keys/gw.key
                        """, "").replace("""
                        pools:
                          p1:
                            addrs: 10.3.0.0/24
                        """, ""));
        Plan change = Planner.plan(v2, charon.observe(), o);
        assertThat(change.toString()).isEqualTo("""
                load connection a: changed: children.a.esp_proposals: aes128gcm16 -> aes256gcm16
                load connection d: not loaded in charon
                initiate d/d: no IKE_SA established
                unload connection c: no longer desired
                unload secret private-gw: no longer desired
                unload pool p1: no longer desired
                """);
        charon.execute(change, v2, o);
        assertThat(charon.fake.conns).containsOnlyKeys("a", "b", "d");
        assertThat(charon.fake.pools).isEmpty();
        assertThat(charon.fake.keys).isEmpty();
        // the CHILD_SA of 'a' survived its reload (charon keeps SAs of a replaced configuration)
        assertThat(charon.fake.installed("a", "a")).isTrue();
        Plan again = Planner.plan(v2, charon.observe(), o);
        assertThat(again.isEmpty()).as(again.toString()).isTrue();
    }

    @Test
    void foreignObjectsSurviveApplyingAndPruning() {
        TestCharon charon = new TestCharon();
        ConnectionConfig theirs = connection(connections(conn("swanctl-conn", "loaded")), "swanctl-conn");
        charon.ok("load-conn", theirs.toLoadConnRequest());
        charon.ok("load-shared", ViciSection.builder().add("id", "swanctl-secret").add("type", "ike")
                .add("data", "x").build());
        charon.ok("load-pool", ViciSection.builder().beginSection("swanctl-pool").add("addrs", "10.9.0.0/24")
                .endSection().build());
        charon.ok("load-authority", ViciSection.builder().beginSection("swanctl-ca").add("cacert", "x")
                .endSection().build());
        OwnershipStore o = owner();
        DesiredState d = everything();
        Plan p = Planner.plan(d, charon.observe(), o);
        assertThat(p.actions(Action.Unload.class)).isEmpty();
        charon.execute(p, d, o);
        charon.execute(Planner.plan(DesiredState.empty(), charon.observe(), o), DesiredState.empty(), o);
        assertThat(charon.fake.conns).containsOnlyKeys("swanctl-conn");
        assertThat(charon.fake.shared).containsOnly("swanctl-secret");
        assertThat(charon.fake.pools).containsOnly("swanctl-pool");
        assertThat(charon.authorities).containsOnly("swanctl-ca");
        assertThat(charon.fake.sas).isEmpty(); // the IKE_SA of 'a' went with its connection
        assertThat(o.connections()).isEmpty();
        assertThat(Planner.plan(DesiredState.empty(), charon.observe(), o).isEmpty()).isTrue();
    }

    @Test
    void aTakenOverConnectionIsOwnedAfterwards() {
        TestCharon charon = new TestCharon();
        DesiredState d = connections(conn("net", "loaded"));
        charon.ok("load-conn", connection(d, "net").toLoadConnRequest()); // swanctl loaded the same
        OwnershipStore o = owner();
        Plan p = Planner.plan(d, charon.observe(), o);
        assertThat(p.loads(ObjectKind.CONNECTION)).extracting(Action.Load::change)
                .containsExactly(Action.Change.TAKE_OVER);
        charon.execute(p, d, o);
        assertThat(Planner.plan(d, charon.observe(), o).isEmpty()).isTrue();
        assertThat(Planner.plan(DesiredState.empty(), charon.observe(), o).actions()).containsExactly(
                new Action.Unload(ObjectKind.CONNECTION, "net", "net", "no longer desired"));
    }

    @Test
    void afterACharonRestartEverythingIsMissingAndAppliedAgain() {
        TestCharon charon = new TestCharon();
        OwnershipStore o = owner();
        DesiredState d = everything();
        charon.execute(Planner.plan(d, charon.observe(), o), d, o);
        charon.fake.restart();
        charon.fake.keys.clear();
        charon.authorities.clear();
        Plan p = Planner.plan(d, charon.observe(), o);
        assertThat(p.actions(Action.Load.class)).extracting(Action.Load::name, Action.Load::change).containsExactly(
                tuple("a", Action.Change.MISSING), tuple("b", Action.Change.MISSING),
                tuple("c", Action.Change.MISSING), tuple("ike-ab", Action.Change.MISSING),
                tuple("p1", Action.Change.MISSING), tuple("ca", Action.Change.MISSING));
        // the private key is not listed by charon and its digest is remembered: the plan cannot see it is gone
        // unless everything is re-applied, which is what the controller does after a restart
        Plan full = Planner.plan(d, charon.observe(), o, new Planner.Options(true, true));
        assertThat(full.loads(ObjectKind.SECRET)).extracting(Action.Load::name, Action.Load::change).containsExactly(
                tuple("ike-ab", Action.Change.MISSING), tuple("private-gw", Action.Change.REFRESH));
        charon.execute(full, d, o);
        assertThat(charon.fake.keys).hasSize(1);
        assertThat(Planner.plan(d, charon.observe(), o).isEmpty()).isTrue();
    }

    @Test
    void thePlanDoesNotChangeItsInputs() {
        DesiredState d = everything();
        TestCharon charon = new TestCharon();
        ObservedState observed = charon.observe();
        OwnershipStore o = owner();
        o.add(OwnershipStore.Kind.CONNECTIONS, "old");
        Plan p1 = Planner.plan(d, observed, o);
        Plan p2 = Planner.plan(d, observed, o);
        assertThat(p1).isEqualTo(p2);
        assertThat(o.connections()).containsExactly("old");
        assertThat(observed.connections()).isEmpty();
        assertThat(charon.fake.commands).containsOnly("version", "list-conns", "list-sas", "list-policies",
                "get-shared", "get-pools", "get-authorities");
    }

    @Test
    void aPlanIsAPureFunctionOfItsInputs() {
        // the same inputs built twice, independently, give equal plans
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DesiredState d = everything();
            ConnectionConfig a = connection(d, "a");
            OwnershipStore o = owns(owner(), a);
            o.putSecret("ike-gone", "load-shared:ike-gone");
            ObservedState observed = new ObservedState("5.9.8", Map.of("a", new ObservedConnection("a",
                    Optional.of(PlanFixtures.listed(a)), List.of(ike("a", 1, "ESTABLISHED")), Set.of())),
                    Optional.of(Set.of("ike-gone")), Optional.of(Set.of()), Optional.empty());
            plans.add(Planner.plan(d, observed, o));
        }
        assertThat(plans.get(0)).isEqualTo(plans.get(1));
        assertThat(plans.get(0).actions()).isNotEmpty();
    }
}
