package org.vici4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.SecretValue;
import org.vici4j.controller.config.SharedSecret;

class DesiredStateInCodeTest {

    private static DesiredState lab() {
        return DesiredStateInCode.tunnel("192.0.2.1", "192.0.2.2", "198.18.0.0/22", "198.18.4.0/22", "a", "b",
                SecretValue.ofUtf8("example-psk"));
    }

    @Test
    void buildsAValidStateWithoutWarnings() {
        DesiredState s = lab();
        assertThat(s.warnings()).isEmpty();
        assertThat(s.controller().owner()).isEqualTo("in-code-example");
        assertThat(s.retryPolicy("net").max()).isEqualTo(Duration.ofMinutes(1));
        ConnectionConfig net = s.connection("net").orElseThrow();
        assertThat(net.child("net").orElseThrow().ensure()).isEqualTo(Ensure.UP);
        SharedSecret psk = (SharedSecret) s.secrets().get(0);
        assertThat(psk.owners()).containsExactly("a", "b");
        assertThat(psk.toString()).doesNotContain("example-psk");
    }

    @Test
    void sendsWhatTheEquivalentYamlSends() {
        DesiredState yaml = DesiredStateLoader.parse("""
                connections:
                  net:
                    local_addrs: 192.0.2.1
                    remote_addrs: 192.0.2.2
                    dpd_delay: 30s
                    local: {auth: psk, id: a}
                    remote: {auth: psk, id: b}
                    children:
                      net:
                        local_ts: 198.18.0.0/22
                        remote_ts: 198.18.4.0/22
                        esp_proposals: aes128gcm16
                        ensure: up
                secrets:
                  ike-net: {id-1: a, id-2: b, secret: example-psk}
                """, "net.yaml");
        ViciSection inCode = lab().connection("net").orElseThrow().toLoadConnRequest();
        assertThat(inCode).isEqualTo(yaml.connection("net").orElseThrow().toLoadConnRequest());
        assertThat(inCode.section("net").orElseThrow().list("remote_addrs")).containsExactly("192.0.2.2");
        assertThat(lab().secrets().get(0).toRequest()).isEqualTo(yaml.secrets().get(0).toRequest());
    }

    @Test
    void invalidValuesAreRejectedWithThePathOfTheProblem() {
        assertThatThrownBy(() -> DesiredStateInCode.tunnel("192.0.2.1", "192.0.2.999", "198.18.0.0/22",
                "198.18.4.0/33", "a", "b", SecretValue.ofUtf8("example-psk")))
                .isInstanceOf(ConfigValidationException.class)
                .satisfies(e -> assertThat(((ConfigValidationException) e).problems())
                        .extracting(p -> p.path()).anyMatch(p -> p.startsWith("connections.net.remote_addrs"))
                        .anyMatch(p -> p.startsWith("connections.net.children.net.remote_ts")))
                .hasMessageNotContaining("example-psk");
        assertThat(List.of(lab().connections().get(0).name())).containsExactly("net");
    }
}
