package org.vici4j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lab itself, against two real charon daemons a and b (both on libipsec) joined by a veth pair: what holds for
 * every strongSwan version. Run against 5.9 ({@link LabSelfTestIT}) and 6.x ({@link StrongSwan6LabIT}), which add
 * their own checks at the orders left free here (2, and 5 on).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoGatewayLabChecks {

    /** Gateways a and b of the lab, set before each test. */
    Gateway a;
    Gateway b;

    /** @return the lab, made by {@link #twoGateways} */
    abstract CharonLabExtension lab();

    /** @return the lab these checks need: gateways a and b, both on libipsec, with strongSwan 6 or the host's 5.9 */
    static CharonLabExtension twoGateways(boolean strongSwan6) {
        CharonLabExtension.Builder builder = CharonLabExtension.builder();
        if (strongSwan6) {
            builder = builder.strongSwan6();
        }
        return builder.gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();
    }

    @BeforeEach
    void gateways() {
        a = lab().gateway("a");
        b = lab().gateway("b");
    }

    static void loadTunnel(Gateway local, Gateway remote) {
        local.loadSwanctlConf(TunnelConfig.psk("net", local, remote).toSwanctlConf());
    }

    /** @return the pattern of the version swanctl reports for the lab's charon */
    private String versionPattern() {
        return "version=" + (lab().runsStrongSwan6() ? "6" : "5") + "\\.\\d+\\.\\d+";
    }

    @Test
    @Order(1)
    void bothDaemonsAnswerVersionOverTheirOwnSockets() {
        for (Gateway gw : lab().lab().gateways()) {
            assertThat(gw.socketPath()).exists();
            ProcessResult r = gw.swanctl("--version", "--daemon", "--raw");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.stdout()).containsPattern("daemon=charon").containsPattern(versionPattern());
        }
        assertThat(a.socketPath()).isNotEqualTo(b.socketPath());
    }

    @Test
    @Order(3)
    void tunnelInitiatedWithSwanctlIsInstalledAndCarriesTraffic() {
        loadTunnel(a, b);
        loadTunnel(b, a);

        ProcessResult initiate = a.swanctl("--initiate", "--child", "net", "--timeout", "20");
        assertThat(initiate.exitCode()).as(initiate.output()).isZero();
        assertThat(initiate.output()).contains("initiate completed successfully");

        ProcessResult sas = a.swanctl("--list-sas", "--ike", "net");
        assertThat(sas.stdout()).contains("ESTABLISHED").containsPattern("net: #\\d+, reqid \\d+, INSTALLED");
        assertThat(b.swanctl("--list-sas").stdout()).containsPattern("INSTALLED");

        // Traffic between the two subnets goes through the libipsec TUN device and the ESP SA.
        ProcessResult ping = a.exec("ping", "-c", "2", "-W", "3", "-I", a.host(), b.host());
        assertThat(ping.exitCode()).as(ping.output()).isZero();
        assertThat(a.swanctl("--list-sas", "--ike", "net").stdout()).containsPattern("out [0-9a-f]+,\\s+[1-9]\\d* bytes");

        ProcessResult terminate = a.swanctl("--terminate", "--ike", "net", "--timeout", "10");
        assertThat(terminate.exitCode()).as(terminate.output()).isZero();
        assertThat(a.swanctl("--list-sas").stdout()).doesNotContain("ESTABLISHED");
    }

    @Test
    @Order(4)
    void initiatorOnNetlinkFailsToInstallTheChildSaForRealAndARestartKeepsItsVersion() {
        a.restart(Backend.NETLINK);
        try {
            assertThat(a.backend()).isEqualTo(Backend.NETLINK);
            loadTunnel(a, b); // a restarted charon has lost its configuration
            ProcessResult initiate = a.swanctl("--initiate", "--child", "net", "--timeout", "20");
            assertThat(initiate.exitCode()).as(initiate.output()).isNotZero();
            assertThat(initiate.output()).contains("establishing CHILD_SA 'net' failed");
            assertThat(a.logContains(Pattern.compile("unable to install inbound and outbound IPsec SA \\(SAD\\) in kernel")))
                    .as("the initiator's log names the SAD install failure").isTrue();
            assertThat(a.log()).contains("failed to establish CHILD_SA, keeping IKE_SA");
            // The IKE_SA stays up without a CHILD_SA; the responder got the DELETE.
            assertThat(a.swanctl("--list-sas").stdout()).contains("ESTABLISHED").doesNotContain("INSTALLED");
            assertThat(b.log()).containsPattern("received DELETE for ESP CHILD_SA");
            assertThat(a.swanctl("--version", "--daemon", "--raw").stdout()).containsPattern(versionPattern());
        } finally {
            a.restart(Backend.LIBIPSEC);
        }
        assertThat(a.backend()).isEqualTo(Backend.LIBIPSEC);
        assertThat(a.running()).isTrue();
    }
}
