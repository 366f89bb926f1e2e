package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;
import org.vici4j.lab.TunnelConfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * bin/vici against strongSwan 6 (scripts/install-strongswan6.sh): a initiates on netlink, so its kernel refuses the
 * CHILD_SA and charon raises the alerts that 5.9 does not have.
 */
class CliAlertsStrongSwan6IT {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.NETLINK).gateway("b", Backend.LIBIPSEC).build();

    Gateway a;
    Gateway b;

    @BeforeEach
    void load() {
        a = LAB.gateway("a");
        b = LAB.gateway("b");
        a.loadSwanctlConf(TunnelConfig.psk("net", a, b).toSwanctlConf());
        b.loadSwanctlConf(TunnelConfig.psk("net", b, a).toSwanctlConf());
    }

    @Test
    void monitorJsonShowsTheAlertsOfARefusedChildSaAndInitiateExitsOne() throws Exception {
        ViciProcess monitor = ViciProcess.start("--uri", a.viciUri(), "monitor", "-o", "json", "--count", "3",
                "--duration", "60s");
        monitor.awaitStderr("vici: watching", Duration.ofSeconds(30));
        ViciProcess.Result init = ViciProcess.run("--uri", a.viciUri(), "initiate", "--child", "net", "--timeout", "30s");
        assertThat(init.exit()).as(init.toString()).isEqualTo(1);
        assertThat(init.err()).contains("unable to install inbound and outbound IPsec SA (SAD) in kernel");
        ViciProcess.Result r = monitor.await(Duration.ofSeconds(60));
        assertThat(r.exit()).as(r.toString()).isZero();
        // 6.x knows 'alert': no note about it
        assertThat(r.err()).doesNotContain("does not support 'alert'").contains("alert");
        List<JsonNode> events = r.out().lines().map(Fixtures::parse).toList();
        assertThat(events).extracting(e -> e.path("event").asText() + " " + e.path("message").path("type").asText())
                .containsSubsequence("alert install-child-sa-failed", "alert keep-on-child-sa-failure");
        JsonNode alert = events.stream().filter(e -> e.path("event").asText().equals("alert")).findFirst().orElseThrow();
        assertThat(alert.path("message").path("ike-sa").path("net").path("state").asText()).isEqualTo("ESTABLISHED");
    }
}
