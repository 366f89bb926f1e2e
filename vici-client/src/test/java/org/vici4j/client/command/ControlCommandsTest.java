package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.client.command.TestSupport.done;
import static org.vici4j.client.command.TestSupport.failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.message.ViciSection;

class ControlCommandsTest {

    private final FakeCommands vici = new FakeCommands();

    @Test
    void initiateStreamsControlLogAndCarriesTheLinesOnSuccess() {
        Fixtures.Capture capture = Fixtures.capture("initiate");
        vici.answer(capture);
        List<LogMessage> live = new ArrayList<>();

        CommandResult r = done(vici.initiate(InitiateRequest.builder().child("net").timeoutMillis(10000).build(),
                live::add));

        assertThat(vici.last().event()).isEqualTo("control-log");
        assertThat(r.log()).hasSize(capture.events().size());
        assertThat(r.log()).first().isEqualTo("[IKE] initiating IKE_SA net[1] to 192.0.2.2");
        assertThat(r.log()).last().asString().startsWith("[IKE] CHILD_SA net{1} established with SPIs");
        assertThat(live).hasSize(capture.events().size());
        assertThat(live.get(0).group()).isEqualTo("IKE");
        assertThat(live.get(0).level()).hasValue(0);
        assertThat(live.get(0).ikeSaName()).contains("net");
        assertThat(live.get(0).ikeSaUniqueId()).hasValue(1);
        assertThat(live.get(0).line()).isEqualTo(r.log().get(0));
    }

    @Test
    void initiateRequestEncodesLikeTheRequestCharonAccepted() {
        Fixtures.Capture capture = Fixtures.capture("initiate");

        assertThat(InitiateRequest.builder().child("net").timeout(Duration.ofSeconds(10)).build().toMessage())
                .isEqualTo(capture.request());
    }

    @Test
    void initiateRequestEncodesEveryKeyAsTheSpecNamesIt() {
        ViciSection msg = InitiateRequest.builder().child("c").ike("i").returnImmediately().initLimits(true)
                .loglevel(2).build().toMessage();

        assertThat(msg).isEqualTo(ViciSection.builder().add("child", "c").add("ike", "i").add("timeout", "-1")
                .add("init-limits", "yes").add("loglevel", "2").build());
        assertThat(InitiateRequest.child("net").toMessage())
                .isEqualTo(ViciSection.builder().add("child", "net").build());
        assertThat(InitiateRequest.builder().ike("net").waitIndefinitely().build().toMessage())
                .isEqualTo(ViciSection.builder().add("ike", "net").add("timeout", "0").build());
    }

    @Test
    void initiateInstallFailureFailsWithErrmsgAndTheLogLines() {
        Fixtures.Capture capture = Fixtures.capture("initiate-install-failure");
        vici.answer(capture);
        List<String> live = new ArrayList<>();

        CommandFailedException e = failure(vici.initiate(InitiateRequest.child("net"), m -> live.add(m.line())),
                CommandFailedException.class);

        assertThat(e.command()).isEqualTo("initiate");
        assertThat(e.errmsg()).isEqualTo("establishing CHILD_SA 'net' failed");
        assertThat(e.log()).contains("[IKE] unable to install inbound and outbound IPsec SA (SAD) in kernel",
                "[KNL] received netlink error: Function not implemented (38)",
                "[IKE] failed to establish CHILD_SA, keeping IKE_SA");
        assertThat(e.log()).hasSize(capture.events().size());
        assertThat(live).isEqualTo(e.log());
        assertThat(e.response()).isEqualTo(capture.response());
        assertThat(e.getMessage()).contains("initiate").contains("establishing CHILD_SA 'net' failed");
    }

    @Test
    void initiateOfUnknownConfigFails() {
        vici.answer(Fixtures.capture("initiate-unknown"));

        CommandFailedException e = failure(vici.initiate(InitiateRequest.child("nope")), CommandFailedException.class);

        assertThat(e.errmsg()).isEqualTo("CHILD_SA config 'nope' not found");
        assertThat(e.log()).isEmpty();
    }

