package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredStateLoader;

class AppliedConfigTest {

    static final String CONN = """
            connections:
              net:
                local_addrs: 192.0.2.1
                remote_addrs: 192.0.2.2
                proposals: [aes256-sha256-modp3072]
                local: {auth: psk, id: a}
                remote: {auth: psk, id: b}
                children:
                  net:
                    local_ts: [198.18.0.0/24, 198.18.1.0/24]
                    remote_ts: 198.18.4.0/22
                    esp_proposals: aes128gcm16
                    ensure: up
            """;

    static Map<String, String> view(String yaml) {
        ConnectionConfig c = DesiredStateLoader.parse(yaml, "t.yaml").connections().get(0);
        return AppliedConfig.flatten(c.toLoadConnRequest().section(c.name()).orElseThrow());
    }

    @Test
    void flattensNestedSectionsAndJoinsLists() {
        Map<String, String> v = view(CONN);
        assertThat(v).containsEntry("proposals", "aes256-sha256-modp3072").containsEntry("local.id", "a")
                .containsEntry("children.net.local_ts", "198.18.0.0/24, 198.18.1.0/24")
                .containsEntry("children.net.esp_proposals", "aes128gcm16");
    }

    @Test
    void showsKeyMaterialAsAFingerprintAndNeverASecret() {
        byte[] cert = "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.UTF_8);
        ViciSection s = ViciSection.builder().beginSection("local").add("auth", "pubkey")
                .beginList("certs").endList().endSection().add("secret", "s3cr3t").add("blob", new byte[] {(byte) 0xff, 0})
                .build();
        Map<String, String> v = AppliedConfig.flatten(s);
        assertThat(v).containsEntry("secret", "<redacted>").containsEntry("local.certs", "");
        assertThat(v.get("blob")).matches("sha256:[0-9a-f]{16} \\(2 bytes\\)");
        Map<String, String> withCert = AppliedConfig.flatten(ViciSection.builder()
                .add("certs", ViciList.of(List.of(ViciValue.of(cert))))
                .build());
        assertThat(withCert.get("certs")).startsWith("sha256:").endsWith("(" + cert.length + " bytes)")
                .doesNotContain("BEGIN");
        assertThat(v.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void theOwnershipFileKeepsWhatWasAppliedAcrossRestartsAndForgetsItOnRemoval(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("owned.json");
        OwnershipStore s = OwnershipStore.open(file, "me");
        s.add(OwnershipStore.Kind.CONNECTIONS, "net");
        s.recordApplied("net", view(CONN));
        OwnershipStore again = OwnershipStore.open(file, "me");
        assertThat(again.applied("net")).contains(view(CONN));
        assertThat(again.applied("other")).isEmpty();
        again.remove(OwnershipStore.Kind.CONNECTIONS, "net");
        assertThat(OwnershipStore.open(file, "me").applied("net")).isEmpty();
        assertThat(Files.readString(file)).doesNotContain("aes128gcm16");
    }
}
