package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.testing.ReferenceSections.child;
import static org.vici4j.controller.testing.ReferenceSections.childRekey;
import static org.vici4j.controller.testing.ReferenceSections.childUpdown;
import static org.vici4j.controller.testing.ReferenceSections.ikeRekey;
import static org.vici4j.controller.testing.ReferenceSections.ikeUpdown;
import static org.vici4j.controller.testing.ReferenceSections.installed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vici4j.controller.testing.ConfigYaml;
import org.vici4j.controller.testing.FixedRandom;
import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.testing.FakeCharon;
import org.vici4j.controller.testing.ManualScheduler;
import org.vici4j.controller.testing.MutableClock;
import org.vici4j.controller.testing.ReferenceSections;
import org.vici4j.controller.testing.ReferenceStreams;

/**
 * {@link ObservedStateCache}: a full observation, then the events real charon 5.9.8 sent (captured streams under
 * reference/) and, for the kinds the captures lack (IKE_SA down, ike-rekey, child-rekey), events built from the
 * captured sections the way charon's vici_query.c builds them; events arriving during an observation; the results
 * of the controller's own requests; and how a gap or a reconnect makes the controller observe charon fully again.
 */
class ObservedStateCacheTest {

    private final ObservedStateCache cache = new ObservedStateCache();

    /** A full observation of a charon with {@code net} loaded (child net) and nothing else. */
    private static ObservedState observationWithNetLoaded() {
        return new ObservedState("5.9.8", Map.of("net", new ObservedConnection("net", Optional.of(listed("net")),
                List.of(), Set.of())), Optional.of(Set.of("ike-ab")), Optional.of(Set.of("p1")),
                Optional.of(Set.of()));
    }

    private static ViciSection listed(String... children) {
        ViciSection.Builder b = ViciSection.builder().add("version", "2").beginSection("children");
        for (String c : children) {
            b.beginSection(c).add("mode", "TUNNEL").endSection();
        }
        return b.endSection().build();
    }

    private Set<String> feed(String scenarioFile) {
        Set<String> changed = new java.util.LinkedHashSet<>();
        for (ReferenceStreams.Event e : ReferenceStreams.events(scenarioFile)) {
            changed.addAll(cache.onEvent(e.name(), e.message()));
        }
        return changed;
    }

    private List<ChildSa> children(String conn) {
        return cache.connection(conn).ikeSas().stream().flatMap(i -> i.childSas().stream()).toList();
    }

    // ------------------------------------------------------------------ full observation

    @Test
    void aNewCacheHasObservedNothing() {
        assertThat(cache.isObserved()).isFalse();
        assertThat(cache.connection("net")).isEqualTo(ObservedConnection.absent("net"));
        assertThat(cache.version()).isNull();
        assertThat(cache.eventsApplied()).isZero();
        assertThat(cache.snapshot().connections()).isEmpty();
    }

    @Test
    void aFullObservationReplacesEverything() {
        FakeCharon charon = new FakeCharon();
        charon.request("load-conn", ViciSection.builder().beginSection("net").add("version", "2")
                .beginSection("children").beginSection("net").endSection().endSection().endSection().build());
        charon.request("initiate", ViciSection.builder().add("ike", "net").add("child", "net").build());
        charon.request("load-shared", ViciSection.builder().add("id", "ike-ab").build());
        ObservedState observed = Observer.over(charon, Duration.ofSeconds(1)).observe();
        cache.onEvent("ike-updown", ikeUpdown("stale", true, 99, "ESTABLISHED")); // replaced by the observation
        cache.replace(observed);
        assertThat(cache.isObserved()).isTrue();
        assertThat(cache.snapshot()).isEqualTo(observed);
        assertThat(cache.version()).isEqualTo("5.9.8");
        assertThat(cache.connection("net").installed("net")).isTrue();
        assertThat(cache.connection("stale").isEmpty()).isTrue();
        assertThat(cache.snapshot().sharedIds()).contains(Set.of("ike-ab"));
    }

