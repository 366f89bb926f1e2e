package org.vici4j.controller.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.testing.MutableClock;
import org.vici4j.controller.testing.ReferenceStreams;

class FailureClassifierTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final FailureClassifier classifier = new FailureClassifier(clock);

    /** The initiate as swanctl printed it: first line is the errmsg when it failed, then the control-log. */
    private Failure classifySwanctl(String scenario) {
        List<String> out = ReferenceStreams.swanctlInitiate(scenario);
        String errmsg = out.get(0).startsWith("initiate failed: ") ? out.get(0).substring("initiate failed: ".length())
                : null;
        List<LogLine> lines = out.stream().filter(l -> l.startsWith("[")).map(LogLine::parse).toList();
        return classifier.classifyInitiate(errmsg, lines);
    }

    private List<LogCorrelator.PassiveFailure> passive(String path) {
        LogCorrelator c = new LogCorrelator(clock);
        List<LogCorrelator.PassiveFailure> out = new ArrayList<>();
        for (ReferenceStreams.Event e : ReferenceStreams.events(path)) {
            if (e.name().equals("log")) {
                c.accept(e.message()).ifPresent(out::add);
            }
        }
        return out;
    }

    @Test
    void initiatorInstallFailureIsLocalSadFailureWithKernelEvidence() {
        Failure f = classifySwanctl("initiator-install-failure");
        assertThat(f.failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(f.side()).isEqualTo(Side.LOCAL);
        assertThat(f.notifyType()).isNull();
        assertThat(f.evidence()).contains("[IKE] unable to install inbound and outbound IPsec SA (SAD) in kernel",
                "[KNL] received netlink error: Function not implemented (38)",
                "[KNL] unable to add SAD entry with SPI c1a570d2 (FAILED)",
                "initiate failed: establishing CHILD_SA 'net' failed");
        assertThat(f.message()).contains("kernel");
        assertThat(f.at()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void initiatorSeesResponderInstallFailureAsPeerRejection() {
        Failure f = classifySwanctl("responder-install-failure");
        assertThat(f.failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_CHILD);
        assertThat(f.side()).isEqualTo(Side.PEER);
        assertThat(f.notifyType()).isEqualTo("NO_PROPOSAL_CHOSEN");
        assertThat(f.message()).contains("peer rejected the CHILD_SA").contains("not necessarily local configuration")
                .contains("kernel");
        assertThat(f.evidence()).contains("[IKE] received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built");
    }

    @Test
    void successfulInitiateLinesShowNoFailure() {
        List<LogLine> lines = ReferenceStreams.swanctlInitiate("child-installed").stream()
                .filter(l -> l.startsWith("[")).map(LogLine::parse).toList();
        assertThat(classifier.classifyLines(lines)).isEmpty();
    }

    @Test
    void logEventsOfInitiatorInstallFailure() {
        List<LogCorrelator.PassiveFailure> f = passive("initiator-install-failure/initiator-events.jsonl");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).ikeSaName()).isEqualTo("net");
        assertThat(f.get(0).ikeSaUniqueId()).isEqualTo(1);
        assertThat(f.get(0).childName()).isEqualTo("net");
        assertThat(f.get(0).failure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(f.get(0).failure().side()).isEqualTo(Side.LOCAL);
    }

    @Test
    void responderOfInitiatorInstallFailureSeesNoFailure() {
        // it installed the CHILD_SA and then got a DELETE from the initiator: that is not a failure here
        assertThat(passive("initiator-install-failure/responder-events.jsonl")).isEmpty();
    }

    @Test
    void responderInstallFailureIsLocalAtTheResponderCorrelatedFromUnnamed() {
        List<LogCorrelator.PassiveFailure> f = passive("responder-install-failure/responder-events.jsonl");
        assertThat(f).hasSize(1);
        // the first lines of this IKE_SA were "(unnamed)": the unique id ties them to "net"
        assertThat(f.get(0).ikeSaName()).isEqualTo("net");
        Failure x = f.get(0).failure();
        assertThat(x.failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(x.side()).isEqualTo(Side.LOCAL);
        assertThat(x.evidence()).contains("[KNL] unable to add SAD entry with SPI c93b7e08 (FAILED)");
    }

    @Test
    void initiatorLogEventsOfResponderFailureArePeerRejection() {
        List<LogCorrelator.PassiveFailure> f = passive("responder-install-failure/initiator-events.jsonl");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).failure().failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_CHILD);
        assertThat(f.get(0).failure().side()).isEqualTo(Side.PEER);
        assertThat(f.get(0).failure().notifyType()).isEqualTo("NO_PROPOSAL_CHOSEN");
    }

    @Test
    void childInstalledStreamsShowNoFailureOnEitherSide() {
        assertThat(passive("child-installed/initiator-events.jsonl")).isEmpty();
        assertThat(passive("child-installed/responder-events.jsonl")).isEmpty();
    }

    @Test
    void correlatorReturnsLinesOfAnIkeSaSinceATime() {
        LogCorrelator c = new LogCorrelator(clock);
        List<ReferenceStreams.Event> ev = ReferenceStreams.events("child-installed/responder-events.jsonl");
        c.accept(ev.get(0).message());
        clock.advance(java.time.Duration.ofSeconds(1));
        Instant since = clock.instant();
        for (int i = 1; i < ev.size(); i++) {
            if (ev.get(i).name().equals("log")) {
                c.accept(ev.get(i).message());
            }
        }
        List<LogLine> lines = c.linesFor("net", since);
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0).message()).startsWith("parsed IKE_SA_INIT request 0");
        assertThat(c.linesFor("other", Instant.EPOCH)).isEmpty();
    }

    @Test
    void tsUnacceptableFromPeer() {
        Failure f = classifier.classifyInitiate("establishing CHILD_SA 'net' failed",
                List.of(LogLine.of("IKE", "received TS_UNACCEPTABLE notify, no CHILD_SA built"),
                        LogLine.of("IKE", "failed to establish CHILD_SA, keeping IKE_SA")));
        assertThat(f.failureClass()).isEqualTo(FailureClass.TS_MISMATCH);
        assertThat(f.side()).isEqualTo(Side.PEER);
        assertThat(f.notifyType()).isEqualTo("TS_UNACCEPTABLE");
        assertThat(f.message()).contains("peer rejected the CHILD_SA").contains("SPD");
    }

    @Test
    void localPolicyInstallFailure() {
        Failure f = classifier.classifyInitiate("establishing CHILD_SA 'net' failed",
                List.of(LogLine.of("KNL", "unable to install source route for 198.18.0.1"),
                        LogLine.of("IKE", "unable to install IPsec policies (SPD) in kernel"),
                        LogLine.of("IKE", "failed to establish CHILD_SA, keeping IKE_SA")));
        assertThat(f.failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_POLICY_FAILED);
        assertThat(f.side()).isEqualTo(Side.LOCAL);
        assertThat(f.evidence()).contains("[KNL] unable to install source route for 198.18.0.1");
    }

    @Test
    void authenticationFailedNotifyMeansPeerRejectedOurAuth() {
        Failure f = classifier.classifyInitiate("establishing CHILD_SA 'net' failed", List.of(
                LogLine.of("ENC", "parsed IKE_AUTH response 1 [ N(AUTH_FAILED) ]"),
                LogLine.of("IKE", "received AUTHENTICATION_FAILED notify error"),
                LogLine.of("MGR", "tried to check-in and delete nonexisting IKE_SA")));
        assertThat(f.failureClass()).isEqualTo(FailureClass.LOCAL_AUTH_FAILED);
        assertThat(f.side()).isEqualTo(Side.PEER);
        assertThat(f.notifyType()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(f.failureClass().isConfigType()).isTrue();
    }

    @Test
    void macMismatchIsPeerAuthFailedHere() {
        Optional<Failure> f = classifier.classifyLines(List.of(
                LogLine.of("IKE", "authentication of 'left' with pre-shared key successful"),
                LogLine.of("IKE", "tried 1 shared key for 'b' - 'a', but MAC mismatched"),
                LogLine.of("ENC", "generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]")));
        assertThat(f).isPresent();
        assertThat(f.get().failureClass()).isEqualTo(FailureClass.PEER_AUTH_FAILED);
        assertThat(f.get().side()).isEqualTo(Side.LOCAL);
        assertThat(f.get().evidence()).containsExactly("[IKE] tried 1 shared key for 'b' - 'a', but MAC mismatched");
    }

    @Test
    void unreachablePeerBeforeIkeSaEstablished() {
        Failure f = classifier.classifyInitiate("establishing CHILD_SA 'net' failed", List.of(
                LogLine.of("IKE", "initiating IKE_SA net[3] to 192.0.2.2"),
                LogLine.of("IKE", "retransmit 5 of request with message ID 0"),
                LogLine.of("IKE", "giving up after 5 retransmits"),
                LogLine.of("IKE", "establishing IKE_SA failed, peer not responding"),
                LogLine.of("MGR", "tried to check-in and delete nonexisting IKE_SA")));
        assertThat(f.failureClass()).isEqualTo(FailureClass.PEER_INIT_UNREACHABLE);
        assertThat(f.side()).isEqualTo(Side.PEER);
        assertThat(f.evidence()).contains("[IKE] giving up after 5 retransmits",
                "[MGR] tried to check-in and delete nonexisting IKE_SA");
    }

    @Test
    void retransmitTimeoutAfterEstablishment() {
        Optional<Failure> f = classifier.classifyLines(List.of(
                LogLine.of("IKE", "IKE_SA net[1] established between 192.0.2.1[a]...192.0.2.2[b]"),
                LogLine.of("IKE", "giving up after 5 retransmits")));
        assertThat(f.get().failureClass()).isEqualTo(FailureClass.RETRANSMIT_SEND_TIMEOUT);
    }

    @Test
    void noIkeConfigAndProposalMismatches() {
        assertThat(classifier.classifyLines(List.of(LogLine.of("IKE",
                "no IKE config found for 192.0.2.2...192.0.2.1, sending NO_PROPOSAL_CHOSEN"))).get().failureClass())
                .isEqualTo(FailureClass.PROPOSAL_MISMATCH_IKE);
        Failure ike = classifier.classifyLines(List.of(
                LogLine.of("CFG", "received proposals: IKE:AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048"),
                LogLine.of("CFG", "configured proposals: IKE:AES_GCM_16_256/PRF_HMAC_SHA2_384/ECP_384"),
                LogLine.of("IKE", "no acceptable proposal found"))).get();
        assertThat(ike.failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_IKE);
        assertThat(ike.evidence()).hasSize(3);
        Failure child = classifier.classifyLines(List.of(
                LogLine.of("IKE", "IKE_SA net[1] established between 192.0.2.2[b]...192.0.2.1[a]"),
                LogLine.of("CFG", "received proposals: ESP:AES_CBC_128/HMAC_SHA2_256_128/NO_EXT_SEQ"),
                LogLine.of("IKE", "no acceptable proposal found"),
                LogLine.of("IKE", "failed to establish CHILD_SA, keeping IKE_SA"))).get();
        assertThat(child.failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_CHILD);
        assertThat(child.side()).isEqualTo(Side.LOCAL);
        Failure peerIke = classifier.classifyInitiate("establishing CHILD_SA 'net' failed", List.of(
                LogLine.of("ENC", "parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]"),
                LogLine.of("IKE", "received NO_PROPOSAL_CHOSEN notify error")));
        assertThat(peerIke.failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_IKE);
        assertThat(peerIke.side()).isEqualTo(Side.PEER);
        assertThat(peerIke.notifyType()).isEqualTo("NO_PROPOSAL_CHOSEN");
    }

    @Test
    void localTsMismatchAtResponder() {
        Failure f = classifier.classifyLines(List.of(
                LogLine.of("IKE", "traffic selectors 198.18.4.0/22 === 10.0.0.0/8 unacceptable"),
                LogLine.of("IKE", "failed to establish CHILD_SA, keeping IKE_SA"))).get();
        assertThat(f.failureClass()).isEqualTo(FailureClass.TS_MISMATCH);
        assertThat(f.side()).isEqualTo(Side.LOCAL);
    }

    @Test
    void dhGroupRetryAloneIsNotAFailure() {
        assertThat(classifier.classifyLines(List.of(LogLine.of("IKE",
                "peer didn't accept DH group ECP_256, it requested MODP_2048")))).isEmpty();
    }

    @Test
    void unknownWhenNothingSpecific() {
        Failure f = classifier.classifyInitiate("establishing CHILD_SA 'net' failed",
                List.of(LogLine.of("IKE", "initiating IKE_SA net[1] to 192.0.2.2")));
        assertThat(f.failureClass()).isEqualTo(FailureClass.UNKNOWN);
        assertThat(f.evidence()).last().isEqualTo("initiate failed: establishing CHILD_SA 'net' failed");
    }

    @Test
    void stillInProgressIsRecognised() {
        assertThat(FailureClassifier.isStillInProgress("CHILD_SA 'net' not established after 5000ms")).isTrue();
        assertThat(FailureClassifier.isStillInProgress("establishing CHILD_SA 'net' failed")).isFalse();
        assertThat(FailureClassifier.isStillInProgress(null)).isFalse();
    }

    @Test
    void alertEventsOfStrongSwan6NameTheIkeSa() {
        // the layout of strongSwan 6.0.3+ (vici_query.c): type, and the IKE_SA as in list-sa under "ike-sa",
        // without child-sas
        ViciSection alert = ViciSection.builder().add("type", "install-child-sa-failed")
                .beginSection("ike-sa").beginSection("net").add("uniqueid", "7").add("version", "2")
                .add("state", "ESTABLISHED").add("local-host", "192.0.2.1").add("remote-host", "192.0.2.2")
                .endSection().endSection().build();
        FailureClassifier.AlertFailure a = classifier.classifyAlert(alert).orElseThrow();
        assertThat(a.ikeSaName()).isEqualTo("net");
        assertThat(a.ikeSaUniqueId()).isEqualTo(7);
        assertThat(a.childName()).isNull();
        assertThat(a.failure().failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
        assertThat(a.failure().side()).isEqualTo(Side.LOCAL);
        assertThat(a.failure().evidence()).containsExactly("alert install-child-sa-failed for IKE_SA net[7]");

        ViciSection ts = ViciSection.builder().add("type", "ts-mismatch").beginSection("ike-sa").beginSection("gw")
                .add("uniqueid", "2").endSection().endSection().build();
        FailureClassifier.AlertFailure b = classifier.classifyAlert(ts).orElseThrow();
        assertThat(b.ikeSaName()).isEqualTo("gw");
        assertThat(b.ikeSaUniqueId()).isEqualTo(2);
        assertThat(b.failure().failureClass()).isEqualTo(FailureClass.TS_MISMATCH);

        // ALERT_LOCAL_AUTH_FAILED: our authentication was rejected (e.g. the initiator received AUTHENTICATION_FAILED)
        ViciSection auth = ViciSection.builder().add("type", "local-auth-failed").beginSection("ike-sa")
                .beginSection("gw").add("uniqueid", "9").endSection().endSection().build();
        assertThat(classifier.classifyAlert(auth).orElseThrow().failure().side()).isEqualTo(Side.PEER);
        // ALERT_PEER_AUTH_FAILED: the peer's authentication failed verification here
        ViciSection peerAuth = ViciSection.builder().add("type", "peer-auth-failed").beginSection("ike-sa")
                .beginSection("gw").add("uniqueid", "9").endSection().endSection().build();
        assertThat(classifier.classifyAlert(peerAuth).orElseThrow().failure().side()).isEqualTo(Side.LOCAL);

        // informational alerts, and alerts without an IKE_SA, are no attempt failures of a child
        assertThat(classifier.classifyAlert(ViciSection.builder().add("type", "keep-on-child-sa-failure")
                .beginSection("ike-sa").beginSection("gw").add("uniqueid", "9").endSection().endSection().build()))
                .isEmpty();
        assertThat(classifier.classifyAlert(ViciSection.builder().add("type", "retransmit-send").build())).isEmpty();
        FailureClassifier.AlertFailure none = classifier.classifyAlert(ViciSection.builder()
                .add("type", "peer-init-unreachable").build()).orElseThrow();
        assertThat(none.ikeSaName()).isNull();
    }

    @Test
    void aChildMismatchAlertWhereTheIkeSaWasInitiatedIsThePeersRejection() {
        // charon 6 raises proposal-mismatch-child at the initiator for the peer's NO_PROPOSAL_CHOSEN, which the peer
        // also answers when its kernel refuses the SA: ambiguous, as the log lines' half of the failure says
        for (String type : List.of("proposal-mismatch-child", "ts-mismatch")) {
            ViciSection atInitiator = ViciSection.builder().add("type", type).beginSection("ike-sa").beginSection("net")
                    .add("uniqueid", "3").add("state", "ESTABLISHED").add("initiator", "yes").endSection().endSection()
                    .build();
            Failure f = classifier.classifyAlert(atInitiator).orElseThrow().failure();
            assertThat(f.side()).as(type).isEqualTo(Side.PEER);
            assertThat(f.message()).startsWith("the peer rejected the CHILD_SA");
            assertThat(org.vici4j.controller.retry.RetryState.isAmbiguous(f)).isTrue();
            ViciSection atResponder = ViciSection.builder().add("type", type).beginSection("ike-sa").beginSection("net")
                    .add("uniqueid", "4").add("state", "ESTABLISHED").endSection().endSection().build();
            Failure r = classifier.classifyAlert(atResponder).orElseThrow().failure();
            assertThat(r.side()).as(type).isEqualTo(Side.LOCAL);
            assertThat(org.vici4j.controller.retry.RetryState.isAmbiguous(r)).isFalse();
        }
        ViciSection ikeMismatch = ViciSection.builder().add("type", "proposal-mismatch-ike").beginSection("ike-sa")
                .beginSection("net").add("uniqueid", "5").add("initiator", "yes").endSection().endSection().build();
        assertThat(classifier.classifyAlert(ikeMismatch).orElseThrow().failure().side()).isEqualTo(Side.LOCAL);
    }

    @Test
    void charonRejectingALoadIsAConfigurationFailure() {
        Failure f = classifier.classifyLoadRejection("net", "invalid value for: local_ts, config discarded");
        assertThat(f.failureClass()).isEqualTo(FailureClass.CONFIG_REJECTED);
        assertThat(f.failureClass().isConfigType()).isTrue();
        assertThat(f.side()).isEqualTo(Side.LOCAL);
        assertThat(f.message()).startsWith("charon rejected connection 'net': invalid value for: local_ts, config discarded;");
        assertThat(f.evidence()).containsExactly("load-conn failed: invalid value for: local_ts, config discarded");
        assertThat(classifier.classifyLoadRejection("net", null).message()).contains("load-conn failed without a reason");
        // not an alert type of charon's
        assertThat(classifier.classifyAlert(ViciSection.builder().add("type", "config-rejected")
                .beginSection("ike-sa").beginSection("gw").add("uniqueid", "9").endSection().endSection().build()))
                .isEmpty();
    }

    @Test
    void wireNamesRoundTrip() {
        for (FailureClass c : FailureClass.values()) {
            assertThat(FailureClass.fromWireName(c.wireName())).contains(c);
        }
        assertThat(FailureClass.INSTALL_CHILD_SA_FAILED.wireName()).isEqualTo("install-child-sa-failed");
        assertThat(FailureClass.PEER_INIT_UNREACHABLE.wireName()).isEqualTo("peer-init-unreachable");
        assertThat(Side.fromWireName("peer")).contains(Side.PEER);
        assertThat(FailureClass.TS_MISMATCH.isConfigType()).isTrue();
        assertThat(FailureClass.INSTALL_CHILD_SA_FAILED.isKernel()).isTrue();
    }
}
