package org.vici4j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lab itself, against two real charon daemons joined by a veth pair. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSelfTestIT {
    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC)
            .gateway("b", Backend.LIBIPSEC)
            .build();

    private static void loadTunnel(Gateway local, Gateway remote) {
        local.loadSwanctlConf(TunnelConfig.psk("net", local, remote).toSwanctlConf());
    }

    @Test
    @Order(1)
    void bothDaemonsAnswerVersionOverTheirOwnSockets() {
        for (Gateway gw : LAB.lab().gateways()) {
            assertThat(gw.socketPath()).exists();
            ProcessResult r = gw.swanctl("--version", "--daemon", "--raw");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.stdout()).containsPattern("daemon=charon").containsPattern("version=5\\.\\d+\\.\\d+");
        }
        assertThat(LAB.gateway("a").socketPath()).isNotEqualTo(LAB.gateway("b").socketPath());
    }

    @Test
    @Order(2)
    void gatewaysHaveTheirOwnNamespacesAndAddresses() {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        assertThat(a.namespace()).isNotEqualTo(b.namespace()).startsWith(LAB.lab().name() + "-");
        assertThat(a.address()).isEqualTo("192.0.2.1");
        assertThat(b.address()).isEqualTo("192.0.2.2");
        assertThat(a.exec("ip", "-o", "addr", "show", "dev", "lo").stdout()).contains(a.host() + "/32");
        assertThat(b.exec("ip", "-o", "addr", "show", "dev", "eth0").stdout()).contains("192.0.2.2/24");
    }

    @Test
    @Order(3)
    void tunnelInitiatedWithSwanctlIsInstalledAndCarriesTraffic() {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
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
    void initiatorOnNetlinkFailsToInstallTheChildSaForReal() {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
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
        } finally {
            a.restart(Backend.LIBIPSEC);
        }
        assertThat(a.backend()).isEqualTo(Backend.LIBIPSEC);
        assertThat(a.running()).isTrue();
    }

    @Test
    @Order(5)
    void yamlConfigurationLoadsLikeSwanctlConf() {
        Gateway a = LAB.gateway("a");
        a.loadYaml("""
                connections:
                  fromyaml:
                    local_addrs: [192.0.2.1]
                    remote_addrs: [192.0.2.2, 192.0.2.9]
                    rekey_time: 2h
                    unique: never
                    proposals: [aes256-sha256-x25519, aes128-sha256-x25519]
                    local:
                      auth: psk
                      id: a
                    remote:
                      auth: psk
                      id: b
                    children:
                      fromyaml:
                        local_ts: [198.18.0.0/22]
                        remote_ts: [198.18.4.0/22]
                        start_action: none
                        hw_offload: no
                        copy_dscp: yes
                secrets:
                  ike-yaml:
                    id-1: a
                    secret: "with spaces and # hash"
                """);
        ProcessResult conns = a.swanctl("--list-conns");
        assertThat(conns.stdout()).contains("fromyaml: IKEv1/2").contains("local:  198.18.0.0/22")
                .contains("remote: 198.18.4.0/22");
        assertThat(a.swanctl("--list-conns", "--raw").stdout())
                .contains("remote_addrs=[192.0.2.2 192.0.2.9]").contains("rekey_time=7200")
                .contains("unique=UNIQUE_NEVER");
    }

    @Test
    @Order(6)
    void stoppedGatewayRemovesItsSocketAndStartsAgain() {
        Gateway b = LAB.gateway("b");
        b.stop();
        assertThat(b.running()).isFalse();
        assertThat(b.socketPath()).doesNotExist();
        b.start();
        assertThat(b.running()).isTrue();
        assertThat(b.swanctl("--version", "--daemon").exitCode()).isZero();
    }
}