    @Test
    void theSnapshotIsACopy() {
        cache.replace(observationWithNetLoaded());
        ObservedState before = cache.snapshot();
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("net", 1)));
        assertThat(before.connection("net").installed("net")).isFalse();
        assertThat(cache.snapshot().connection("net").installed("net")).isTrue();
    }

    // ------------------------------------------------------------------ captured event streams

    @Test
    void theCapturedStreamOfAnInstalledChildInstallsIt() {
        cache.replace(observationWithNetLoaded());
        List<ReferenceStreams.Event> events = ReferenceStreams.events("child-installed/initiator-events.jsonl");
        boolean sawIke = false;
        for (ReferenceStreams.Event e : events) {
            Set<String> changed = cache.onEvent(e.name(), e.message());
            switch (e.name()) {
                case "ike-updown" -> {
                    assertThat(changed).containsExactly("net");
                    assertThat(cache.connection("net").ikeEstablished()).isTrue();
                    assertThat(cache.connection("net").installed("net")).isFalse();
                    sawIke = true;
                }
                case "child-updown" -> assertThat(changed).containsExactly("net");
                default -> assertThat(changed).as(e.name()).isEmpty(); // log lines change nothing
            }
        }
        assertThat(sawIke).isTrue();
        assertThat(cache.eventsApplied()).isEqualTo(events.size());
        ObservedConnection net = cache.connection("net");
        assertThat(net.loaded()).isTrue(); // events do not touch the loaded configuration
        assertThat(net.ikeSas()).singleElement().satisfies(i -> {
            assertThat(i.uniqueId()).isEqualTo(1);
            assertThat(i.remoteHost()).isEqualTo("192.0.2.2");
        });
        ChildSa cs = net.installedSa("net").orElseThrow();
        assertThat(cs.uniqueId()).isEqualTo(1);
        assertThat(cs.spiIn()).isEqualTo("f49a4e8e");
        assertThat(cs.localTs()).containsExactly("198.51.100.0/24");
    }

    @Test
    void theCapturedStreamOfAResponderWhoseInstallFailedLeavesNoChild() {
        // responder side of initiator-install-failure: child-updown up, then down (DELETED)
        cache.replace(observationWithNetLoaded());
        assertThat(feed("initiator-install-failure/responder-events.jsonl")).containsExactly("net");
        ObservedConnection net = cache.connection("net");
        assertThat(net.installed("net")).isFalse();
        assertThat(net.ikeEstablished()).isTrue();
        assertThat(net.ikeSas()).singleElement().satisfies(i -> assertThat(i.childSas()).isEmpty());
    }

    @Test
    void theCapturedStreamsOfFailedAttemptsLeaveAnIkeSaWithoutChild() {
        for (String f : List.of("initiator-install-failure/initiator-events.jsonl",
                "responder-install-failure/initiator-events.jsonl", "responder-install-failure/responder-events.jsonl")) {
            ObservedStateCache c = new ObservedStateCache();
            c.replace(observationWithNetLoaded());
            for (ReferenceStreams.Event e : ReferenceStreams.events(f)) {
                c.onEvent(e.name(), e.message());
            }
            assertThat(c.connection("net").ikeEstablished()).as(f).isTrue();
            assertThat(c.connection("net").installed("net")).as(f).isFalse();
        }
    }

    @Test
    void replayingAStreamIsIdempotent() {
        cache.replace(observationWithNetLoaded());
        feed("child-installed/initiator-events.jsonl");
        ObservedState once = cache.snapshot();
        feed("child-installed/initiator-events.jsonl");
        assertThat(cache.snapshot()).isEqualTo(once);
        assertThat(children("net")).hasSize(1);
    }

    // ------------------------------------------------------------------ down, rekey

    @Test
    void anIkeSaGoneDownIsGoneWithItsChildren() {
        cache.replace(observationWithNetLoaded());
        feed("child-installed/initiator-events.jsonl");
        Set<String> changed = cache.onEvent("ike-updown", ikeUpdown("net", false, 1, "DELETING"));
        assertThat(changed).containsExactly("net");
        ObservedConnection net = cache.connection("net");
        assertThat(net.ikeSas()).isEmpty();
        assertThat(net.installed("net")).isFalse();
        assertThat(net.loaded()).isTrue(); // the configuration stays
    }

    @Test
    void aConnectionWithNothingLeftIsDropped() {
        cache.replace(observationWithNetLoaded());
        cache.onEvent("ike-updown", ikeUpdown("peer-started", true, 5, "ESTABLISHED"));
        assertThat(cache.snapshot().connections()).containsKey("peer-started");
        cache.onEvent("ike-updown", ikeUpdown("peer-started", false, 5, "DELETING"));
        assertThat(cache.snapshot().connections()).doesNotContainKey("peer-started");
        assertThat(cache.connection("peer-started").isEmpty()).isTrue();
    }

    @Test
    void onlyTheIkeSaThatWentDownIsRemoved() {
        cache.replace(observationWithNetLoaded());
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("net", 1)));
        cache.onEvent("child-updown", childUpdown("net", true, 2, installed("net", 2)));
        cache.onEvent("ike-updown", ikeUpdown("net", false, 1, "DELETING"));
        assertThat(cache.connection("net").ikeSas()).extracting(IkeSa::uniqueId).containsExactly(2L);
        assertThat(cache.connection("net").installedSa("net").orElseThrow().uniqueId()).isEqualTo(2);
    }

    @Test
    void aChildGoneDownLeavesItsSiblings() {
        cache.replace(new ObservedState("5.9.8", Map.of("net", new ObservedConnection("net",
                Optional.of(listed("a", "b")), List.of(), Set.of())), Optional.empty(), Optional.empty(),
                Optional.empty()));
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("a", 1)));
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("b", 2)));
        assertThat(children("net")).extracting(ChildSa::name).containsExactly("a", "b");
        cache.onEvent("child-updown", childUpdown("net", false, 1, child("a", 1, "DELETED")));
        assertThat(children("net")).extracting(ChildSa::name, ChildSa::uniqueId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("b", 2L));
        assertThat(cache.connection("net").installed("a")).isFalse();
        assertThat(cache.connection("net").installed("b")).isTrue();
    }

    @Test
    void anIkeUpdownKeepsTheChildrenTheCacheKnowsOf() {
        // ike-updown carries no child-sas; an IKE_SA section update must not drop the CHILD_SAs
        cache.replace(observationWithNetLoaded());
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("net", 1)));
        cache.onEvent("ike-updown", ikeUpdown("net", true, 1, "ESTABLISHED"));
        assertThat(cache.connection("net").installed("net")).isTrue();
    }

    @Test
    void anIkeRekeyReplacesTheIkeSaIdAndKeepsItsChildren() {
        cache.replace(observationWithNetLoaded());
        feed("child-installed/initiator-events.jsonl");
        Set<String> changed = cache.onEvent("ike-rekey", ikeRekey("net", 1, 2));
        assertThat(changed).containsExactly("net");
        ObservedConnection net = cache.connection("net");
        assertThat(net.ikeSas()).extracting(IkeSa::uniqueId).containsExactly(2L);
        assertThat(net.ikeEstablished()).isTrue();
        assertThat(net.installedSa("net").orElseThrow().uniqueId()).isEqualTo(1);
        // the old IKE_SA's id means nothing any more: its down event removes nothing
        cache.onEvent("ike-updown", ikeUpdown("net", false, 1, "DELETING"));
        assertThat(cache.connection("net").installed("net")).isTrue();
        // the new one's does
        cache.onEvent("ike-updown", ikeUpdown("net", false, 2, "DELETING"));
        assertThat(cache.connection("net").ikeSas()).isEmpty();
    }

    @Test
    void aChildRekeyReplacesTheChildSaId() {
        cache.replace(observationWithNetLoaded());
        feed("child-installed/initiator-events.jsonl");
        Set<String> changed = cache.onEvent("child-rekey", childRekey("net", 1, child("net", 1, "REKEYED"),
                installed("net", 2)));
        assertThat(changed).containsExactly("net");
        assertThat(children("net")).extracting(ChildSa::name, ChildSa::uniqueId, ChildSa::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("net", 2L, "INSTALLED"));
        assertThat(cache.connection("net").installedSa("net").orElseThrow().uniqueId()).isEqualTo(2);
    }

    @Test
    void theRekeyedChildGoingDownIsSeen() {
        // after a rekey, charon deletes the old CHILD_SA without child-updown; the new one's child-updown (down)
        // must leave the cache without an INSTALLED CHILD_SA, or the controller would not bring it up again
        cache.replace(observationWithNetLoaded());
        feed("child-installed/initiator-events.jsonl");
        cache.onEvent("child-rekey", childRekey("net", 1, child("net", 1, "REKEYED"), installed("net", 2)));
        cache.onEvent("child-updown", childUpdown("net", false, 1, child("net", 2, "DELETED")));
        assertThat(cache.connection("net").installed("net")).isFalse();
        assertThat(children("net")).isEmpty();
    }

    @Test
    void twoChildrenRekeyedOnOneIkeSaAreBothKept() {
        cache.replace(new ObservedState("5.9.8", Map.of("net", new ObservedConnection("net",
                Optional.of(listed("a", "b")), List.of(), Set.of())), Optional.empty(), Optional.empty(),
                Optional.empty()));
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("a", 1)));
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("b", 2)));
        cache.onEvent("child-rekey", childRekey("net", 1, child("a", 1, "REKEYED"), installed("a", 3)));
        cache.onEvent("child-rekey", childRekey("net", 1, child("b", 2, "REKEYED"), installed("b", 4)));
        assertThat(children("net")).extracting(ChildSa::name, ChildSa::uniqueId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a", 3L), org.assertj.core.groups.Tuple.tuple("b", 4L));
        assertThat(cache.connection("net").installed("a")).isTrue();
        assertThat(cache.connection("net").installed("b")).isTrue();
    }

    @Test
    void unknownEventsChangeNothing() {
        cache.replace(observationWithNetLoaded());
        ObservedState before = cache.snapshot();
        assertThat(cache.onEvent("ike-update", ikeUpdown("net", true, 1, "ESTABLISHED"))).isEmpty();
        assertThat(cache.onEvent("log", ViciSection.builder().add("msg", "x").build())).isEmpty();
        assertThat(cache.snapshot()).isEqualTo(before);
        assertThat(cache.eventsApplied()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ events during an observation

    @Test
    void eventsDuringAnObservationAreAppliedOnTopOfIt() {
        cache.replace(observationWithNetLoaded());
        cache.invalidate();
        cache.beginObservation();
        // charon answered list-sas before the CHILD_SA came up; its events arrive while the observation runs
        List<ReferenceStreams.Event> events = ReferenceStreams.events("child-installed/initiator-events.jsonl");
        events.forEach(e -> cache.onEvent(e.name(), e.message()));
        cache.replace(observationWithNetLoaded());
        assertThat(cache.isObserved()).isTrue();
        assertThat(cache.connection("net").installed("net")).isTrue();
        assertThat(children("net")).hasSize(1);
    }

    @Test
    void eventsTheObservationAlreadyShowsAreNotDoubled() {
        ObservedState withChild = new ObservedState("5.9.8", Map.of("net", new ObservedConnection("net",
                Optional.of(listed("net")), List.of(IkeSa.from("net", ReferenceSections.capturedIke())), Set.of())),
                Optional.empty(), Optional.empty(), Optional.empty());
        cache.beginObservation();
        feed("child-installed/initiator-events.jsonl");
        cache.replace(withChild);
        assertThat(cache.connection("net").ikeSas()).hasSize(1);
        assertThat(children("net")).hasSize(1);
    }

    @Test
    void aDownEventDuringAnObservationWinsOverTheObservation() {
        ObservedState withChild = new ObservedState("5.9.8", Map.of("net", new ObservedConnection("net",
                Optional.of(listed("net")), List.of(IkeSa.from("net", ReferenceSections.capturedIke())), Set.of())),
                Optional.empty(), Optional.empty(), Optional.empty());
        cache.beginObservation();
        cache.onEvent("child-updown", childUpdown("net", false, 1, child("net", 1, "DELETED")));
        cache.replace(withChild); // listed before the CHILD_SA went down
        assertThat(cache.connection("net").installed("net")).isFalse();
    }

    @Test
    void eventsBeforeTheObservationBeganAreNotReplayed() {
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("net", 1)));
        cache.beginObservation();
        cache.replace(observationWithNetLoaded()); // charon no longer has the SA: the observation is the truth
        assertThat(cache.connection("net").installed("net")).isFalse();
        // and a replace without an observation under way replays nothing either
        cache.replace(observationWithNetLoaded());
        assertThat(cache.connection("net").ikeSas()).isEmpty();
    }

    @Test
    void eventsAreRecordedOnlyUntilTheObservationEnds() {
        cache.beginObservation();
        cache.replace(observationWithNetLoaded());
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("net", 1)));
        cache.beginObservation();
        cache.replace(observationWithNetLoaded());
        assertThat(cache.connection("net").installed("net")).isFalse();
    }

    @Test
    void invalidatingMarksTheCacheStaleUntilTheNextObservation() {
        cache.replace(observationWithNetLoaded());
        cache.onEvent("child-updown", childUpdown("net", true, 1, installed("net", 1)));
        cache.invalidate();
        assertThat(cache.isObserved()).isFalse();
        assertThat(cache.connection("net").installed("net")).isTrue(); // kept until replaced
        cache.beginObservation();
        cache.replace(observationWithNetLoaded());
        assertThat(cache.isObserved()).isTrue();
        assertThat(cache.connection("net").installed("net")).isFalse();
    }

    // ------------------------------------------------------------------ results of the controller's own requests

    @Test
    void loadsAndUnloadsOfConnectionsAreTakenIn() {
        cache.replace(ObservedState.empty());
        cache.connectionLoaded("a", List.of("x", "y"));
        assertThat(cache.connection("a").loaded()).isTrue();
        assertThat(cache.connection("a").hasChildConfig("x")).isTrue();
        assertThat(cache.connection("a").hasChildConfig("y")).isTrue();
        cache.onEvent("child-updown", childUpdown("a", true, 1, installed("x", 1)));
        cache.connectionLoaded("a", List.of("x")); // a reload keeps the SAs
        assertThat(cache.connection("a").installed("x")).isTrue();
        cache.connectionRemoved("a");
        assertThat(cache.connection("a").isEmpty()).isTrue();
    }

    @Test
    void aFreshListOfConnectionsReplacesTheLoadedOnes() {
        cache.replace(ObservedState.empty());
        cache.connectionLoaded("a", List.of("a"));
        cache.connectionLoaded("b", List.of("b"));
        cache.onEvent("child-updown", childUpdown("b", true, 1, installed("b", 1)));
        cache.replaceListed(Map.of("c", listed("c")));
        assertThat(cache.snapshot().connections()).containsOnlyKeys("b", "c");
        assertThat(cache.connection("b").loaded()).isFalse(); // b is not loaded, but its SAs are still there
        assertThat(cache.connection("b").installed("b")).isTrue();
        assertThat(cache.connection("c").hasChildConfig("c")).isTrue();
    }

    @Test
    void aFreshListOfSasReplacesTheConnectionsSas() {
        cache.replace(observationWithNetLoaded());
        feed("child-installed/initiator-events.jsonl");
        cache.replaceIkeSas("net", List.of(IkeSa.from("net", ReferenceSections.ike(7, "CONNECTING"))));
        assertThat(cache.connection("net").ikeSas()).extracting(IkeSa::uniqueId, IkeSa::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, "CONNECTING"));
        assertThat(cache.connection("net").installed("net")).isFalse();
        cache.replaceIkeSas("net", List.of());
        assertThat(cache.connection("net").ikeSas()).isEmpty();
        assertThat(cache.connection("net").loaded()).isTrue();
    }

    @Test
    void trapsSecretsPoolsAndAuthoritiesAreTakenIn() {
        cache.replace(observationWithNetLoaded());
        cache.trapInstalled("net", "net");
        assertThat(cache.connection("net").trapped("net")).isTrue();
        cache.sharedSecret("ike-new", true);
        cache.sharedSecret("ike-ab", false);
        cache.named("pool", "p2", true);
        cache.named("pool", "p1", false);
        cache.named("authority", "ca", true);
        ObservedState s = cache.snapshot();
        assertThat(s.sharedIds()).contains(Set.of("ike-new"));
        assertThat(s.pools()).contains(Set.of("p2"));
        assertThat(s.authorities()).contains(Set.of("ca"));
        assertThat(s.version()).isEqualTo("5.9.8");
    }

    @Test
    void whatCharonCannotListStaysUnknown() {
        cache.replace(new ObservedState("5.9.8", Map.of(), Optional.empty(), Optional.empty(), Optional.empty()));
        cache.sharedSecret("ike-new", true);
        cache.named("pool", "p", true);
        cache.named("authority", "ca", true);
        ObservedState s = cache.snapshot();
        assertThat(s.sharedIds()).isEmpty();
        assertThat(s.pools()).isEmpty();
        assertThat(s.authorities()).isEmpty();
    }

    // ------------------------------------------------------------------ in the controller: gaps and reconnects

    /** The controller over a fake charon; reports requests per command. */
    private static final class Setup implements AutoCloseable {
        final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        final ManualScheduler tasks = new ManualScheduler(clock);
        final FakeCharon charon = new FakeCharon();
        final Reconciler reconciler;

        Setup() {
            RandomGenerator zero = FixedRandom.of(0);
            String yaml = "connections:\n"
                    + ConfigYaml.connection("net", ConfigYaml.PEER, ConfigYaml.child("net", "ensure: up"));
            reconciler = new Reconciler(charon, tasks, clock, zero, DesiredStateLoader.parse(yaml, "gap.yaml"),
                    new Reconciler.Settings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(2),
                            RetryPolicy.builder().initial(Duration.ofSeconds(1)).jitter(0).build(), null, null,
                            Duration.ofSeconds(5), 4));
            reconciler.start();
            tasks.runPending();
        }

        long count(String command) {
            return reconciler.requestCounts().getOrDefault(command, 0L);
        }

        @Override
        public void close() {
            reconciler.stop();
        }
    }

    private Setup setup;

    @AfterEach
    void stopSetup() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void theControllersCacheFollowsCharonsEvents() {
        setup = new Setup();
        assertThat(setup.reconciler.observedState().connection("net").installed("net")).isTrue();
        long listSas = setup.count("list-sas");
        setup.charon.peerDeletesChild("net", "net"); // child-updown down, then the controller initiates again
        setup.tasks.runPending();
        ObservedConnection net = setup.reconciler.observedState().connection("net");
        assertThat(net.installed("net")).isTrue();
        assertThat(net.installedSa("net").orElseThrow().uniqueId()).isEqualTo(setup.charon.sas.get("net").children
                .get("net"));
        assertThat(setup.count("list-sas")).isEqualTo(listSas); // known from events, not by asking
    }

    @Test
    void droppedEventsForceOneFullObservationAndNoReload() {
        setup = new Setup();
        Map<String, Long> before = setup.reconciler.requestCounts();
        setup.charon.overflow();
        setup.tasks.runPending();
        Map<String, Long> after = setup.reconciler.requestCounts();
        for (String c : List.of("version", "list-conns", "list-sas", "list-policies", "get-shared", "get-pools",
                "get-authorities")) {
            assertThat(after.get(c)).as(c).isEqualTo(before.get(c) + 1);
        }
        assertThat(after.get("load-conn")).isEqualTo(before.get("load-conn"));
        assertThat(after.get("initiate")).isEqualTo(before.get("initiate"));
        assertThat(after.get("register")).isEqualTo(before.get("register")); // the subscription stays
    }

    @Test
    void aLostEventConnectionForcesAFullObservationAndReappliesEverything() {
        setup = new Setup();
        Map<String, Long> before = setup.reconciler.requestCounts();
        setup.charon.dropSubscriptions();
        setup.tasks.runPending();
        // the connections' workers do not act on a stale cache; the global pass waits for the reconnect delay
        assertThat(setup.reconciler.requestCounts()).isEqualTo(before);
        setup.tasks.advance(Duration.ofSeconds(2));
        Map<String, Long> after = setup.reconciler.requestCounts();
        assertThat(after.get("register")).isEqualTo(before.get("register") + 1); // subscribed again
        for (String c : List.of("version", "list-sas", "list-policies", "get-shared", "get-pools",
                "get-authorities")) {
            assertThat(after.get(c)).as(c).isEqualTo(before.get(c) + 1);
        }
        assertThat(after.get("load-conn")).isEqualTo(before.get("load-conn") + 1); // events were lost: re-applied
        assertThat(after.get("list-conns")).isEqualTo(before.get("list-conns") + 2); // observe, verify the load
        assertThat(after.get("initiate")).isEqualTo(before.get("initiate")); // the CHILD_SA is still there
        assertThat(setup.reconciler.status().child("net", "net").orElseThrow().state())
                .isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void aChildSaRekeyedAndThenDeletedByThePeerIsBroughtUpAgainAtOnce() {
        setup = new Setup();
        FakeCharon.Ike ike = setup.charon.sas.get("net");
        long oldId = ike.children.get("net");
        // charon rekeys the CHILD_SA: the new one replaces the old one, which is deleted without child-updown
        ike.children.put("net", oldId + 100);
        setup.charon.publish("child-rekey", childRekey("net", ike.uniqueId, child("net", oldId, "REKEYED"),
                installed("net", oldId + 100)));
        setup.tasks.runPending();
        assertThat(setup.reconciler.observedState().connection("net").installedSa("net").orElseThrow().uniqueId())
                .isEqualTo(oldId + 100);
        // the peer deletes the new CHILD_SA: the controller must see it gone and initiate again, not wait for a resync
        setup.charon.peerDeletesChild("net", "net");
        setup.tasks.runPending();
        assertThat(setup.charon.initiateCount("net", "net")).isEqualTo(2);
        assertThat(setup.charon.installed("net", "net")).isTrue();
        assertThat(setup.reconciler.status().child("net", "net").orElseThrow().state())
                .isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void aCharonRestartIsObservedAfreshAndHealed() {
        setup = new Setup();
        setup.charon.restart(); // everything gone; subscribers learn of a gap with the connection lost
        setup.tasks.runPending();
        assertThat(setup.charon.installed("net", "net")).isTrue();
        assertThat(setup.reconciler.observedState().connection("net").installed("net")).isTrue();
        assertThat(setup.reconciler.observedState().connection("net").loaded()).isTrue();
    }
}
