package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.controller.testing.FixedRandom;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.testing.FakeCharon;
import org.vici4j.controller.testing.ManualExecutor;
import org.vici4j.controller.testing.ManualScheduler;
import org.vici4j.controller.testing.MutableClock;
import org.vici4j.controller.status.ChildState;

/**
 * What each operation costs charon with N = 1,000 desired connections, as docs/controller.md §7.3 states it, read
 * from {@link Controller#requestCounts()} and checked against the fake charon's own log of the commands it got: a
 * full observation is 7 requests whatever N; loading N connections is N {@code load-conn} and one {@code list-conns};
 * an unchanged resync is 7 requests and no {@code load-conn}; idle is 0; N {@code ensure: up} children cost N
 * {@code initiate}; an event costs what it leads to.
 */
class ControllerRequestCountScaleTest {

    private static final int N = 1_000;
    private static final List<String> OBSERVATION = List.of("version", "list-conns", "list-sas", "list-policies",
            "get-shared", "get-pools", "get-authorities");

    /** Parsed once: desired states are immutable. */
    private static final DesiredState LOADED = connections(N, "loaded");
    private static final DesiredState UP = connections(N, "up");

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final ManualScheduler tasks = new ManualScheduler(clock);
    private final FakeCharon charon = new FakeCharon();
    private final List<Controller> controllers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        controllers.forEach(Controller::stop);
    }

    private static DesiredState connections(int n, String ensure) {
        return connections(n, ensure, -1);
    }

    /** N connections; the one numbered {@code changed} (if any) with other ESP proposals. */
    private static DesiredState connections(int n, String ensure, int changed) {
        StringBuilder sb = new StringBuilder("controller: {resync: 30s}\nconnections:\n");
        for (int i = 0; i < n; i++) {
            // 25 peers, as a hub with many spokes per peer address would have
            sb.append("""
                      c%d:
                        local_addrs: 192.0.2.1
                        remote_addrs: 198.51.100.%d
                        local: {auth: psk, id: hub}
                        remote: {auth: psk, id: spoke-%d}
                        children:
                          c%d:
                            local_ts: 10.0.0.0/16
                            remote_ts: 10.%d.%d.0/24
                            esp_proposals: %s
                            ensure: %s
                    """.formatted(i, 1 + i % 25, i, i, 1 + i / 256, i % 256, i == changed ? "aes256gcm16"
                    : "aes128gcm16", ensure));
        }
        return DesiredStateLoader.parse(sb.toString(), "scale.yaml");
    }

    private Controller start(DesiredState d) {
        return start(d, true);
    }

    /** @param files with a status file (and the ownership file next to it), or ownership in memory */
    private Controller start(DesiredState d, boolean files) {
        return start(d, files, Duration.ZERO);
    }

    /**
     * @param heartbeat the liveness check's period; zero (the other tests) counts the reconciling alone, see
     *     {@link #theHeartbeatAddsAtMostTwoVersionRequestsPerResyncWhenIdle()} for its cost
     */
    private Controller start(DesiredState d, boolean files, Duration heartbeat) {
        Controller.Builder b = Controller.builder().charon(charon).desiredState(d).clock(clock).heartbeat(heartbeat)
                .allowMassPrune(true) // removing all N is what some of these tests measure
                .executor(new ManualExecutor(tasks, clock)).random(FixedRandom.of(0));
        if (files) {
            b.statusFile(dir.resolve("status.json"));
        }
        Controller c = b.build();
        controllers.add(c);
        c.start();
        tasks.runPending();
        return c;
    }

    /** @return what was sent since {@code before}, per command (commands with no request left out) */
    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> d = new HashMap<>();
        now.forEach((k, v) -> {
            long delta = v - before.getOrDefault(k, 0L);
            if (delta != 0) {
                d.put(k, delta);
            }
        });
        return d;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The controller's counts agree with what the fake charon received (event registrations aside). */
    private void assertCountsMatchCharon(Controller c) {
        Map<String, Long> fromCharon = new HashMap<>();
        for (String cmd : charon.commands) {
            fromCharon.merge(cmd, 1L, Long::sum);
        }
        Map<String, Long> counted = new HashMap<>(c.requestCounts());
        counted.remove("register");
        assertThat(counted).isEqualTo(fromCharon);
    }

    private static Map<String, Long> observation(long times) {
        Map<String, Long> m = new HashMap<>();
        OBSERVATION.forEach(cmd -> m.put(cmd, times));
        return m;
    }

    @Test
    void firstPassIsOneObservationNLoadsAndOneVerifyingList() {
        Controller c = start(LOADED);
        assertThat(c.firstPass()).isCompleted();
        assertThat(charon.conns).hasSize(N);
        Map<String, Long> expected = observation(1);
        expected.put("list-conns", 2L); // one to observe, one to verify all the loads
        expected.put("load-conn", (long) N);
        expected.put("register", 2L); // the events, and alert (which charon 5.9 does not know)
        assertThat(c.requestCounts()).isEqualTo(expected);
        assertThat(total(c.requestCounts())).isEqualTo(7 + N + 1 + 2);
        assertCountsMatchCharon(c);
        assertThat(c.status().connections()).hasSize(N).allSatisfy(s -> assertThat(s.children().get(0).state())
                .isEqualTo(ChildState.LOADED));
    }

    @Test
    void requestCountsAreSortedByCommandAndASnapshot() {
        Controller c = start(connections(3, "loaded"));
        Map<String, Long> counts = c.requestCounts();
        assertThat(new ArrayList<>(counts.keySet())).isSorted();
        tasks.advance(Duration.ofSeconds(30));
        assertThat(counts.get("list-sas")).isEqualTo(1); // the map taken before the resync did not change
        assertThat(c.requestCounts().get("list-sas")).isEqualTo(2);
    }

    @Test
    void anUnchangedResyncIsOneObservationAndNoLoad() {
        Controller c = start(LOADED);
        Map<String, Long> before = c.requestCounts();
        tasks.advance(Duration.ofSeconds(30));
        Map<String, Long> resync = since(before, c.requestCounts());
        assertThat(resync).doesNotContainKey("load-conn");
        assertThat(total(resync)).isLessThanOrEqualTo(10);
        assertThat(resync).isEqualTo(observation(1)); // docs §7.3: 7, no load-conn
        assertCountsMatchCharon(c);
    }

    @Test
    void theHeartbeatAddsAtMostTwoVersionRequestsPerResyncWhenIdle() {
        Controller c = start(LOADED, true, Duration.ofSeconds(10)); // the default heartbeat
        tasks.advance(Duration.ofSeconds(30));
        Map<String, Long> before = c.requestCounts();
        tasks.advance(Duration.ofSeconds(90)); // three resync periods
        Map<String, Long> idle = since(before, c.requestCounts());
        Map<String, Long> expected = new java.util.TreeMap<>(observation(3));
        long versions = idle.getOrDefault("version", 0L) - expected.get("version");
        assertThat(versions).as("heartbeats in 90 s: %s", idle).isBetween(1L, 6L);
        expected.put("version", expected.get("version") + versions);
        assertThat(idle).isEqualTo(expected);
        long total = idle.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).as("requests per 30 s resync period, heartbeats included").isLessThanOrEqualTo(30L);
    }

    @Test
    void idleBetweenResyncsCostsNothing() {
        Controller c = start(LOADED);
        Map<String, Long> before = c.requestCounts();
        tasks.advance(Duration.ofSeconds(29));
        assertThat(since(before, c.requestCounts())).isEmpty();
        tasks.advance(Duration.ofSeconds(1));
        assertThat(since(before, c.requestCounts())).isEqualTo(observation(1));
        before = c.requestCounts();
        tasks.advance(Duration.ofSeconds(29));
        assertThat(since(before, c.requestCounts())).isEmpty();
    }

    @Test
    void everyResyncCostsTheSame() {
        Controller c = start(LOADED);
        Map<String, Long> before = c.requestCounts();
        tasks.advance(Duration.ofSeconds(90)); // three resyncs
        assertThat(since(before, c.requestCounts())).isEqualTo(observation(3));
    }

    @Test
    void bringingUpNChildrenCostsNInitiates() {
        Controller c = start(UP);
        Map<String, Long> expected = observation(1);
        expected.put("list-conns", 2L);
        expected.put("load-conn", (long) N);
        expected.put("register", 2L);
        expected.put("initiate", (long) N);
        assertThat(c.requestCounts()).isEqualTo(expected);
        assertThat(charon.sas).hasSize(N);
        assertThat(c.status().connections()).allSatisfy(s -> assertThat(s.children().get(0).state())
                .isEqualTo(ChildState.INSTALLED));
        // and then an unchanged resync is still one observation: no initiate, no load
        Map<String, Long> before = c.requestCounts();
        tasks.advance(Duration.ofSeconds(30));
        assertThat(since(before, c.requestCounts())).isEqualTo(observation(1));
        assertCountsMatchCharon(c);
    }

    @Test
    void anEventCostsOnlyWhatItLeadsTo() {
        Controller c = start(UP);
        Map<String, Long> before = c.requestCounts();
        charon.peerDeletesChild("c500", "c500");
        tasks.runPending();
        assertThat(since(before, c.requestCounts())).isEqualTo(Map.of("initiate", 1L));
        assertThat(charon.installed("c500", "c500")).isTrue();
    }

    @Test
    void droppedEventsCostOneObservation() {
        Controller c = start(UP);
        Map<String, Long> before = c.requestCounts();
        charon.overflow();
        tasks.runPending();
        assertThat(since(before, c.requestCounts())).isEqualTo(observation(1));
    }

    @Test
    void aRestartedControllerAdoptsWhatCharonHasWithoutLoading() {
        DesiredState d = LOADED;
        Controller first = start(d);
        first.stop();
        Controller second = start(d); // same status and ownership files, charon unchanged
        Map<String, Long> expected = observation(1);
        expected.put("register", 2L);
        assertThat(second.requestCounts()).isEqualTo(expected); // counts are per controller
    }

    @Test
    void changingOneConnectionLoadsOnlyThatOne() {
        Controller c = start(LOADED);
        Map<String, Long> before = c.requestCounts();
        // the same N connections but c42 with other ESP proposals
        DesiredState changed42 = connections(43, "loaded", 42);
        DesiredState.Builder next = DesiredState.builder().controller(LOADED.controller());
        LOADED.connections().forEach(x -> next.connection(x.name().equals("c42")
                ? changed42.connection("c42").orElseThrow() : x));
        c.updateDesiredState(next.build());
        tasks.runPending();
        Map<String, Long> change = observation(1);
        change.put("load-conn", 1L);
        change.put("list-conns", 2L);
        assertThat(since(before, c.requestCounts())).isEqualTo(change);
    }

    /** Removes every connection (the desired state emptied) and returns the requests that took. */
    private Map<String, Long> requestsToRemoveAll(Controller c) {
        Map<String, Long> before = c.requestCounts();
        c.updateDesiredState(DesiredState.empty());
        tasks.runPending();
        return since(before, c.requestCounts());
    }

    /** The requests of removing N connections: one observation, N unloads and one verifying list. */
    private Map<String, Long> unloadsOfN() {
        Map<String, Long> removal = observation(1);
        removal.put("list-conns", 2L);
        removal.put("unload-conn", (long) N);
        return removal;
    }

    @Test
    void removingNConnectionsIsNUnloadsAndOneVerifyingList() {
        // ownership in memory: with a file, each of the N removals rewrites the whole record (O(N^2) bytes, some
        // 15 s here), which is not what this test is about
        Controller c = start(LOADED, false);
        assertThat(requestsToRemoveAll(c)).isEqualTo(unloadsOfN()); // no SAs: nothing to terminate
        assertThat(charon.conns).isEmpty();
    }

    @Test
    void removingNConnectionsWithSasUnloadsAllThenVerifiesThenTerminates() {
        Controller c = start(UP, false);
        assertThat(charon.sas).hasSize(N);
        int from = charon.commands.size();
        Map<String, Long> requests = requestsToRemoveAll(c);
        Map<String, Long> removal = unloadsOfN();
        removal.put("terminate", (long) N);
        assertThat(requests).isEqualTo(removal);
        // unloaded first (so that charon cannot restart them), verified by one list-conns, then terminated
        List<String> sent = charon.commands.subList(from + OBSERVATION.size(), charon.commands.size());
        assertThat(sent.subList(0, N)).containsOnly("unload-conn");
        assertThat(sent.get(N)).isEqualTo("list-conns");
        assertThat(sent.subList(N + 1, sent.size())).hasSize(N).containsOnly("terminate");
        assertThat(charon.conns).isEmpty();
        assertThat(charon.sas).isEmpty();
    }
}
