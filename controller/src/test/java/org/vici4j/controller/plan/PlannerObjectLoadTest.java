package org.vici4j.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.vici4j.controller.plan.PlanFixtures.OBJECTS;
import static org.vici4j.controller.plan.PlanFixtures.owner;
import static org.vici4j.controller.plan.PlanFixtures.owns;
import static org.vici4j.controller.plan.PlanFixtures.yaml;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.internal.OwnershipStore;
import org.vici4j.controller.internal.RequestDigest;

/** The loads of secrets, pools and authorities in {@link Planner#plan}: every kind of change, with its reason. */
class PlannerObjectLoadTest {

    private final DesiredState desired = yaml(OBJECTS);
    private final SecretConfig psk = secret(desired, "ike-ab");
    private final SecretConfig key = secret(desired, "private-gw");
    private final PoolConfig pool = desired.pools().get(0);
    private final AuthorityConfig ca = desired.authorities().get(0);

    private static SecretConfig secret(DesiredState d, String name) {
        return d.secrets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static ObservedState charonWith(Optional<Set<String>> shared, Optional<Set<String>> pools,
            Optional<Set<String>> authorities) {
        return new ObservedState("5.9.8", Map.of(), shared, pools, authorities);
    }

    private static ObservedState charonWith(Set<String> shared, Set<String> pools, Set<String> authorities) {
        return charonWith(Optional.of(shared), Optional.of(pools), Optional.of(authorities));
    }

    /** Records ownership of everything in {@link PlanFixtures#OBJECTS} as loaded exactly as desired now. */
    private OwnershipStore ownsAll() {
        OwnershipStore o = owns(owns(owns(owner(), psk), pool), ca);
        o.putSecret(key.name(), "load-key:k1234");
        o.recordDigest("secret:" + key.name(), RequestDigest.of(key.command(), key.toRequest()));
        return o;
    }

    private static Action.Load load(Plan p, ObjectKind kind, String name) {
        return p.loads(kind).stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no load of " + kind + " " + name + " in\n" + p));
    }

    // ------------------------------------------------------------------ everything as desired

    @Test
    void everythingLoadedAsDesiredByThisOwnerNeedsNothing() {
        Plan p = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), ownsAll());
        assertThat(p.isEmpty()).as(p.toString()).isTrue();
    }

    @Test
    void reloadAllRefreshesEverythingUnchanged() {
        Plan p = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), ownsAll(),
                new Planner.Options(true, true));
        assertThat(p.actions()).extracting(a -> ((Action.Load) a).kind(), a -> ((Action.Load) a).name(),
                a -> ((Action.Load) a).change(), Action::reason).containsExactly(
                        tuple(ObjectKind.SECRET, "ike-ab", Action.Change.REFRESH, "re-applying everything"),
                        tuple(ObjectKind.SECRET, "private-gw", Action.Change.REFRESH, "re-applying everything"),
                        tuple(ObjectKind.POOL, "p1", Action.Change.REFRESH, "re-applying everything"),
                        tuple(ObjectKind.AUTHORITY, "ca", Action.Change.REFRESH, "re-applying everything"));
        assertThat(p.actions().get(2).describe()).isEqualTo("load pool p1: re-applying everything");
        assertThat(p.actions().get(3).describe()).isEqualTo("load authority ca: re-applying everything");
        assertThat(p.actions().get(0).describe()).isEqualTo("load secret ike-ab: re-applying everything");
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void sharedSecretCharonDoesNotListIsNewOrMissing() {
        Plan fresh = Planner.plan(desired, charonWith(Set.of(), Set.of("p1"), Set.of("ca")), owner());
        assertThat(load(fresh, ObjectKind.SECRET, "ike-ab")).isEqualTo(new Action.Load(ObjectKind.SECRET, "ike-ab",
                Action.Change.NEW, "charon does not list it (get-shared)"));
        // owned, and even with the same digest remembered: charon lost it (swanctl --load-creds --clear)
        Plan lost = Planner.plan(desired, charonWith(Set.of("other"), Set.of("p1"), Set.of("ca")), ownsAll());
        assertThat(lost.actions()).containsExactly(new Action.Load(ObjectKind.SECRET, "ike-ab", Action.Change.MISSING,
                "charon does not list it (get-shared)"));
    }

    @Test
    void sharedSecretListedButNotRememberedIsRefreshed() {
        // charon cannot show a secret's value: a secret of that id (loaded by whoever) may differ
        Plan p = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of(), Set.of()), owner());
        assertThat(load(p, ObjectKind.SECRET, "ike-ab")).isEqualTo(new Action.Load(ObjectKind.SECRET, "ike-ab",
                Action.Change.REFRESH,
                "charon cannot show a secret's value: loaded unless this owner loaded the same one before"));
        // owned but the digest forgotten (a new controller process: digests live in memory only)
        OwnershipStore o = ownsAll();
        o.forgetDigests();
        Plan q = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), o);
        assertThat(q.actions()).extracting(a -> ((Action.Load) a).name(), a -> ((Action.Load) a).change())
                .containsExactly(tuple("ike-ab", Action.Change.REFRESH), tuple("private-gw", Action.Change.REFRESH),
                        tuple("p1", Action.Change.REFRESH), tuple("ca", Action.Change.REFRESH));
    }

    @Test
    void changedSecretIsChangedWithoutShowingItsValue() {
        DesiredState next = yaml(OBJECTS.replace("s3cr3t-value", "n3w-s3cr3t"));
        Plan p = Planner.plan(next, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), ownsAll());
        assertThat(p.actions()).containsExactly(new Action.Load(ObjectKind.SECRET, "ike-ab", Action.Change.CHANGED,
                "changed"));
        assertThat(p.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void charonWithoutGetSharedIsTrustedToHaveWhatThisOwnerLoaded() {
        ObservedState noList = charonWith(Optional.empty(), Optional.of(Set.of("p1")), Optional.of(Set.of("ca")));
        assertThat(Planner.plan(desired, noList, ownsAll()).isEmpty()).isTrue();
        // without a record it is loaded (refresh), never planned as new
        assertThat(load(Planner.plan(desired, noList, owner()), ObjectKind.SECRET, "ike-ab").change())
                .isEqualTo(Action.Change.REFRESH);
    }

    @Test
    void privateKeysAreNotLookedUpInGetShared() {
        // get-shared lists shared secrets only; a key is judged by this owner's record alone
        Plan none = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), ownsAll());
        assertThat(none.loads(ObjectKind.SECRET)).isEmpty();
        Plan unknown = Planner.plan(desired, charonWith(Set.of(), Set.of(), Set.of()), owner());
        assertThat(load(unknown, ObjectKind.SECRET, "private-gw")).isEqualTo(new Action.Load(ObjectKind.SECRET,
                "private-gw", Action.Change.REFRESH,
                "charon cannot show a secret's value: loaded unless this owner loaded the same one before"));
    }

    @Test
    void secretsArePlannedInDesiredOrder() {
        Plan p = Planner.plan(desired, charonWith(Set.of(), Set.of(), Set.of()), owner());
        assertThat(p.loads(ObjectKind.SECRET)).extracting(Action.Load::name).containsExactly("ike-ab", "private-gw");
    }

    // ------------------------------------------------------------------ pools and authorities

    @Test
    void poolOrAuthorityNotInCharonIsNewOrMissing() {
        Plan fresh = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of(), Set.of()), owner());
        assertThat(load(fresh, ObjectKind.POOL, "p1")).isEqualTo(new Action.Load(ObjectKind.POOL, "p1",
                Action.Change.NEW, "not loaded in charon"));
        assertThat(load(fresh, ObjectKind.AUTHORITY, "ca")).isEqualTo(new Action.Load(ObjectKind.AUTHORITY, "ca",
                Action.Change.NEW, "not loaded in charon"));
        Plan lost = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of(), Set.of()), ownsAll());
        assertThat(lost.actions()).containsExactly(
                new Action.Load(ObjectKind.POOL, "p1", Action.Change.MISSING, "not loaded in charon"),
                new Action.Load(ObjectKind.AUTHORITY, "ca", Action.Change.MISSING, "not loaded in charon"));
    }

    @Test
    void poolOrAuthorityInCharonWithoutARecordIsTakenOverOrRefreshed() {
        Plan foreign = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), owner());
        assertThat(load(foreign, ObjectKind.POOL, "p1")).isEqualTo(new Action.Load(ObjectKind.POOL, "p1",
                Action.Change.TAKE_OVER, "no record of what was loaded"));
        assertThat(load(foreign, ObjectKind.AUTHORITY, "ca")).isEqualTo(new Action.Load(ObjectKind.AUTHORITY, "ca",
                Action.Change.TAKE_OVER, "no record of what was loaded"));
        OwnershipStore o = owner();
        o.add(OwnershipStore.Kind.POOLS, "p1");
        o.add(OwnershipStore.Kind.AUTHORITIES, "ca");
        Plan owned = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), o);
        assertThat(load(owned, ObjectKind.POOL, "p1").change()).isEqualTo(Action.Change.REFRESH);
        assertThat(load(owned, ObjectKind.AUTHORITY, "ca").change()).isEqualTo(Action.Change.REFRESH);
        assertThat(load(owned, ObjectKind.AUTHORITY, "ca").reason()).isEqualTo("no record of what was loaded");
    }

    @Test
    void changedPoolOrAuthorityIsChanged() {
        DesiredState next = yaml(OBJECTS.replace("10.3.0.0/24", "10.4.0.0/24").replace("certs/ca.pem",
                "certs/gw.pem"));
        Plan p = Planner.plan(next, charonWith(Set.of("ike-ab"), Set.of("p1"), Set.of("ca")), ownsAll());
        assertThat(p.actions()).containsExactly(
                new Action.Load(ObjectKind.POOL, "p1", Action.Change.CHANGED, "changed"),
                new Action.Load(ObjectKind.AUTHORITY, "ca", Action.Change.CHANGED, "changed"));
    }

    @Test
    void charonThatCannotListPoolsOrAuthoritiesIsTrustedToHaveWhatWasLoaded() {
        ObservedState unknown = charonWith(Optional.of(Set.of("ike-ab")), Optional.empty(), Optional.empty());
        assertThat(Planner.plan(desired, unknown, ownsAll()).isEmpty()).isTrue();
        Plan p = Planner.plan(desired, unknown, owner());
        assertThat(load(p, ObjectKind.POOL, "p1").change()).isEqualTo(Action.Change.TAKE_OVER);
        assertThat(load(p, ObjectKind.AUTHORITY, "ca").change()).isEqualTo(Action.Change.TAKE_OVER);
    }

    @Test
    void aPoolOfAnotherNameInCharonDoesNotCount() {
        Plan p = Planner.plan(desired, charonWith(Set.of("ike-ab"), Set.of("p2"), Set.of("ca2")), ownsAll());
        assertThat(p.actions()).extracting(a -> ((Action.Load) a).name(), a -> ((Action.Load) a).change())
                .containsExactly(tuple("p1", Action.Change.MISSING), tuple("ca", Action.Change.MISSING));
    }

    @Test
    void digestsOfPoolsAndAuthoritiesAreKeptApart() {
        // a pool and an authority of the same name: each is judged by its own record
        DesiredState d = yaml("""
                pools:
                  x:
                    addrs: 10.3.0.0/24
                authorities:
                  x:
                    cacert: certs/ca.pem
                """);
        OwnershipStore o = owner();
        owns(o, d.pools().get(0));
        o.add(OwnershipStore.Kind.AUTHORITIES, "x");
        Plan p = Planner.plan(d, charonWith(Set.of(), Set.of("x"), Set.of("x")), o);
        assertThat(p.actions()).containsExactly(new Action.Load(ObjectKind.AUTHORITY, "x", Action.Change.REFRESH,
                "no record of what was loaded"));
    }
}
