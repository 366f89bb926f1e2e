package org.vici4j.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.controller.plan.PlanFixtures.child;
import static org.vici4j.controller.plan.PlanFixtures.ike;
import static org.vici4j.controller.plan.PlanFixtures.installed;
import static org.vici4j.controller.plan.PlanFixtures.listedWithChildren;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.internal.OwnershipStore;

/**
 * The value types of the plan package: {@link Plan}, {@link Action}, {@link ObservedState},
 * {@link ObservedConnection}, {@link Ownership} and {@link OwnershipRecord}: immutability, null checks, accessors.
 */
class PlannerModelTest {

    private static final Action.Load LOAD = new Action.Load(ObjectKind.CONNECTION, "net", Action.Change.NEW, "r1");
    private static final Action.Load LOAD_POOL = new Action.Load(ObjectKind.POOL, "p", Action.Change.CHANGED, "r2");
    private static final Action.TerminateChild TERMINATE = new Action.TerminateChild("net", "old", 7, "r3");
    private static final Action.InstallTrap TRAP = new Action.InstallTrap("net", "t", "r4");
    private static final Action.Initiate INITIATE = new Action.Initiate("net", "net", "r5");
    private static final Action.Unload UNLOAD = new Action.Unload(ObjectKind.CONNECTION, "gone", "gone", "r6");
    private static final Action.Unload UNLOAD_KEY = new Action.Unload(ObjectKind.SECRET, "private-k", "3f2a", "r7");

    // ------------------------------------------------------------------ Plan

    @Test
    void planIsImmutableAndCopiesItsList() {
        List<Action> source = new ArrayList<>(List.of(LOAD, INITIATE));
        Plan p = new Plan(source);
        source.add(UNLOAD);
        source.set(0, TRAP);
        assertThat(p.actions()).containsExactly(LOAD, INITIATE);
        assertThatThrownBy(() -> p.actions().add(UNLOAD)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.actions().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.actions(Action.Load.class).add(LOAD)).isInstanceOf(
                UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.loads(ObjectKind.CONNECTION).clear()).isInstanceOf(
                UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.unloads(ObjectKind.CONNECTION).add(UNLOAD)).isInstanceOf(
                UnsupportedOperationException.class);
    }

