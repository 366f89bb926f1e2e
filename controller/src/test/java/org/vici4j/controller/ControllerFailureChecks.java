package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.LabSupport.awaitStatus;
import static org.vici4j.controller.LabSupport.childIs;
import static org.vici4j.controller.LabSupport.controller;
import static org.vici4j.controller.LabSupport.responder;
import static org.vici4j.controller.LabSupport.retryingAfter;
import static org.vici4j.controller.LabSupport.tunnel;
import static org.vici4j.controller.testing.LabProbes.listSas;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.testing.LabProbes;
import org.vici4j.lab.Backend;

/**
 * Real CHILD_SA install failures (kernel-netlink on a kernel without ESP), classified, retried and recovered; run
 * against strongSwan 5.9 ({@link ControllerFailureIT}: classified from charon's log) and 6.x
 * ({@link ControllerFailureStrongSwan6IT}: from the alert event as well).
 */
abstract class ControllerFailureChecks extends ControllerLabChecks {

    /** Every status that a's controller publishes (a new recorder per test). */
    final LabSupport.Recorder rec = new LabSupport.Recorder();

    /** On strongSwan 6 (which raises alerts), checks that the failure carries the alert charon raised for it. */
    void assertAlertEvidence(Failure f, String alertType) {
        assertThat(hasAlertEvidence(f, alertType)).as("alert %s in %s", alertType, f.evidence()).isTrue();
    }

    /** @return whether the failure carries the alert charon raises for it (always true on 5.9, which has none) */
    boolean hasAlertEvidence(Failure f, String alertType) {
        return !strongSwan6()
                || f.evidence().stream().anyMatch(l -> l.startsWith("alert " + alertType + " for IKE_SA net"));
    }

    /**
     * The log lines and the alert of one failure arrive as separate events: wait until the status shows the net
     * child's failure with both.
     */
    java.util.function.Predicate<ControllerStatus> failureShows(String logText, String alertType) {
        return s -> s.child("net", "net").map(ChildStatus::lastFailure)
                .map(f -> f.evidence().stream().anyMatch(l -> l.contains(logText)) && hasAlertEvidence(f, alertType))
                .orElse(false);
    }

