package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.InitiateRequest;
import org.vici4j.client.command.Version;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.RecordingListener;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * What strongSwan 6 adds, against a real 6.x pair (scripts/install-strongswan6.sh): the {@code alert} event,
 * which 5.9 does not know, raised for real when the initiator's kernel refuses the CHILD_SA (a on netlink).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViciClientAlertsStrongSwan6IT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.NETLINK).gateway("b", Backend.LIBIPSEC).build();

    private Gateway a;
    private ViciClient vici;

    @BeforeEach
    void connect() {
        a = LAB.gateway("a");
        assertThat(a.loadSwanctlConf(LabConfigs.net(true)).exitCode()).isZero();
        assertThat(LAB.gateway("b").loadSwanctlConf(LabConfigs.net(false)).exitCode()).isZero();
        vici = ViciClient.connect(a.viciUri());
    }

    @AfterEach
    void close() {
        vici.close();
    }

    @Test
    @Order(1)
    void versionIsSix() {
        Version v = vici.await(vici.version());
        assertThat(v.daemon()).isEqualTo("charon");
        assertThat(v.version()).startsWith("6.");
    }

    @Test
    @Order(2)
    void alertIsKnownAndReportsTheRefusedChildSaWithItsIkeSa() {
        RecordingListener alerts = new RecordingListener();
        Subscription s = vici.subscribe("alert", alerts);
        vici.await(s.registered()); // 5.9 answers EVENT_UNKNOWN here

        assertThatThrownBy(() -> vici.await(vici.initiate(
                InitiateRequest.builder().child("net").timeout(Duration.ofSeconds(15)).build())))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.log())
                        .contains("[IKE] unable to install inbound and outbound IPsec SA (SAD) in kernel"));

        ViciClientChecks.waitFor(alerts, "event alert");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (alerts.messages().stream().noneMatch(m -> "keep-on-child-sa-failure".equals(m.stringOr("type", "")))
                && System.nanoTime() < deadline) {
            alerts.next(Duration.ofSeconds(1));
        }
        List<ViciSection> messages = alerts.messages();
        assertThat(messages).extracting(m -> m.stringOr("type", ""))
                .containsSubsequence("install-child-sa-failed", "keep-on-child-sa-failure");
        ViciSection install = messages.stream().filter(m -> "install-child-sa-failed".equals(m.stringOr("type", "")))
                .findFirst().orElseThrow();
        // the alert names the IKE_SA (as list-sas would show it, without its CHILD_SAs), not the CHILD_SA
        ViciSection ike = install.section("ike-sa").flatMap(i -> i.section("net")).orElseThrow();
        assertThat(ike.stringOr("state", "")).isEqualTo("ESTABLISHED");
        assertThat(ike.longValue("uniqueid")).isPresent();
        assertThat(ike.section("child-sas")).isEmpty();
        // which is the IKE_SA list-sas shows, still up without a CHILD_SA
        List<IkeSa> sas = vici.await(vici.listSas());
        assertThat(sas).singleElement().satisfies(sa -> {
            assertThat(sa.uniqueId()).isEqualTo(ike.longValue("uniqueid").getAsLong());
            assertThat(sa.childSas()).isEmpty();
        });
        s.close();
    }
}