    @Test
    void aThrowingLogConsumerDoesNotBreakTheCommand() {
        vici.answer(Fixtures.capture("initiate"));

        CommandResult r = done(vici.initiate(InitiateRequest.child("net"), m -> {
            throw new IllegalStateException("consumer bug");
        }));

        assertThat(r.log()).isNotEmpty();
    }

    @Test
    void initiateRequestValidation() {
        assertThatThrownBy(() -> InitiateRequest.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("child or an ike");
        assertThatThrownBy(() -> InitiateRequest.builder().child("c").loglevel(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loglevel");
        assertThatThrownBy(() -> InitiateRequest.builder().child("c").timeoutMillis(-2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> InitiateRequest.builder().child("c").timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returnImmediately");
        assertThatThrownBy(() -> InitiateRequest.child(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("child");
    }

    @Test
    void terminateParsesMatchesTerminatedAndLog() {
        Fixtures.Capture capture = Fixtures.capture("terminate");
        vici.answer(capture);

        TerminateResult r = done(vici.terminate(TerminateRequest.builder().ike("net").timeoutMillis(10000).build()));

        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThat(vici.last().event()).isEqualTo("control-log");
        assertThat(r.matches()).hasValue(1);
        assertThat(r.terminated()).hasValue(1);
        assertThat(r.log()).hasSize(capture.events().size()).isNotEmpty();
        assertThat(r.log()).anyMatch(l -> l.startsWith("[IKE] deleting IKE_SA net[1]"));
    }

    @Test
    void terminateWithoutMatchFailsWithErrmsg() {
        vici.answer(Fixtures.capture("terminate-none"));

        CommandFailedException e = failure(vici.terminate(TerminateRequest.ike("net")), CommandFailedException.class);

        assertThat(e.command()).isEqualTo("terminate");
        assertThat(e.errmsg()).isEqualTo("no matching SAs to terminate found");
        assertThat(e.response().string("matches")).contains("0");
    }

    @Test
    void terminateRequestEncodesEveryKeyAsTheSpecNamesIt() {
        ViciSection msg = TerminateRequest.builder().child("c").ike("i").childId(7).ikeId(3).force(true)
                .timeoutMillis(500).loglevel(-1).build().toMessage();

        assertThat(msg).isEqualTo(ViciSection.builder().add("child", "c").add("ike", "i").add("child-id", "7")
                .add("ike-id", "3").add("force", "yes").add("timeout", "500").add("loglevel", "-1").build());
        assertThatThrownBy(() -> TerminateRequest.builder().force(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selector");
        assertThatThrownBy(() -> TerminateRequest.builder().ikeId(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ikeId");
    }

    @Test
    void rekeyReportsMatches() {
        Fixtures.Capture capture = Fixtures.capture("rekey");
        vici.answer(capture);

        MatchesResult r = done(vici.rekey(RekeyRequest.child("net")));

        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThat(vici.last().event()).isNull();
        assertThat(r.matches()).hasValue(1);
        assertThat(RekeyRequest.ikeId(4).withReauth(true).toMessage())
                .isEqualTo(ViciSection.builder().add("ike-id", "4").add("reauth", "yes").build());
        assertThat(new RekeyRequest(null, "i", 2L, null, null).toMessage())
                .isEqualTo(ViciSection.builder().add("ike", "i").add("child-id", "2").build());
    }

    @Test
    void redirectEncodesGatewayAndFailsWithCharonsErrmsg() {
        vici.answer(Fixtures.capture("redirect-missing-gw"));

        CommandFailedException e = failure(vici.redirect(RedirectRequest.ike("net", "192.0.2.9")),
                CommandFailedException.class);

        assertThat(e.errmsg()).isEqualTo("missing target gateway");
        assertThat(vici.last().message()).isEqualTo(
                ViciSection.builder().add("ike", "net").add("gateway", "192.0.2.9").build());
        assertThat(new RedirectRequest(null, 5L, "10.0.0.0/8", "*@example.org", "gw").toMessage())
                .isEqualTo(ViciSection.builder().add("ike-id", "5").add("peer-ip", "10.0.0.0/8")
                        .add("peer-id", "*@example.org").add("gateway", "gw").build());
        assertThatThrownBy(() -> new RedirectRequest("net", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway");
    }

    @Test
    void redirectSuccessReportsMatches() {
        vici.answer("redirect", ViciSection.builder().add("success", "yes").add("matches", "2").build());

        assertThat(done(vici.redirect(RedirectRequest.ike("net", "gw"))).matches()).hasValue(2);
    }

    @Test
    void installAndUninstall() {
        Fixtures.Capture install = Fixtures.capture("install");
        vici.answer(install);
        vici.answer(Fixtures.capture("uninstall"));

        done(vici.install(new PolicyRequest("bypass", "shunts")));
        assertThat(vici.last().message()).isEqualTo(install.request());
        done(vici.uninstall(PolicyRequest.child("bypass")));
        assertThat(vici.last().message()).isEqualTo(Fixtures.capture("uninstall").request());
    }

    @Test
    void installOfUnknownChildFails() {
        vici.answer(Fixtures.capture("install-unknown"));

        CommandFailedException e = failure(vici.install(PolicyRequest.child("nope")), CommandFailedException.class);

        assertThat(e.command()).isEqualTo("install");
        assertThat(e.errmsg()).isEqualTo("configuration name not found");
    }

    @Test
    void logMessageReadsLogEventsAndFormatsLikeSwanctl() {
        LogMessage log = LogMessage.from(Fixtures.events("reference-child-installed-initiator-events", "log").get(0));
        LogMessage bare = LogMessage.from(ViciSection.builder().add("msg", "no group").build());

        assertThat(log.line()).isEqualTo("[CFG] vici initiate CHILD_SA 'net'");
        assertThat(log.thread()).hasValue(13);
        assertThat(log.ikeSaName()).isEmpty();
        assertThat(bare.line()).isEqualTo("[   ] no group");
        assertThat(bare.level()).isEmpty();
        assertThat(bare.toString()).isEqualTo(bare.line());
    }
    @Test
    void initiateWithoutLogIsOnePlainRequestWithTheSameMessage() {
        vici.answer("initiate", ViciSection.builder().add("success", "yes").build());
        InitiateRequest req = InitiateRequest.builder().child("net").ike("gw").returnImmediately().build();

        CommandResult r = done(vici.initiateWithoutLog(req));

        assertThat(vici.sent).hasSize(1);
        assertThat(vici.last().command()).isEqualTo("initiate");
        assertThat(vici.last().event()).as("no control-log registered").isNull();
        assertThat(vici.last().message()).isEqualTo(ViciSection.builder().add("child", "net").add("ike", "gw")
                .add("timeout", "-1").build());
        assertThat(r.log()).isEmpty();
    }

    @Test
    void initiateWithoutLogRefusedFailsWithErrmsgAndNoLog() {
        vici.answer("initiate", ViciSection.builder().add("success", "no")
                .add("errmsg", "CHILD_SA config 'net' not found").build());

        CommandFailedException e = failure(vici.initiateWithoutLog(InitiateRequest.builder().child("net")
                .returnImmediately().build()), CommandFailedException.class);

        assertThat(e.command()).isEqualTo("initiate");
        assertThat(e.errmsg()).isEqualTo("CHILD_SA config 'net' not found");
        assertThat(e.log()).isEmpty();
    }

    @Test
    void terminateWithoutLogIsOnePlainRequestWithTheSameMessage() {
        vici.answer("terminate", ViciSection.builder().add("success", "yes").add("matches", "1").build());

        TerminateResult r = done(vici.terminateWithoutLog(TerminateRequest.builder().childId(7).returnImmediately()
                .build()));

        assertThat(vici.sent).hasSize(1);
        assertThat(vici.last().event()).as("no control-log registered").isNull();
        assertThat(vici.last().message()).isEqualTo(ViciSection.builder().add("child-id", "7").add("timeout", "-1")
                .build());
        assertThat(r.matches()).hasValue(1);
        assertThat(r.log()).isEmpty();
    }

    @Test
    void terminateWithoutLogWithoutMatchFailsWithErrmsg() {
        vici.answer("terminate", Fixtures.capture("terminate-none").response());

        CommandFailedException e = failure(vici.terminateWithoutLog(TerminateRequest.builder().ike("net")
                .returnImmediately().build()), CommandFailedException.class);

        assertThat(e.errmsg()).isEqualTo("no matching SAs to terminate found");
    }
}