    /**
     * Restarts charon a on {@code onA} and b on {@code onB}, loads b's side with swanctl, and starts a's controller
     * (tunnel net to b, the fast retry policy) with {@link #rec} listening.
     */
    Controller initiator(Backend onA, Backend onB) {
        restart(onA, onB);
        responder(b, a);
        Controller c = controller(a, dir, tunnel(a, b));
        try {
            c.addListener(rec);
            c.start();
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    @Test
    void initiatorKernelFailureIsLocalRetriedWithGrowingDelaysAndRecoversOnLibipsec() throws Exception {
        try (Controller c = initiator(Backend.NETLINK, Backend.LIBIPSEC)) {
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(60), retryingAfter(3)
                    .and(failureShows("SAD", "install-child-sa-failed")));
            ChildStatus ch = s.child("net", "net").orElseThrow();
            Failure f = ch.lastFailure();
            assertThat(f.failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
            assertThat(f.side()).isEqualTo(Side.LOCAL);
            assertThat(f.evidence()).anyMatch(l -> l.contains("unable to install inbound and outbound IPsec SA (SAD)")
                    || l.contains("unable to add SAD entry"));
            assertAlertEvidence(f, "install-child-sa-failed");

            // growing delays: nextAttemptAt - failure time, per attempt
            List<Duration> d = new ArrayList<>(LabSupport.delays(rec).values());
            assertThat(d).hasSizeGreaterThanOrEqualTo(3);
            assertThat(d.get(1)).isGreaterThan(d.get(0));
            assertThat(d.get(2)).isGreaterThan(d.get(1));

            // the IKE_SA is reused, not duplicated: never two, and there (between retries charon may be
            // re-establishing it, so one sample alone can see none)
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                counts.add(listSas(a).stream().filter(sa -> sa.name().equals("net")).count());
                Thread.sleep(200);
            }
            assertThat(counts).allMatch(n -> n <= 1).contains(1L);

            // the kernel backend gets fixed: charon restarts on libipsec and the controller brings the tunnel up
            a.restart(Backend.LIBIPSEC);
            ControllerStatus ok = awaitStatus(c, Duration.ofSeconds(60), childIs(ChildState.INSTALLED));
            assertThat(ok.child("net", "net").orElseThrow().attempts()).isZero();
        }
    }

    /**
     * Responder on kernel-netlink: its SAD install fails and it answers NO_PROPOSAL_CHOSEN. The initiator's controller
     * reports a peer-side rejection, backs off exponentially (ambiguous: a mismatch or the peer's kernel, so not at
     * the cap), and brings the tunnel up on its own once the responder runs on libipsec with its configuration
     * loaded again.
     */
    @Test
    void responderKernelFailureIsAPeerRejectionRetriedWithBackoffAndRecoversWhenTheResponderIsFixed() throws Exception {
        try (Controller c = initiator(Backend.LIBIPSEC, Backend.NETLINK)) {
            // on 6.x the alert and the log lines arrive as separate events: wait for the log lines' half
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(60), retryingAfter(3).and(st -> st
                    .child("net", "net").map(ChildStatus::lastFailure).map(x -> x.evidence().stream()
                            .anyMatch(l -> l.contains("received NO_PROPOSAL_CHOSEN notify"))).orElse(false)));
            Failure f = s.child("net", "net").orElseThrow().lastFailure();
            assertThat(f.failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_CHILD);
            assertThat(f.side()).isEqualTo(Side.PEER);
            assertThat(f.notifyType()).isEqualTo("NO_PROPOSAL_CHOSEN");
            assertThat(f.message()).contains("peer rejected the CHILD_SA");
            assertThat(f.evidence()).anyMatch(l -> l.contains("received NO_PROPOSAL_CHOSEN notify"));
            Instant at = f.at();
            assertThat(at).isNotNull();
            // backoff: exponential from the initial delay (0.5 s, 1 s, 2 s), not the cap from the second on
            List<Duration> d = new ArrayList<>(LabSupport.delays(rec).values());
            assertThat(d).hasSizeGreaterThanOrEqualTo(3);
            assertThat(d.get(0)).isBetween(Duration.ofMillis(400), Duration.ofMillis(600));
            assertThat(d.get(1)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
            assertThat(d.get(2)).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2100));

            // the peer gets fixed: its charon restarts on libipsec and someone loads its configuration again
            b.restart(Backend.LIBIPSEC);
            responder(b, a);
            ControllerStatus ok = awaitStatus(c, Duration.ofSeconds(60), childIs(ChildState.INSTALLED));
            ChildStatus ch = ok.child("net", "net").orElseThrow();
            assertThat(ch.attempts()).isZero();
            assertThat(ch.nextAttemptAt()).isNull();
            // history: the peer's rejection, or, if an attempt fell between the peer's restart and the load of its
            // configuration, the IKE proposal mismatch of that moment
            assertThat(ch.lastFailure().failureClass()).isIn(FailureClass.PROPOSAL_MISMATCH_CHILD,
                    FailureClass.PROPOSAL_MISMATCH_IKE);
            assertThat(LabSupport.installed(a)).isTrue();
            assertThat(listSas(a)).filteredOn(i -> i.name().equals("net")).hasSize(1);
        }
    }

    /**
     * The seed's peer-side case with the controller's defaults (retry 1 s doubling to 5 min, resync 30 s): the
     * responder's kernel refuses the CHILD_SA for long enough that the backoff has grown past 30 s, then the
     * responder is fixed (restarted on libipsec) and its configuration is loaded 20 s later, as a slow configuration
     * tool would. The initiator's tunnel must be installed within 60 s of the fix: the peer's restart cuts the wait
     * short, and the IKE proposal mismatch while the peer has no configuration yet is retried with a fresh,
     * exponential backoff, not at the cap.
     */
    @Test
    void peerFixedAndConfiguredLateIsBackWithinAMinuteWithTheDefaultRetrySettings() throws Exception {
        restart(Backend.LIBIPSEC, Backend.NETLINK);
        responder(b, a);
        String yaml = LabSupport.tunnelYaml(a, b, "lab-secret", "up"); // the controller's defaults: no resync
        try (Controller c = Controller.builder().uri(a.viciUri())
                .desiredState(org.vici4j.controller.config.DesiredStateLoader.parse(yaml, "defaults.yaml"))
                .statusFile(dir.resolve("status.json")).build()) {
            c.start();
            // 1 + 2 + 4 + 8 + 16 s of waits: the next wait is 32 s
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(90), retryingAfter(6));
            ChildStatus failing = s.child("net", "net").orElseThrow();
            assertThat(failing.lastFailure().failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_CHILD);
            assertThat(Duration.between(failing.lastFailure().at(), failing.nextAttemptAt()))
                    .isGreaterThan(Duration.ofSeconds(20));

            long fixedAt = System.nanoTime();
            b.restart(Backend.LIBIPSEC);
            Thread.sleep(20_000); // the configuration tool is slow
            responder(b, a);
            ControllerStatus ok = awaitStatus(c, Duration.ofSeconds(60), childIs(ChildState.INSTALLED));
            Duration outage = Duration.ofNanos(System.nanoTime() - fixedAt);
            assertThat(outage).as("time from the peer's fix to the tunnel installed").isLessThan(
                    Duration.ofSeconds(60));
            assertThat(ok.child("net", "net").orElseThrow().attempts()).isZero();
            assertThat(LabSupport.installed(a)).isTrue();
            assertThat(listSas(a)).filteredOn(i -> i.name().equals("net")).hasSize(1);
            System.out.println("peer fixed -> installed in " + outage.toMillis() + " ms (configuration loaded after"
                    + " 20 s)");
        }
    }

    /**
     * Mismatched PSKs. strongSwan's alert semantics (ike_auth.c): the responder verifies the initiator's AUTH, which
     * fails ("MAC mismatched"): ALERT_PEER_AUTH_FAILED there, answered with an AUTHENTICATION_FAILED notify; the
     * initiator receiving that notify raises ALERT_LOCAL_AUTH_FAILED (its own authentication was rejected). Both
     * controllers classify accordingly; the initiator's backs off to the cap.
     */
    @Test
    void mismatchedPskIsLocalAuthFailedAtTheInitiatorAndPeerAuthFailedAtTheResponder() throws Exception {
        restart(Backend.LIBIPSEC, Backend.LIBIPSEC);
        java.nio.file.Files.createDirectories(dir.resolve("a"));
        java.nio.file.Files.createDirectories(dir.resolve("b"));
        try (Controller responder = controller(b, dir.resolve("b"), tunnel(b, a, "not-the-same-secret", "loaded"));
                Controller c = controller(a, dir.resolve("a"), tunnel(a, b))) {
            responder.start();
            LabProbes.eventually(Duration.ofSeconds(30), "the responder's controller loaded net",
                    () -> LabProbes.conns(b).contains("net"));
            c.addListener(rec);
            c.start();
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(60), retryingAfter(3)
                    .and(failureShows("received AUTHENTICATION_FAILED notify error", "local-auth-failed")));
            Failure f = s.child("net", "net").orElseThrow().lastFailure();
            assertThat(f.failureClass()).isEqualTo(FailureClass.LOCAL_AUTH_FAILED);
            assertThat(f.side()).isEqualTo(Side.PEER);
            assertThat(f.notifyType()).isEqualTo("AUTHENTICATION_FAILED");
            assertThat(f.evidence()).anyMatch(l -> l.contains("received AUTHENTICATION_FAILED notify error"));
            assertAlertEvidence(f, "local-auth-failed");
            assertThat(f.toString()).doesNotContain("lab-secret");

            // backed off to the cap: nextAttemptAt - lastFailure.at reaches the policy's max and stays there
            List<Duration> d = new ArrayList<>(LabSupport.delays(rec).values());
            assertThat(d).hasSizeGreaterThanOrEqualTo(3);
            Duration max = LabSupport.FAST.max();
            assertThat(d.get(0)).isLessThan(max);
            for (Duration x : d.subList(1, d.size())) {
                assertThat(x).isBetween(max.minusMillis(100), max.plusMillis(100));
            }
            // no IKE_SA is left behind by the failed attempts
            assertThat(listSas(a)).filteredOn(i -> i.name().equals("net") && "ESTABLISHED".equals(i.state()))
                    .isEmpty();

            // the responder saw the initiator's authentication fail: peer-auth-failed, local, without an attempt
            ControllerStatus rs = awaitStatus(responder, Duration.ofSeconds(20),
                    failureShows("MAC mismatched", "peer-auth-failed"));
            ChildStatus rch = rs.child("net", "net").orElseThrow();
            assertThat(rch.lastFailure().failureClass()).isEqualTo(FailureClass.PEER_AUTH_FAILED);
            assertThat(rch.lastFailure().side()).isEqualTo(Side.LOCAL);
            assertThat(rch.lastFailure().evidence()).anyMatch(l -> l.contains("MAC mismatched"));
            assertAlertEvidence(rch.lastFailure(), "peer-auth-failed");
            assertThat(rch.attempts()).isZero();
            assertThat(rch.state()).isEqualTo(ChildState.LOADED);

            // the PSK gets fixed on the responder: the initiator's next attempt succeeds
            responder.updateDesiredState(tunnel(b, a, "lab-secret", "loaded"));
            ControllerStatus ok = awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            assertThat(ok.child("net", "net").orElseThrow().attempts()).isZero();
        }
    }
}
