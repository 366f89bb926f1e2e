package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.controller.testing.ConfigYaml;
import org.vici4j.controller.testing.FixedRandom;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.status.CharonStatus;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.status.StatusFile;
import org.vici4j.controller.status.StatusJson;
import org.vici4j.controller.testing.FakeCharon;
import org.vici4j.controller.testing.FakeCharon.Behaviour;
import org.vici4j.controller.testing.ManualScheduler;
import org.vici4j.controller.testing.MutableClock;

class ReconcilerTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final ManualScheduler tasks = new ManualScheduler(clock);
    private final FakeCharon charon = new FakeCharon();
    private final List<ControllerStatus> published = new ArrayList<>();
    private Reconciler reconciler;
    private int maxInitiates = 4;

    @TempDir
    Path dir;

    private static final RetryPolicy FAST = RetryPolicy.builder().initial(Duration.ofMillis(500))
            .max(Duration.ofSeconds(3)).multiplier(2).jitter(0).build();

    static DesiredState yaml(String text) {
        return DesiredStateLoader.parse(text, "test.yaml");
    }

    static String conn(String name, String ensure) {
        return ConfigYaml.connection(name, ConfigYaml.PEER,
                ConfigYaml.child(name, "esp_proposals: aes128gcm16", "ensure: " + ensure));
    }

    static final String SECRETS = """
            secrets:
              ike-ab:
                id-1: a
                id-2: b
                secret: s3cr3t-value
            """;

    static DesiredState state(String... conns) {
        StringBuilder sb = new StringBuilder("connections:\n");
        for (String c : conns) {
            sb.append(c);
        }
        return yaml(sb + SECRETS);
    }

    private Reconciler start(DesiredState d) {
        return start(d, FAST);
    }

    private Reconciler start(DesiredState d, RetryPolicy policy) {
        RandomGenerator zero = FixedRandom.of(0);
        reconciler = new Reconciler(charon, tasks, clock, zero, d, new Reconciler.Settings(Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(1), policy, dir.resolve("status.json"), null,
                Duration.ofSeconds(5), maxInitiates));
        reconciler.addListener((prev, now) -> published.add(now));
        reconciler.start();
        tasks.runPending();
        return reconciler;
    }

    @AfterEach
    void stop() {
        if (reconciler != null) {
            reconciler.stop();
        }
    }

    private ChildStatus child(String conn, String child) {
        return reconciler.status().child(conn, child).orElseThrow();
    }

    @Test
    void appliesAndBringsUpAndWritesStatus() throws Exception {
        start(state(conn("net", "up")));
        assertThat(charon.conns).containsKey("net");
        assertThat(charon.shared).containsExactly("ike-ab");
        assertThat(charon.installed("net", "net")).isTrue();
        ChildStatus s = child("net", "net");
        assertThat(s.state()).isEqualTo(ChildState.INSTALLED);
        assertThat(s.attempts()).isZero();
        assertThat(reconciler.status().charon().connected()).isTrue();
        assertThat(reconciler.status().charon().version()).isEqualTo("5.9.8");
        // initiates do not wait: charon answers at once and the outcome arrives as events
        assertThat(charon.initiates).allSatisfy(m -> assertThat(m.longValue("timeout")).hasValue(-1));
        // ... as plain requests: a streamed initiate would cost a control-log register and unregister each
        assertThat(charon.count("initiate")).isPositive();
        assertThat(charon.streamedCommands).doesNotContain("initiate");
        tasks.advance(Duration.ofMillis(100)); // the file is rewritten at most every 100 ms; the last state is written
        ControllerStatus onDisk = new StatusFile(dir.resolve("status.json")).read();
        assertThat(onDisk).isEqualTo(reconciler.status());
        // ownership is kept next to the status file
        assertThat(Files.readString(dir.resolve("status.json.owned.json"))).contains("\"net\"").contains("ike-ab")
                .doesNotContain("s3cr3t");
        // with the options as loaded, for 'vici diff'
        assertThat(OwnershipStore.open(dir.resolve("status.json.owned.json"), "vici4j").applied("net").orElseThrow())
                .containsEntry("children.net.local_ts", "198.18.0.0/22");
        assertThat(Files.readString(dir.resolve("status.json"))).doesNotContain("s3cr3t");
    }

    @Test
    void statusFileWritesAreCoalescedButTheLastStateIsAlwaysWritten() throws Exception {
        charon.defaultBehaviour = Behaviour.SAD_FAILURE;
        start(state(conn("net", "up")));
        Path file = dir.resolve("status.json");
        // several changes happened at the same instant: at most one write, the rest is deferred
        tasks.advance(Duration.ofMillis(100));
        assertThat(new StatusFile(file).read()).isEqualTo(reconciler.status());
        java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(file);
        tasks.advance(Duration.ofMillis(50)); // nothing changed: no rewrite
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(t);
        charon.defaultBehaviour = Behaviour.SUCCESS;
        tasks.advance(Duration.ofMillis(400)); // retry succeeds
        reconciler.stop();
        assertThat(new StatusFile(file).read().child("net", "net").orElseThrow().state())
                .isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void theStatusFileNamesItsWriterAndIsTouchedAtEveryResync() throws Exception {
        start(state(conn("net", "up")));
        Path file = dir.resolve("status.json");
        tasks.advance(Duration.ofMillis(200));
        String json = Files.readString(file);
        org.vici4j.controller.status.StatusWriter writer = org.vici4j.controller.status.StatusJson.writer(json)
                .orElseThrow();
        assertThat(writer.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(writer.resync()).isEqualTo(Duration.ofSeconds(30));
        assertThat(writer.running()).isTrue();
        tasks.advance(Duration.ofSeconds(31)); // a resync with nothing new: the file is touched, not rewritten
        assertThat(Files.readString(file)).isEqualTo(json);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
        tasks.advance(Duration.ofSeconds(30));
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void secondApplyChangesNothing() {
        start(state(conn("net", "up")));
        long loads = charon.count("load-conn");
        long sharedLoads = charon.count("load-shared");
        long ikeId = charon.sas.get("net").uniqueId;
        long childId = charon.sas.get("net").children.get("net");
        int statusChanges = published.size();
        tasks.advance(Duration.ofSeconds(95)); // three resyncs
        assertThat(charon.count("load-conn")).isEqualTo(loads);
        assertThat(charon.count("load-shared")).isEqualTo(sharedLoads);
        assertThat(charon.initiateCount("net", "net")).isEqualTo(1);
        assertThat(charon.sas.get("net").uniqueId).isEqualTo(ikeId);
        assertThat(charon.sas.get("net").children.get("net")).isEqualTo(childId);
        assertThat(published).hasSize(statusChanges);
        assertThat(charon.count("list-sas")).isGreaterThan(3); // it did verify
    }

    @Test
    void kernelFailureIsClassifiedAndRetriedWithGrowingDelaysReusingTheIkeSa() {
        charon.defaultBehaviour = Behaviour.SAD_FAILURE;
        start(state(conn("net", "up")));
        ChildStatus s = child("net", "net");
        assertThat(s.state()).isEqualTo(ChildState.RETRYING);
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(s.lastFailure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(s.lastFailure().side()).isEqualTo(Side.LOCAL);
        assertThat(s.lastFailure().evidence()).anyMatch(l -> l.contains("unable to install inbound and outbound IPsec SA"));
        Instant t0 = clock.instant();
        assertThat(s.nextAttemptAt()).isEqualTo(t0.plusMillis(500));
        long ikeId = charon.sas.get("net").uniqueId;

        List<Instant> attemptTimes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant next = child("net", "net").nextAttemptAt();
            tasks.advance(Duration.between(clock.instant(), next).minusMillis(1));
            assertThat(charon.initiateCount("net", "net")).isEqualTo(i + 1); // not before it is due
            tasks.advance(Duration.ofMillis(1));
            assertThat(charon.initiateCount("net", "net")).isEqualTo(i + 2);
            attemptTimes.add(clock.instant());
        }
        assertThat(Duration.between(t0, attemptTimes.get(0))).isEqualTo(Duration.ofMillis(500));
        assertThat(Duration.between(attemptTimes.get(0), attemptTimes.get(1))).isEqualTo(Duration.ofMillis(1000));
        assertThat(Duration.between(attemptTimes.get(1), attemptTimes.get(2))).isEqualTo(Duration.ofMillis(2000));
        assertThat(Duration.between(attemptTimes.get(2), attemptTimes.get(3))).isEqualTo(Duration.ofMillis(3000));
        assertThat(Duration.between(attemptTimes.get(4), attemptTimes.get(5))).isEqualTo(Duration.ofMillis(3000));
        assertThat(child("net", "net").attempts()).isEqualTo(7);
        assertThat(charon.sas).hasSize(1);
        assertThat(charon.sas.get("net").uniqueId).isEqualTo(ikeId);

        // the kernel gets fixed: the next attempt succeeds and the count resets
        charon.defaultBehaviour = Behaviour.SUCCESS;
        tasks.advance(Duration.ofSeconds(3));
        ChildStatus ok = child("net", "net");
        assertThat(ok.state()).isEqualTo(ChildState.INSTALLED);
        assertThat(ok.attempts()).isZero();
        assertThat(ok.nextAttemptAt()).isNull();
        assertThat(ok.lastFailure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
    }

    @Test
    void peerRejectionIsReportedAsPeerSideAndBacksOffExponentiallyNotToTheCap() {
        charon.defaultBehaviour = Behaviour.PEER_NO_PROPOSAL;
        start(state(conn("net", "up")));
        ChildStatus s = child("net", "net");
        assertThat(s.lastFailure().failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_CHILD);
        assertThat(s.lastFailure().side()).isEqualTo(Side.PEER);
        assertThat(s.lastFailure().notifyType()).isEqualTo("NO_PROPOSAL_CHOSEN");
        tasks.advance(Duration.ofMillis(500));
        assertThat(child("net", "net").attempts()).isEqualTo(2);
        // NO_PROPOSAL_CHOSEN from the peer after authentication may be its kernel: exponential, not the cap
        assertThat(child("net", "net").nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));
    }

    @Test
    void anIkeSaWithThePeerGoingDownOrComingUpCutsTheWaitShortWithTheBackoffStartedAgain() {
        charon.defaultBehaviour = Behaviour.PEER_NO_PROPOSAL;
        start(state(conn("net", "up")));
        tasks.advance(Duration.ofMillis(500)); // 2 failures
        tasks.advance(Duration.ofSeconds(1)); // 3 failures, the next in 2 s
        assertThat(child("net", "net").attempts()).isEqualTo(3);
        Instant waitEnd = child("net", "net").nextAttemptAt();
        assertThat(waitEnd).isEqualTo(clock.instant().plusSeconds(2));
        // the peer restarted: its IKE_SA went down (DELETE on shutdown) and it is fixed now
        charon.defaultBehaviour = Behaviour.SUCCESS;
        charon.sas.clear();
        charon.publish("ike-updown", ViciSection.builder().beginSection("net").add("uniqueid", 1)
                .add("remote-host", "192.0.2.2").add("state", "DELETING").add("established", 7).endSection().build());
        tasks.runPending();
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
        assertThat(clock.instant()).isBefore(waitEnd);
    }

    @Test
    void attemptIsInProgressWhileInitiateIsInFlightAndNeverDuplicated() {
        charon.script("net", "net", Behaviour.PENDING);
        start(state(conn("net", "up")));
        assertThat(child("net", "net").state()).isEqualTo(ChildState.ESTABLISHING);
        tasks.advance(Duration.ofSeconds(65)); // resyncs and events while in flight
        charon.publish("ike-updown", ViciSection.builder().add("up", true).beginSection("net").add("uniqueid", 1)
                .endSection().build());
        tasks.runPending();
        assertThat(charon.initiateCount("net", "net")).isEqualTo(1);
        charon.completePending(Behaviour.SUCCESS);
        tasks.runPending();
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
        assertThat(charon.initiateCount("net", "net")).isEqualTo(1);
    }

    @Test
    void notEstablishedAfterTimeoutIsStillInProgressAndNoReinitiateWhileConnecting() {
        charon.script("net", "net", Behaviour.STILL_CONNECTING);
        start(state(conn("net", "up")));
        ChildStatus s = child("net", "net");
        assertThat(s.state()).isEqualTo(ChildState.ESTABLISHING);
        assertThat(s.attempts()).isZero();
        assertThat(s.lastFailure()).isNull();
        tasks.advance(Duration.ofSeconds(10));
        assertThat(charon.initiateCount("net", "net")).isEqualTo(1); // IKE_SA still CONNECTING
        // charon's attempt ends without a CHILD_SA and without a reason in the log: counted as unknown, retried
        charon.sas.get("net").state = "ESTABLISHED";
        tasks.advance(Duration.ofSeconds(5));
        assertThat(charon.initiateCount("net", "net")).isEqualTo(1); // looked at again every 10 s, not before
        tasks.advance(Duration.ofSeconds(6));
        assertThat(charon.initiateCount("net", "net")).isEqualTo(2);
        ChildStatus s2 = child("net", "net");
        assertThat(s2.state()).isEqualTo(ChildState.INSTALLED);
        assertThat(s2.lastFailure().failureClass()).isEqualTo(FailureClass.UNKNOWN);
    }

    @Test
    void unreachablePeerSeenInTheLogAfterTheInitiateTimeoutCountsAsAFailedAttempt() {
        charon.script("net", "net", Behaviour.STILL_CONNECTING);
        start(state(conn("net", "up")));
        long id = charon.sas.get("net").uniqueId;
        charon.sas.remove("net"); // charon gives up and destroys the IKE_SA
        for (String msg : List.of("giving up after 5 retransmits", "establishing IKE_SA failed, peer not responding")) {
            charon.publish("log", ViciSection.builder().add("group", "IKE").add("ikesa-name", "net")
                    .add("ikesa-uniqueid", id).add("msg", msg).build());
        }
        tasks.runPending();
        ChildStatus s = child("net", "net");
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(s.state()).isEqualTo(ChildState.RETRYING);
        assertThat(s.lastFailure().failureClass()).isEqualTo(FailureClass.PEER_INIT_UNREACHABLE);
        assertThat(s.lastFailure().side()).isEqualTo(Side.PEER);
        assertThat(charon.initiateCount("net", "net")).isEqualTo(1);
        tasks.advance(Duration.ofMillis(500));
        assertThat(charon.initiateCount("net", "net")).isEqualTo(2);
    }

    @Test
    void peerDeletingTheChildIsHealedAtOnce() {
        start(state(conn("net", "up")));
        charon.peerDeletesChild("net", "net");
        tasks.runPending();
        assertThat(charon.installed("net", "net")).isTrue();
        assertThat(charon.initiateCount("net", "net")).isEqualTo(2);
        assertThat(child("net", "net").attempts()).isZero();
    }

    /** Starts net/net on a charon whose SAD refuses it, until three attempts have failed (the next in 2 s). */
    private void failNetThreeTimes() {
        charon.defaultBehaviour = Behaviour.SAD_FAILURE;
        start(state(conn("net", "up")));
        tasks.advance(Duration.ofMillis(500));
        tasks.advance(Duration.ofMillis(1000));
        assertThat(child("net", "net").attempts()).isEqualTo(3);
    }

    @Test
    void freshEventCutsTheWaitShort() {
        failNetThreeTimes();
        charon.defaultBehaviour = Behaviour.SUCCESS;
        // the IKE_SA comes up again (e.g. the peer restarted and initiated): do not wait 2 s
        charon.publish("ike-updown", ViciSection.builder().add("up", true).beginSection("net").add("uniqueid", 1)
                .endSection().build());
        tasks.runPending();
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void droppedEventsResyncWithoutReloading() {
        start(state(conn("net", "up")));
        long loads = charon.count("load-conn");
        charon.sas.get("net").children.clear(); // the child-updown that told of this was among the dropped events
        charon.overflow();
        tasks.runPending();
        assertThat(charon.installed("net", "net")).isTrue();
        assertThat(charon.initiateCount("net", "net")).isEqualTo(2);
        assertThat(charon.count("load-conn")).isEqualTo(loads);
    }

    @Test
    void connectionUnloadedBehindTheCachesBackIsLoadedAgainWithoutCountingAFailure() {
        start(state(conn("net", "up")));
        assertThat(charon.installed("net", "net")).isTrue();
        charon.conns.remove("net"); // unloaded by someone else: no event tells
        charon.peerDeletesChild("net", "net"); // the re-initiate is answered "CHILD_SA config 'net' not found"
        tasks.runPending();
        tasks.advance(Duration.ofSeconds(1));
        assertThat(charon.initiateCount("net", "net")).isEqualTo(3);
        assertThat(charon.conns).containsKey("net");
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
        assertThat(child("net", "net").lastFailure()).isNull();
    }

    @Test
    void connectionUnloadedByHandIsLoadedAgainAtResync() {
        start(state(conn("net", "up")));
        charon.conns.remove("net");
        tasks.advance(Duration.ofSeconds(30));
        assertThat(charon.conns).containsKey("net");
        assertThat(charon.count("load-conn")).isEqualTo(2);
    }

    @Test
    void charonRestartReappliesEverything() {
        start(state(conn("net", "up")));
        charon.restart();
        tasks.runPending();
        assertThat(charon.conns).containsKey("net");
        assertThat(charon.shared).containsExactly("ike-ab");
        assertThat(charon.installed("net", "net")).isTrue();
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void charonRestartCutsABackoffWaitShort() {
        failNetThreeTimes();
        assertThat(child("net", "net").nextAttemptAt()).isAfter(clock.instant());
        // the fault is fixed by restarting charon (say, on another kernel backend): the new daemon
        // gets an attempt at once, not when the wait earned against the old one ends
        charon.defaultBehaviour = Behaviour.SUCCESS;
        charon.restart();
        tasks.runPending();
        assertThat(charon.initiateCount("net", "net")).isEqualTo(4);
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
        assertThat(child("net", "net").attempts()).isZero();
    }

    @Test
    void frozenCharonIsReportedUnresponsiveByTheHeartbeatAndConnectedWhenItAnswersAgain() {
        start(state(conn("net", "up")));
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
        assertThat(reconciler.status().charon().state()).isEqualTo(CharonStatus.State.CONNECTED);
        charon.frozen = true; // SIGSTOP
        long versionsBefore = charon.count("version");
        tasks.advance(Duration.ofSeconds(10)); // nothing answered for 10 s: the heartbeat asks
        assertThat(charon.count("version")).isEqualTo(versionsBefore + 1);
        assertThat(reconciler.status().charon().state()).isEqualTo(CharonStatus.State.CONNECTED);
        tasks.advance(Duration.ofSeconds(10)); // no answer within 10 s
        CharonStatus s = reconciler.status().charon();
        assertThat(s.state()).isEqualTo(CharonStatus.State.UNRESPONSIVE);
        assertThat(s.connected()).isFalse();
        assertThat(s.problem()).contains("heartbeat");
        assertThat(StatusJson.parse(StatusJson.toJson(reconciler.status())).charon()).isEqualTo(s);
        charon.frozen = false; // SIGCONT
        tasks.advance(Duration.ofSeconds(10)); // the next heartbeat is answered
        s = reconciler.status().charon();
        assertThat(s.state()).isEqualTo(CharonStatus.State.CONNECTED);
        assertThat(s.problem()).isNull();
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void idleControllerSendsAtMostTenRequestsPerResyncHeartbeatsIncluded() {
        start(state(conn("a", "up"), conn("b", "up"), conn("c", "loaded")));
        tasks.advance(Duration.ofSeconds(30)); // the first resync, then steady state
        int before = charon.commands.size();
        tasks.advance(Duration.ofSeconds(90)); // three resync periods, nothing changes
        List<String> sent = new ArrayList<>(charon.commands.subList(before, charon.commands.size()));
        assertThat(sent).doesNotContain("load-conn", "load-shared", "initiate");
        assertThat(sent.size()).as("requests in 3 resync periods: %s", sent).isLessThanOrEqualTo(30);
        assertThat(sent).filteredOn("version"::equals).hasSizeLessThanOrEqualTo(3 + 6);
    }

    @Test
    void charonDownThenBackWithoutClientReconnect() {
        start(state(conn("net", "up")));
        charon.down = true;
        charon.dropSubscriptions();
        tasks.advance(Duration.ofSeconds(2));
        assertThat(reconciler.status().charon().connected()).isFalse();
        // charon comes back empty
        charon.conns.clear();
        charon.sas.clear();
        charon.shared.clear();
        charon.down = false;
        tasks.advance(Duration.ofSeconds(2));
        assertThat(reconciler.status().charon().connected()).isTrue();
        assertThat(charon.conns).containsKey("net");
        assertThat(charon.shared).contains("ike-ab");
        assertThat(charon.installed("net", "net")).isTrue();
    }

    @Test
    void lostConnectionDuringInitiateIsNotCountedAsFailure() {
        charon.script("net", "net", Behaviour.PENDING);
        start(state(conn("net", "up")));
        charon.down = true; // charon dies while negotiating
        charon.dropSubscriptions();
        tasks.advance(Duration.ofSeconds(1));
        assertThat(child("net", "net").attempts()).isZero();
        assertThat(reconciler.status().charon().connected()).isFalse();
        charon.down = false;
        charon.restart();
        tasks.advance(Duration.ofSeconds(1));
        tasks.advance(Duration.ofSeconds(1));
        assertThat(child("net", "net").state()).isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void removedConnectionAndSecretAreTerminatedAndUnloadedButForeignOnesStay() {
        start(state(conn("net", "up"), conn("other", "up")));
        charon.conns.put("swanctl-conn", ViciSection.builder().add("version", "2").build());
        charon.shared.add("swanctl-secret");
        reconciler.updateDesiredState(yaml("connections:\n" + conn("other", "up")));
        tasks.runPending();
        assertThat(charon.conns).containsOnlyKeys("other", "swanctl-conn");
        assertThat(charon.sas).containsOnlyKeys("other");
        assertThat(charon.shared).containsExactly("swanctl-secret");
        assertThat(reconciler.status().connections()).extracting(c -> c.name()).containsExactly("other");
    }

    @Test
    void aDesiredStateThatWouldUnloadEverythingIsRefusedAndThePreviousOneStays() {
        start(state(conn("net", "up"), conn("other", "up")));
        long loads = charon.count("load-conn");
        // a truncated file: nothing declared
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reconciler.updateDesiredState(DesiredState.empty()))
                .isInstanceOf(org.vici4j.controller.PruneRefusedException.class)
                .hasMessageContaining("it would unload everything this controller loaded (3 objects: connections net,"
                        + " other; secret ike-ab)")
                .hasMessageContaining("the previous desired state stays in force");
        tasks.advance(Duration.ofSeconds(31));
        assertThat(charon.conns).containsOnlyKeys("net", "other");
        assertThat(charon.shared).containsExactly("ike-ab");
        assertThat(charon.sas).containsOnlyKeys("net", "other");
        assertThat(reconciler.desiredState().connections()).hasSize(2);
        assertThat(charon.count("load-conn")).isEqualTo(loads);
        assertThat(reconciler.status().refusal()).hasValueSatisfying(r -> {
            assertThat(r.reason()).startsWith("it would unload everything");
            assertThat(r.at()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        });
        assertThat(new StatusFile(dir.resolve("status.json")).read().refusal()).isPresent();
        // an accepted change clears it
        reconciler.updateDesiredState(state(conn("net", "up"), conn("other", "up"), conn("third", "loaded")));
        tasks.runPending();
        assertThat(reconciler.status().refusal()).isEmpty();
        assertThat(charon.conns).containsOnlyKeys("net", "other", "third");
    }

    @Test
    void moreThanTheShareIsRefusedUnlessTheNewStateAllowsIt() {
        StringBuilder five = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            five.append(conn("c" + i, "loaded"));
        }
        start(yaml("connections:\n" + five + SECRETS));
        assertThat(charon.conns).hasSize(5);
        DesiredState two = yaml("connections:\n" + conn("c1", "loaded") + conn("c2", "loaded"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reconciler.updateDesiredState(two))
                .hasMessageContaining("it would unload 4 of the 6 objects this controller loaded (66.7%, more than"
                        + " controller.maxPruneShare 50%): connections c3, c4, c5; secret ike-ab");
        tasks.runPending();
        assertThat(charon.conns).hasSize(5);
        // confirmed in the new desired state itself
        reconciler.updateDesiredState(yaml("controller:\n  maxPruneShare: 70%\nconnections:\n" + conn("c1", "loaded")
                + conn("c2", "loaded")));
        tasks.runPending();
        assertThat(charon.conns).containsOnlyKeys("c1", "c2");
        assertThat(charon.shared).isEmpty();
        assertThat(reconciler.status().refusal()).isEmpty();
    }

    @Test
    void reportedRefusalsShowInTheStatusUntilAnUpdateIsAccepted() {
        start(state(conn("net", "up")));
        reconciler.reportRefusedUpdate("gw.yaml:3:5: connections.net.bogus: unknown option 'bogus'");
        tasks.runPending();
        assertThat(published.get(published.size() - 1).refusal()).hasValueSatisfying(r -> assertThat(r.reason())
                .contains("unknown option 'bogus'"));
        reconciler.updateDesiredState(state(conn("net", "up")));
        tasks.runPending();
        assertThat(reconciler.status().refusal()).isEmpty();
    }

    @Test
    void aControllerStartedWithAGuttedFileLoadsButUnloadsNothing() {
        start(state(conn("net", "up"), conn("old", "loaded")));
        reconciler.stop();
        reconciler = null;
        published.clear();
        // restarted with a truncated file: unloading everything it loaded before is withheld
        start(DesiredState.empty());
        tasks.advance(Duration.ofSeconds(31));
        assertThat(charon.conns).containsOnlyKeys("net", "old");
        assertThat(charon.shared).containsExactly("ike-ab");
        assertThat(reconciler.status().refusal()).hasValueSatisfying(r -> assertThat(r.reason())
                .startsWith("nothing unloaded: it would unload everything this controller loaded (3 objects"));
        // a desired state that keeps enough is accepted; the withheld unloads are then done and the refusal cleared
        reconciler.updateDesiredState(state(conn("net", "up")));
        tasks.runPending();
        assertThat(charon.conns).containsOnlyKeys("net");
        assertThat(reconciler.status().refusal()).isEmpty();
    }

    @Test
    void withoutTheGuardEverythingMayBeUnloaded() {
        reconciler = new Reconciler(charon, tasks, clock, RandomGenerator.getDefault(), state(conn("net", "up")),
                new Reconciler.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), FAST,
                        dir.resolve("status.json"), null, Duration.ofSeconds(5), maxInitiates, true, true,
                        Reconciler.Settings.DEFAULT_HEARTBEAT));
        reconciler.start();
        tasks.runPending();
        assertThat(charon.conns).containsOnlyKeys("net");
        reconciler.updateDesiredState(DesiredState.empty());
        tasks.runPending();
        assertThat(charon.conns).isEmpty();
        assertThat(charon.shared).isEmpty();
    }

    @Test
    void ownershipSurvivesARestartOfTheController() {
        start(state(conn("net", "up"), conn("old", "loaded")));
        reconciler.stop();
        charon.conns.put("swanctl-conn", ViciSection.builder().add("version", "2").build());
        // a new controller with the same files, and "old" no longer desired
        reconciler = null;
        start(state(conn("net", "up")));
        assertThat(charon.conns).containsOnlyKeys("net", "swanctl-conn");
    }

    @Test
    void secretsAndPoolsAreVerifiedReloadedWhenMissingAndUnloadedWhenRemoved() {
        String pools = "pools:\n  p1:\n    addrs: 10.3.0.0/24\n";
        start(yaml("connections:\n" + conn("net", "up") + SECRETS + pools));
        assertThat(charon.pools).containsExactly("p1");
        long poolLoads = charon.count("load-pool");
        tasks.advance(Duration.ofSeconds(30));
        assertThat(charon.count("load-pool")).isEqualTo(poolLoads);
        charon.shared.clear(); // someone ran swanctl --load-creds --clear or similar
        charon.pools.clear();
        tasks.advance(Duration.ofSeconds(30));
        assertThat(charon.shared).containsExactly("ike-ab");
        assertThat(charon.pools).containsExactly("p1");
        reconciler.updateDesiredState(yaml("connections:\n" + conn("net", "up")));
        tasks.runPending();
        assertThat(charon.pools).isEmpty();
        assertThat(charon.shared).isEmpty();
        assertThat(charon.conns).containsOnlyKeys("net");
    }

    static String twoChildren(boolean withB) {
        String a = ConfigYaml.childBetween("a", "198.18.0.0/24", "198.18.4.0/24", "ensure: up");
        String b = withB ? ConfigYaml.childBetween("b", "198.18.1.0/24", "198.18.5.0/24", "ensure: up") : "";
        return "connections:\n" + ConfigYaml.connection("net", ConfigYaml.PEER, a, b) + SECRETS;
    }

    @Test
    void childrenOfOneConnectionAreRetriedIndependentlyOnOneIkeSa() {
        charon.script("net", "b", Behaviour.SAD_FAILURE, Behaviour.SAD_FAILURE);
        start(yaml(twoChildren(true)));
        assertThat(child("net", "a").state()).isEqualTo(ChildState.INSTALLED);
        ChildStatus b = child("net", "b");
        assertThat(b.state()).isEqualTo(ChildState.RETRYING);
        assertThat(b.lastFailure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(child("net", "a").lastFailure()).isNull();
        tasks.advance(Duration.ofMillis(500));
        tasks.advance(Duration.ofMillis(1000));
        assertThat(child("net", "b").state()).isEqualTo(ChildState.INSTALLED);
        assertThat(charon.sas).hasSize(1);
        assertThat(charon.initiateCount("net", "a")).isEqualTo(1);
        assertThat(charon.initiateCount("net", "b")).isEqualTo(3);
    }

    @Test
    void childRemovedFromAConnectionIsTerminated() {
        start(yaml(twoChildren(true)));
        assertThat(charon.installed("net", "b")).isTrue();
        reconciler.updateDesiredState(yaml(twoChildren(false)));
        tasks.runPending();
        assertThat(charon.installed("net", "a")).isTrue();
        assertThat(charon.installed("net", "b")).isFalse();
        assertThat(reconciler.status().connection("net").orElseThrow().children()).extracting(c -> c.name())
                .containsExactly("a");
        // a plain request (charon answers at once), not a streamed terminate
        assertThat(charon.count("terminate")).isPositive();
        assertThat(charon.streamedCommands).doesNotContain("terminate");
    }

    /** @return what {@code run} wrote to standard error (where the tests' logger writes) */
    private static String stderrOf(Runnable run) {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(err);
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void secretsNeverAppearInLogs() {
        String log = stderrOf(() -> {
            charon.rejectConns.add("bad");
            charon.defaultBehaviour = Behaviour.SAD_FAILURE;
            start(state(conn("net", "up")));
            tasks.advance(Duration.ofSeconds(5));
            reconciler.updateDesiredState(state(conn("net", "loaded"), conn("bad", "up")));
            tasks.runPending();
        });
        assertThat(log).contains("secret 'ike-ab' loaded").contains("install-child-sa-failed")
                .contains("charon rejected connection 'bad'").doesNotContain("s3cr3t-value");
    }

    @Test
    void aRefusedSecretIsLoggedWithCharonsReasonButNeverItsValueAndLoadedAtTheNextResync() {
        String log = stderrOf(() -> {
            charon.rejectShared.add("ike-ab");
            start(state(conn("net", "loaded")));
            assertThat(charon.shared).isEmpty();
            charon.rejectShared.clear();
            tasks.advance(Duration.ofSeconds(31));
        });
        assertThat(charon.shared).containsExactly("ike-ab");
        assertThat(log).contains("load-shared of secret 'ike-ab' failed: loading shared key failed; retrying at the"
                + " next resync").doesNotContain("s3cr3t-value");
    }

    @Test
    void initiatesAreLimitedAndQueuedChildrenGoWhenASlotFrees() {
        maxInitiates = 1;
        charon.script("c1", "c1", Behaviour.PENDING);
        start(state(conn("c1", "up"), conn("c2", "up"), conn("c3", "up")));
        assertThat(charon.initiates).hasSize(1);
        assertThat(child("c2", "c2").state()).isEqualTo(ChildState.ESTABLISHING);
        tasks.advance(Duration.ofSeconds(31)); // resync: still only one in flight
        assertThat(charon.initiates).hasSize(1);
        charon.completePending(Behaviour.SUCCESS);
        tasks.runPending();
        assertThat(charon.installed("c1", "c1")).isTrue();
        assertThat(charon.installed("c2", "c2")).isTrue();
        assertThat(charon.installed("c3", "c3")).isTrue();
        assertThat(charon.initiates).hasSize(3);
    }

    @Test
    void privateKeysAreUnloadedByTheirKeyIdAlsoWhenReplaced() throws Exception {
        Path k1 = dir.resolve("k1.pem");
        Path k2 = dir.resolve("k2.pem");
        Path pem = Path.of(getClass().getResource("/config/keys/gw.key").toURI());
        Files.copy(pem, k1);
        Files.writeString(k2, Files.readString(pem).replace("\n", "\n\n"));
        String yaml1 = "connections:\n" + conn("net", "loaded") + "secrets:\n  private-gw: {file: " + k1 + "}\n";
        String yaml2 = yaml1.replace(k1.toString(), k2.toString());
        start(yaml(yaml1));
        assertThat(charon.keys).hasSize(1);
        String first = charon.keys.iterator().next();
        reconciler.updateDesiredState(yaml(yaml2));
        tasks.runPending();
        assertThat(charon.keys).hasSize(1).doesNotContain(first);
        reconciler.updateDesiredState(yaml("connections:\n" + conn("net", "loaded")));
        tasks.runPending();
        assertThat(charon.keys).isEmpty();
    }

    @Test
    void trapIsInstalledAndLoadedDoesNothingMore() {
        start(state(conn("t", "trap"), conn("l", "loaded")));
        assertThat(charon.traps).containsExactly("t/t");
        assertThat(child("t", "t").state()).isEqualTo(ChildState.TRAPPED);
        assertThat(child("l", "l").state()).isEqualTo(ChildState.LOADED);
        assertThat(charon.initiates).isEmpty();
        tasks.advance(Duration.ofSeconds(30));
        assertThat(charon.count("install")).isEqualTo(1);
    }

    @Test
    void rejectedConnectionIsReportedAndHoldsBackTheRestOfTheConfiguration() {
        charon.rejectConns.add("bad");
        start(state(conn("bad", "up"), conn("good", "up")));
        ChildStatus bad = child("bad", "bad");
        assertThat(bad.state()).isEqualTo(ChildState.FAILED);
        assertThat(bad.lastFailure().message()).contains("charon rejected connection 'bad'")
                .contains("invalid value for: local_ts");
        assertThat(bad.lastFailure().failureClass()).isEqualTo(org.vici4j.controller.failure.FailureClass.CONFIG_REJECTED);
        assertThat(bad.lastFailure().failureClass().kind()).isEqualTo(org.vici4j.controller.failure.FailureClass.Kind.CONFIG);
        assertThat(bad.lastFailure().evidence()).containsExactly("load-conn failed: invalid value for: local_ts, config discarded");
        // connections first; charon refused one, so the one it took is unloaded again and the secret never sent
        assertThat(charon.commands).contains("load-conn", "unload-conn").doesNotContain("load-shared", "initiate");
        assertThat(charon.commands.indexOf("unload-conn")).isGreaterThan(charon.commands.lastIndexOf("load-conn"));
        assertThat(charon.conns).isEmpty();
        assertThat(charon.shared).isEmpty();
        ChildStatus good = child("good", "good");
        assertThat(good.state()).isEqualTo(ChildState.FAILED);
        assertThat(good.lastFailure().failureClass()).isEqualTo(org.vici4j.controller.failure.FailureClass.CONFIG_REJECTED);
        assertThat(good.lastFailure().message()).contains("held back: charon refused connection 'bad'");
        // fixed: the rest is applied, the secret after the connections
        charon.rejectConns.clear();
        tasks.advance(Duration.ofSeconds(31));
        tasks.runPending();
        assertThat(charon.shared).containsExactly("ike-ab");
        assertThat(charon.commands.lastIndexOf("load-shared")).isGreaterThan(charon.commands.lastIndexOf("load-conn"));
        assertThat(child("good", "good").state()).isEqualTo(ChildState.INSTALLED);
        assertThat(child("bad", "bad").state()).isEqualTo(ChildState.INSTALLED);
    }

    @Test
    void aConnectionReplacedInThePassOfARefusalStaysLoadedAndIsNotReportedHeldBack() {
        start(state(conn("good", "up")));
        assertThat(child("good", "good").state()).isEqualTo(ChildState.INSTALLED);
        charon.rejectConns.add("bad");
        reconciler.updateDesiredState(state(conn("good", "up").replace("198.18.4.0/22", "198.18.5.0/24"),
                conn("bad", "up")));
        tasks.runPending();
        assertThat(charon.conns).containsOnlyKeys("good");
        assertThat(child("bad", "bad").state()).isEqualTo(ChildState.FAILED);
        assertThat(child("good", "good").state()).isNotEqualTo(ChildState.FAILED);
        assertThat(reconciler.rejectedConnections()).containsOnlyKeys("bad");
    }

    @Test
    void statusIsPublishedOncePerChange() {
        charon.defaultBehaviour = Behaviour.SAD_FAILURE;
        start(state(conn("net", "up")));
        int n = published.size();
        tasks.advance(Duration.ofMillis(100)); // nothing happens
        tasks.runPending();
        assertThat(published).hasSize(n);
        tasks.advance(Duration.ofMillis(400)); // one more failed attempt: one more status
        assertThat(published.size()).isBetween(n + 1, n + 2);
    }

    @Test
    void alertEventsOfNewerCharonAreUsed() {
        charon.alerts = true;
        charon.script("net", "net", Behaviour.PENDING);
        start(state(conn("net", "up")));
        charon.publish("alert", ViciSection.builder().add("type", "install-child-policy-failed")
                .beginSection("ike-sa").beginSection("net").add("uniqueid", 1).endSection().endSection().build());
        tasks.runPending();
        charon.completePending(Behaviour.SAD_FAILURE);
        tasks.runPending();
        ChildStatus s = child("net", "net");
        // the alert names the class; the log lines are kept as evidence
        assertThat(s.lastFailure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_POLICY_FAILED);
        assertThat(s.lastFailure().evidence()).anyMatch(l -> l.startsWith("alert install-child-policy-failed"))
                .anyMatch(l -> l.contains("SAD"));
    }

    @Test
    void responderSideFailureFromLogEventsIsReportedOnTheChild() {
        start(state(conn("net", "loaded")));
        for (var e : org.vici4j.controller.testing.ReferenceStreams.events(
                "responder-install-failure/responder-events.jsonl")) {
            charon.publish(e.name(), e.message());
        }
        tasks.runPending();
        ChildStatus s = child("net", "net");
        assertThat(s.state()).isEqualTo(ChildState.LOADED);
        assertThat(s.lastFailure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(s.lastFailure().side()).isEqualTo(Side.LOCAL);
        assertThat(s.attempts()).isZero();
    }

    @Test
    void aResponderSideFailureSeenInTheLogAndAsAnAlertIsOneFailureWithBothAsEvidence() {
        charon.alerts = true;
        start(state(conn("net", "loaded")));
        for (var e : org.vici4j.controller.testing.ReferenceStreams.events(
                "responder-install-failure/responder-events.jsonl")) {
            charon.publish(e.name(), e.message());
        }
        tasks.runPending();
        List<String> fromLog = child("net", "net").lastFailure().evidence();
        assertThat(fromLog).isNotEmpty().noneMatch(l -> l.startsWith("alert "));
        // strongSwan 6.0.3+ raises the alert as a separate event, here just after the log lines
        charon.publish("alert", ViciSection.builder().add("type", "install-child-sa-failed")
                .beginSection("ike-sa").beginSection("net").add("uniqueid", 1).endSection().endSection().build());
        tasks.runPending();
        ChildStatus s = child("net", "net");
        assertThat(s.lastFailure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(s.lastFailure().evidence()).first().asString().startsWith("alert install-child-sa-failed");
        assertThat(s.lastFailure().evidence()).containsAll(fromLog);
        // an alert of another failure later on is not merged into this one
        tasks.advance(Duration.ofSeconds(10));
        charon.publish("alert", ViciSection.builder().add("type", "install-child-policy-failed")
                .beginSection("ike-sa").beginSection("net").add("uniqueid", 1).endSection().endSection().build());
        tasks.runPending();
        assertThat(child("net", "net").lastFailure().evidence()).singleElement().asString()
                .startsWith("alert install-child-policy-failed");
    }
}