    @Test
    void aPlanOfAPlannerIsImmutableToo() {
        Plan p = Planner.plan(PlanFixtures.connections(PlanFixtures.conn("net", "up")), ObservedState.empty(),
                Ownership.none("x"));
        assertThat(p.actions()).hasSize(2);
        assertThatThrownBy(() -> p.actions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void planRejectsNullListAndNullActions() {
        assertThatThrownBy(() -> new Plan(null)).isInstanceOf(NullPointerException.class).hasMessage("actions");
        List<Action> withNull = new ArrayList<>();
        withNull.add(LOAD);
        withNull.add(null);
        assertThatThrownBy(() -> new Plan(withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void planSelectsActionsByTypeAndKindInOrder() {
        Plan p = new Plan(List.of(LOAD, LOAD_POOL, TERMINATE, TRAP, INITIATE, UNLOAD, UNLOAD_KEY));
        assertThat(p.isEmpty()).isFalse();
        assertThat(p.actions(Action.class)).isEqualTo(p.actions());
        assertThat(p.actions(Action.Load.class)).containsExactly(LOAD, LOAD_POOL);
        assertThat(p.actions(Action.Unload.class)).containsExactly(UNLOAD, UNLOAD_KEY);
        assertThat(p.actions(Action.Initiate.class)).containsExactly(INITIATE);
        assertThat(p.actions(Action.InstallTrap.class)).containsExactly(TRAP);
        assertThat(p.actions(Action.TerminateChild.class)).containsExactly(TERMINATE);
        assertThat(p.loads(ObjectKind.CONNECTION)).containsExactly(LOAD);
        assertThat(p.loads(ObjectKind.POOL)).containsExactly(LOAD_POOL);
        assertThat(p.loads(ObjectKind.SECRET)).isEmpty();
        assertThat(p.loads(ObjectKind.AUTHORITY)).isEmpty();
        assertThat(p.unloads(ObjectKind.CONNECTION)).containsExactly(UNLOAD);
        assertThat(p.unloads(ObjectKind.SECRET)).containsExactly(UNLOAD_KEY);
        assertThat(p.unloads(ObjectKind.POOL)).isEmpty();
    }

    @Test
    void planPrintsOneLinePerStep() {
        Plan p = new Plan(List.of(LOAD, LOAD_POOL, TERMINATE, TRAP, INITIATE, UNLOAD, UNLOAD_KEY));
        assertThat(p.toString()).isEqualTo("""
                load connection net: r1
                load pool p: r2
                terminate net/old{7}: r3
                install trap net/t: r4
                initiate net/net: r5
                unload connection gone: r6
                unload secret private-k: r7
                """);
        assertThat(new Plan(List.of()).toString()).isEmpty();
        assertThat(new Plan(List.of()).isEmpty()).isTrue();
    }

    @Test
    void plansAreValues() {
        assertThat(new Plan(List.of(LOAD, INITIATE))).isEqualTo(new Plan(new ArrayList<>(List.of(LOAD, INITIATE))))
                .hasSameHashCodeAs(new Plan(List.of(LOAD, INITIATE)))
                .isNotEqualTo(new Plan(List.of(INITIATE, LOAD)));
    }

    // ------------------------------------------------------------------ Action

    @Test
    void actionsDescribeThemselves() {
        assertThat(LOAD.verb()).isEqualTo("load connection");
        assertThat(LOAD_POOL.verb()).isEqualTo("load pool");
        assertThat(new Action.Load(ObjectKind.SECRET, "s", Action.Change.NEW, "x").verb()).isEqualTo("load secret");
        assertThat(new Action.Load(ObjectKind.AUTHORITY, "a", Action.Change.NEW, "x").verb())
                .isEqualTo("load authority");
        assertThat(UNLOAD.verb()).isEqualTo("unload connection");
        assertThat(UNLOAD_KEY.verb()).isEqualTo("unload secret");
        assertThat(UNLOAD_KEY.target()).isEqualTo("private-k"); // the name, not the key id
        assertThat(TERMINATE.verb()).isEqualTo("terminate");
        assertThat(TERMINATE.target()).isEqualTo("net/old{7}");
        assertThat(TRAP.verb()).isEqualTo("install trap");
        assertThat(TRAP.target()).isEqualTo("net/t");
        assertThat(INITIATE.verb()).isEqualTo("initiate");
        assertThat(INITIATE.target()).isEqualTo("net/net");
        assertThat(INITIATE.describe()).isEqualTo("initiate net/net: r5");
    }

    @Test
    void actionsRequireEveryComponent() {
        List<Runnable> nulls = List.of(
                () -> new Action.Load(null, "n", Action.Change.NEW, "r"),
                () -> new Action.Load(ObjectKind.POOL, null, Action.Change.NEW, "r"),
                () -> new Action.Load(ObjectKind.POOL, "n", null, "r"),
                () -> new Action.Load(ObjectKind.POOL, "n", Action.Change.NEW, null),
                () -> new Action.Unload(null, "n", "i", "r"),
                () -> new Action.Unload(ObjectKind.POOL, null, "i", "r"),
                () -> new Action.Unload(ObjectKind.POOL, "n", null, "r"),
                () -> new Action.Unload(ObjectKind.POOL, "n", "i", null),
                () -> new Action.Initiate(null, "c", "r"),
                () -> new Action.Initiate("n", null, "r"),
                () -> new Action.Initiate("n", "c", null),
                () -> new Action.InstallTrap(null, "c", "r"),
                () -> new Action.InstallTrap("n", null, "r"),
                () -> new Action.InstallTrap("n", "c", null),
                () -> new Action.TerminateChild(null, "c", 1, "r"),
                () -> new Action.TerminateChild("n", null, 1, "r"),
                () -> new Action.TerminateChild("n", "c", 1, null));
        List<String> expected = List.of("kind", "name", "change", "reason", "kind", "name", "id", "reason",
                "connection", "child", "reason", "connection", "child", "reason", "connection", "child", "reason");
        for (int i = 0; i < nulls.size(); i++) {
            Runnable r = nulls.get(i);
            assertThatThrownBy(r::run).as("case %d", i).isInstanceOf(NullPointerException.class)
                    .hasMessage(expected.get(i));
        }
    }

    @Test
    void kindsAndChangesAreTheDocumentedOnes() {
        assertThat(ObjectKind.values()).extracting(ObjectKind::word).containsExactly("connection", "secret", "pool",
                "authority");
        assertThat(Action.Change.values()).containsExactly(Action.Change.NEW, Action.Change.TAKE_OVER,
                Action.Change.MISSING, Action.Change.CHANGED, Action.Change.REFRESH);
    }

    // ------------------------------------------------------------------ ObservedConnection

    @Test
    void observedConnectionCopiesAndFreezesItsCollections() {
        List<IkeSa> sas = new ArrayList<>(List.of(ike("net", 1, "ESTABLISHED", installed("net", 1))));
        Set<String> traps = new HashSet<>(Set.of("t"));
        ObservedConnection c = new ObservedConnection("net", Optional.empty(), sas, traps);
        sas.clear();
        traps.add("u");
        assertThat(c.ikeSas()).hasSize(1);
        assertThat(c.traps()).containsExactly("t");
        assertThatThrownBy(() -> c.ikeSas().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.traps().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void observedConnectionRequiresItsParts() {
        assertThatThrownBy(() -> new ObservedConnection(null, Optional.empty(), List.of(), Set.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> new ObservedConnection("n", null, List.of(), Set.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("listed");
        assertThatThrownBy(() -> new ObservedConnection("n", Optional.empty(), null, Set.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ObservedConnection("n", Optional.empty(), List.of(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void absentConnectionHasNothing() {
        ObservedConnection a = ObservedConnection.absent("net");
        assertThat(a.name()).isEqualTo("net");
        assertThat(a.loaded()).isFalse();
        assertThat(a.isEmpty()).isTrue();
        assertThat(a.hasChildConfig("net")).isFalse();
        assertThat(a.installed("net")).isFalse();
        assertThat(a.installedSa("net")).isEmpty();
        assertThat(a.ikeEstablished()).isFalse();
        assertThat(a.trapped("net")).isFalse();
    }

    @Test
    void observedConnectionAnswersFromItsSections() {
        ObservedConnection c = new ObservedConnection("net", Optional.of(listedWithChildren("a", "b")),
                List.of(ike("net", 1, "CONNECTING"), ike("net", 2, "ESTABLISHED", child("a", 3, "REKEYED"),
                        installed("a", 4), child("b", 5, "CREATED"))), Set.of("t"));
        assertThat(c.loaded()).isTrue();
        assertThat(c.isEmpty()).isFalse();
        assertThat(c.hasChildConfig("a")).isTrue();
        assertThat(c.hasChildConfig("b")).isTrue();
        assertThat(c.hasChildConfig("t")).isFalse();
        assertThat(c.installed("a")).isTrue();
        assertThat(c.installedSa("a").orElseThrow().uniqueId()).isEqualTo(4); // not the REKEYED one
        assertThat(c.installed("b")).isFalse(); // CREATED is not installed
        assertThat(c.ikeEstablished()).isTrue();
        assertThat(c.trapped("t")).isTrue();
        assertThat(c.trapped("a")).isFalse();
        ObservedConnection connecting = c.withIkeSas(List.of(ike("net", 1, "CONNECTING")));
        assertThat(connecting.ikeEstablished()).isFalse();
        assertThat(connecting.installed("a")).isFalse();
    }

    @Test
    void witherChangeOnePartEach() {
        ObservedConnection a = ObservedConnection.absent("net");
        ObservedConnection listed = a.withListed(Optional.of(listedWithChildren("x")));
        assertThat(listed.loaded()).isTrue();
        assertThat(a.loaded()).isFalse(); // unchanged
        assertThat(listed.withListed(Optional.empty()).isEmpty()).isTrue();
        ObservedConnection withSa = a.withIkeSas(List.of(ike("net", 1, "ESTABLISHED")));
        assertThat(withSa.isEmpty()).isFalse();
        assertThat(withSa.loaded()).isFalse();
        assertThat(withSa.name()).isEqualTo("net");
        ObservedConnection trapped = a.withTraps(Set.of("x"));
        assertThat(trapped.isEmpty()).isFalse();
        assertThat(trapped.trapped("x")).isTrue();
        assertThat(trapped.withTraps(Set.of()).isEmpty()).isTrue();
    }

    @Test
    void aListedConnectionWithoutChildrenHasNoChildConfig() {
        ObservedConnection c = new ObservedConnection("net", Optional.of(listedWithChildren()), List.of(), Set.of());
        assertThat(c.loaded()).isTrue();
        assertThat(c.hasChildConfig("net")).isFalse();
    }

    // ------------------------------------------------------------------ ObservedState

    @Test
    void observedStateCopiesAndFreezesItsParts() {
        Map<String, ObservedConnection> conns = new LinkedHashMap<>();
        conns.put("b", ObservedConnection.absent("b").withTraps(Set.of("b")));
        conns.put("a", ObservedConnection.absent("a").withTraps(Set.of("a")));
        Set<String> shared = new HashSet<>(Set.of("s"));
        ObservedState s = new ObservedState("5.9.8", conns, Optional.of(shared), Optional.of(Set.of("p")),
                Optional.empty());
        conns.clear();
        shared.add("t");
        assertThat(s.connections()).containsOnlyKeys("b", "a");
        assertThat(s.connections().keySet()).containsExactly("b", "a"); // charon's order kept
        assertThat(s.sharedIds()).contains(Set.of("s"));
        assertThat(s.pools()).contains(Set.of("p"));
        assertThat(s.authorities()).isEmpty();
        assertThatThrownBy(() -> s.connections().put("x", ObservedConnection.absent("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.sharedIds().orElseThrow().add("x")).isInstanceOf(
                UnsupportedOperationException.class);
    }

    @Test
    void observedStateAnswersAbsentForUnknownNames() {
        ObservedState s = new ObservedState(null, Map.of("net", ObservedConnection.absent("net").withTraps(Set.of(
                "net"))), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(s.connection("net").trapped("net")).isTrue();
        assertThat(s.connection("other")).isEqualTo(ObservedConnection.absent("other"));
        assertThatThrownBy(() -> s.connection(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    void emptyObservationKnowsCharonHasNothing() {
        ObservedState e = ObservedState.empty();
        assertThat(e.version()).isNull();
        assertThat(e.connections()).isEmpty();
        assertThat(e.sharedIds()).contains(Set.of());
        assertThat(e.pools()).contains(Set.of());
        assertThat(e.authorities()).contains(Set.of());
    }

    // ------------------------------------------------------------------ Ownership and OwnershipRecord

    @Test
    void noOwnershipOwnsNothing() {
        Ownership o = Ownership.none("gw-a");
        assertThat(o.owner()).isEqualTo("gw-a");
        assertThat(o.connections()).isEmpty();
        assertThat(o.secrets()).isEmpty();
        assertThat(o.pools()).isEmpty();
        assertThat(o.authorities()).isEmpty();
        assertThat(o.appliedOptions("net")).isEmpty();
        assertThat(o.appliedDigest("secret:x")).isEmpty();
    }

    @Test
    void anAbsentRecordIsAnEmptyOne(@TempDir Path dir) {
        Ownership o = OwnershipRecord.read(dir.resolve("none.owned.json"), "vici4j");
        assertThat(o.owner()).isEqualTo("vici4j");
        assertThat(o.connections()).isEmpty();
        assertThat(o.secrets()).isEmpty();
        assertThat(Files.exists(dir.resolve("none.owned.json"))).isFalse(); // reading writes nothing
    }

    @Test
    void aRecordIsReadBackAsWrittenButWithoutDigests(@TempDir Path dir) {
        Path file = dir.resolve("status.json.owned.json");
        OwnershipStore w = OwnershipStore.open(file, "gw-a");
        w.addAll(OwnershipStore.Kind.CONNECTIONS, List.of("net", "rw"));
        w.recordApplied("net", Map.of("children.net.esp_proposals", "aes128gcm16"));
        w.putSecret("ike-ab", "load-shared:ike-ab");
        w.putSecret("private-gw", "load-key:3f2a");
        w.add(OwnershipStore.Kind.POOLS, "p1");
        w.add(OwnershipStore.Kind.AUTHORITIES, "ca");
        w.recordDigest("pool:p1", "abc");

        Ownership r = OwnershipRecord.read(file, "gw-a");
        assertThat(r.owner()).isEqualTo("gw-a");
        assertThat(r.connections()).containsExactly("net", "rw");
        assertThat(r.appliedOptions("net")).contains(Map.of("children.net.esp_proposals", "aes128gcm16"));
        assertThat(r.appliedOptions("rw")).isEmpty();
        assertThat(r.secrets()).containsExactly(Map.entry("ike-ab", "load-shared:ike-ab"),
                Map.entry("private-gw", "load-key:3f2a"));
        assertThat(r.pools()).containsExactly("p1");
        assertThat(r.authorities()).containsExactly("ca");
        assertThat(r.appliedDigest("pool:p1")).isEmpty(); // digests live in memory only
        // what the record says is what the planner unloads
        Plan p = Planner.plan(org.vici4j.controller.config.DesiredState.empty(), ObservedState.empty(), r);
        assertThat(p.actions()).extracting(Action::describe).containsExactly(
                "unload connection net: no longer desired", "unload connection rw: no longer desired",
                "unload secret ike-ab: no longer desired", "unload secret private-gw: no longer desired",
                "unload pool p1: no longer desired", "unload authority ca: no longer desired");
        assertThat(p.unloads(ObjectKind.SECRET)).extracting(Action.Unload::id).containsExactly("ike-ab", "3f2a");
    }

    @Test
    void aRecordOfAnotherOwnerIsRefused(@TempDir Path dir) {
        Path file = dir.resolve("owned.json");
        OwnershipStore.open(file, "gw-a").add(OwnershipStore.Kind.CONNECTIONS, "net");
        assertThatThrownBy(() -> OwnershipRecord.read(file, "gw-b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to owner 'gw-a', not 'gw-b'");
    }

    @Test
    void aRecordThatIsNotJsonIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("owned.json");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> OwnershipRecord.read(file, "vici4j")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void aRecordIsASnapshot(@TempDir Path dir) {
        Path file = dir.resolve("owned.json");
        OwnershipStore w = OwnershipStore.open(file, "vici4j");
        w.add(OwnershipStore.Kind.CONNECTIONS, "a");
        Ownership r = OwnershipRecord.read(file, "vici4j");
        w.add(OwnershipStore.Kind.CONNECTIONS, "b");
        assertThat(r.connections()).containsExactly("a");
        assertThatThrownBy(() -> r.connections().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.secrets().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
