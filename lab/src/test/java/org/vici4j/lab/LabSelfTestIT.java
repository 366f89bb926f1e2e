package org.vici4j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lab itself with the host's strongSwan 5.9: {@link TwoGatewayLabChecks} and what only the 5.9 lab does. */
class LabSelfTestIT extends TwoGatewayLabChecks {
    @RegisterExtension
    static final CharonLabExtension LAB = twoGateways(false);

    @Override
    CharonLabExtension lab() {
        return LAB;
    }

    @Test
    @Order(2)
    void gatewaysHaveTheirOwnNamespacesAndAddresses() {
        assertThat(a.namespace()).isNotEqualTo(b.namespace()).startsWith(LAB.lab().name() + "-");
        assertThat(a.address()).isEqualTo("192.0.2.1");
        assertThat(b.address()).isEqualTo("192.0.2.2");
        assertThat(a.exec("ip", "-o", "addr", "show", "dev", "lo").stdout()).contains(a.host() + "/32");
        assertThat(b.exec("ip", "-o", "addr", "show", "dev", "eth0").stdout()).contains("192.0.2.2/24");
    }

    @Test
    @Order(5)
    void yamlConfigurationLoadsLikeSwanctlConf() {
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
        b.stop();
        assertThat(b.running()).isFalse();
        assertThat(b.socketPath()).doesNotExist();
        b.start();
        assertThat(b.running()).isTrue();
        assertThat(b.swanctl("--version", "--daemon").exitCode()).isZero();
    }
}
