package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vici4j.client.command.InitiateRequest;
import org.vici4j.client.command.LogMessage;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.RecordingListener;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * Daemon restarts and a real CHILD_SA install failure: the initiator is restarted on the kernel-netlink
 * backend, whose SAD install fails on this kernel.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ViciClientFailureChecks {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** @return the lab ({@link ViciClientFailureIT}: strongSwan 5.9, {@link ViciClientFailureStrongSwan6IT}: 6.x) */
    abstract CharonLabExtension lab();

    private static ViciSection child(String name, long timeoutMillis) {
        return ViciSection.builder().add("child", name).add("timeout", timeoutMillis).build();
    }

    @Test
    @Order(1)
    void restartLosesInFlightRequestsEndsPlainSubscriptionsAndReconnectingOnesGetAGap() throws Exception {
        Gateway a = lab().gateway("a");
        a.loadSwanctlConf(LabConfigs.net(true));
        lab().gateway("b").loadSwanctlConf(LabConfigs.net(false));
        ViciClientOptions base = ViciClientOptions.builder().uri(a.viciUri()).build();
        try (ViciClient reconnecting = ViciClient.connect(base.toBuilder().reconnect(true)
                        .reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(1), 2.0).build());
                ViciClient plain = ViciClient.connect(base)) {
            RecordingListener gapped = new RecordingListener();
            reconnecting.await(reconnecting.subscribe(Set.of("ike-updown", "log"), gapped).registered());
            RecordingListener ended = new RecordingListener();
            plain.await(plain.subscribe("ike-updown", ended).registered());
            // a long initiate in flight while the daemon goes away
            CompletableFuture<ViciSection> inFlight = plain.withTimeout(Duration.ofMinutes(1))
                    .request("initiate", child("stuck", 30000));
            awaitRunning(plain);

            a.restart(Backend.NETLINK);

            // never hangs: charon either answers it while shutting down or the connection is lost under it
            try {
                ViciSection answer = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer.bool("success")).isFalse();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ConnectionLostException.class).hasMessageContaining("initiate");
            }
            ended.awaitCall("closed ConnectionLostException", WAIT);
            gapped.awaitCall("gap", WAIT);
            assertThat(gapped.lastGap().duration().isNegative()).isFalse();
            assertThat(gapped.lastGap().reason()).isNotEmpty();
            // the restarted daemon answers on new connections
            assertThat(plain.await(plain.request("version", ViciSection.empty())).string("daemon")).contains("charon");

            // the re-registered subscription sees the new daemon's events
            a.loadSwanctlConf(LabConfigs.net(true));
            List<LogMessage> log = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> reconnecting.await(reconnecting.initiate(InitiateRequest.builder().child("net")
                    .timeout(Duration.ofSeconds(20)).build(), log::add)))
                    .isInstanceOf(CommandFailedException.class)
                    .satisfies(e -> {
                        CommandFailedException f = (CommandFailedException) e;
                        assertThat(f.errmsg()).isEqualTo("establishing CHILD_SA 'net' failed");
                        assertThat(f.log()).anySatisfy(l -> assertThat(l)
                                .contains("unable to install inbound and outbound IPsec SA (SAD) in kernel"));
                    });
            assertThat(log).anySatisfy(l -> assertThat(l.line()).contains("SAD"));
            ViciClientChecks.waitFor(gapped, "event ike-updown");
            assertThat(gapped.messages()).anySatisfy(m -> {
                assertThat(m.bool("up")).isTrue();
                assertThat(m.section("net")).isPresent();
            });
        }
    }

    @Test
    @Order(2)
    void rawInitiateFailureIsAResponseWithSuccessNo() {
        Gateway a = lab().gateway("a");
        if (a.backend() != Backend.NETLINK) {
            a.restart(Backend.NETLINK);
        }
        a.loadSwanctlConf(LabConfigs.net(true));
        try (ViciClient vici = ViciClient.connect(a.viciUri())) {
            vici.await(vici.streamed("terminate", ViciSection.builder().add("ike", "net").add("timeout", 10000).build(),
                    "control-log", null).exceptionally(e -> null));
            StreamedResponse r = vici.await(vici.streamed("initiate", child("net", 20000), "control-log", null));
            assertThat(r.response().bool("success")).isFalse();
            assertThat(r.response().string("errmsg")).contains("establishing CHILD_SA 'net' failed");
            assertThat(r.events()).anySatisfy(e -> assertThat(e.stringOr("msg", ""))
                    .contains("unable to install inbound and outbound IPsec SA (SAD) in kernel"));
        }
    }

    /** Waits until charon shows the stuck IKE_SA, i.e. the initiate is being executed. */
    private static void awaitRunning(ViciClient c) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            StreamedResponse sas = c.await(c.streamed("list-sas", ViciSection.builder().add("ike", "stuck").build(),
                    "list-sa", null));
            if (!sas.events().isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the 'stuck' initiate never showed up in list-sas");
    }
}
