package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.plan.Planner;

class ConnectionDiffTest {

    static final String FILE = """
            connections:
              net:
                local_addrs: 192.0.2.1
                remote_addrs: 192.0.2.2
                version: 2
                rekey_time: 2h
                dpd_delay: 30s
                proposals: aes256-sha256-modp3072
                local: {auth: psk, id: a.example}
                remote: {auth: psk, id: b.example}
                children:
                  net:
                    local_ts: 198.18.0.0/22
                    remote_ts: 198.18.4.0/22
                    mode: tunnel
                    rekey_time: 30m
                    esp_proposals: aes128gcm16
                    ensure: loaded
            """;

    /** What charon 5.9.8's list-conns printed after FILE was loaded (captured from the lab). */
    static ViciSection listed() {
        return ViciSection.builder().addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.2")
                .add("version", "IKEv2").add("reauth_time", "0").add("rekey_time", "7200").add("unique", "UNIQUE_NO")
                .add("dpd_delay", "30")
                .beginSection("local-1").add("id", "a.example").add("class", "pre-shared key").addList("groups")
                .addList("cert_policy").addList("certs").addList("cacerts").endSection()
                .beginSection("remote-1").add("id", "b.example").add("class", "pre-shared key").addList("groups")
                .addList("cert_policy").addList("certs").addList("cacerts").endSection()
                .beginSection("children").beginSection("net").add("mode", "TUNNEL").add("rekey_time", "1800")
                .add("rekey_bytes", "0").add("rekey_packets", "0").add("dpd_action", "none")
                .add("close_action", "none").addList("local-ts", "198.18.0.0/22").addList("remote-ts", "198.18.4.0/22")
                .endSection().endSection().build();
    }

    static ConnectionConfig config(String yaml) {
        return DesiredStateLoader.parse(yaml, "t.yaml").connections().get(0);
    }

    static ViciSection desired(String yaml) {
        ConnectionConfig c = config(yaml);
        return c.toLoadConnRequest().section(c.name()).orElseThrow();
    }

    @Test
    void whatCharonListsAfterLoadingTheFileIsNoDifference() {
        assertThat(ConnectionDiff.againstCharon(desired(FILE), listed())).isEmpty();
    }

    @Test
    void eachListedOptionTheFileChangesIsOneLineWithCharonsValueFirst() {
        String changed = FILE.replace("rekey_time: 2h", "rekey_time: 4h").replace("dpd_delay: 30s", "dpd_delay: 0")
                .replace("id: b.example", "id: c.example").replace("mode: tunnel", "mode: transport")
                .replace("rekey_time: 30m", "rekey_time: 1800").replace("version: 2", "version: 1")
                .replace("remote_ts: 198.18.4.0/22", "remote_ts: 198.18.4.0/23");
        assertThat(ConnectionDiff.againstCharon(desired(changed), listed())).containsExactly(
                "version: IKEv2 -> 1",
                "rekey_time: 7200 -> 4h",
                "dpd_delay: 30 -> 0",
                "remote id (round 1): b.example -> c.example",
                "child net remote_ts: 198.18.4.0/22 -> 198.18.4.0/23",
                "child net mode: TUNNEL -> transport");
    }

    @Test
    void optionsTheFileLeavesOutOrCharonDoesNotListAreNotCompared() {
        String minimal = FILE.replace("    rekey_time: 2h\n", "").replace("    version: 2\n", "")
                .replace("    local_port: 4500\n", "");
        assertThat(ConnectionDiff.againstCharon(desired(minimal), listed())).isEmpty();
        // 5.9 does not list ports: a port in the file cannot be compared with charon
        String port = FILE.replace("    version: 2\n", "    version: 2\n    local_port: 4500\n");
        assertThat(ConnectionDiff.againstCharon(desired(port), listed())).isEmpty();
        // an identity that is a DN is printed by charon in its own way: not compared
        String dn = FILE.replace("id: a.example", "id: \"C=CH, O=Example, CN=a\"");
        assertThat(ConnectionDiff.againstCharon(desired(dn), listed())).isEmpty();
    }

    @Test
    void childrenMissingOnEitherSideAreNamed() {
        String two = FILE + """
                      other:
                        local_ts: 198.18.1.0/24
                        remote_ts: 198.18.5.0/24
                """;
        assertThat(ConnectionDiff.againstCharon(desired(two), listed()))
                .containsExactly("+ child other: not in charon's configuration");
        ViciSection more = ViciSection.builder().add("children", ViciSection.builder().addSection("net",
                listed().section("children").orElseThrow().section("net").orElseThrow())
                .addSection("gone", ViciSection.empty()).build()).build();
        ViciSection.Builder b = ViciSection.builder();
        listed().entries().forEach(e -> {
            if (!e.getKey().equals("children")) {
                b.add(e.getKey(), e.getValue());
            }
        });
        b.add("children", more.section("children").orElseThrow());
        assertThat(ConnectionDiff.againstCharon(desired(FILE), b.build()))
                .containsExactly("- child gone: in charon, not in the file");
    }

    @Test
    void optionChangesNameEachOptionThatDiffersAddedAndRemoved() {
        Map<String, String> before = Planner.desiredOptions(config(FILE));
        Map<String, String> after = Planner.desiredOptions(config(FILE.replace("aes128gcm16", "aes256gcm16-ecp384")
                .replace("    proposals: aes256-sha256-modp3072\n", "")
                .replace("ensure: loaded", "ensure: loaded\n        rekey_bytes: 1000000")));
        assertThat(ConnectionDiff.changes(before, after)).containsExactly(
                "children.net.esp_proposals: aes128gcm16 -> aes256gcm16-ecp384",
                "+ children.net.rekey_bytes: 1000000",
                "- proposals: aes256-sha256-modp3072");
        assertThat(ConnectionDiff.changes(before, Planner.desiredOptions(config(FILE)))).isEmpty();
    }

    @Test
    void withARecordEveryOptionIsComparedWithWhatWasLastLoaded() {
        Map<String, String> record = Planner.desiredOptions(config(FILE));
        String changed = FILE.replace("esp_proposals: aes128gcm16", "esp_proposals: aes256gcm16-ecp384");
        assertThat(ConnectionDiff.againstRecord(config(changed), Optional.of(record)))
                .isEqualTo(List.of("children.net.esp_proposals: aes128gcm16 -> aes256gcm16-ecp384"));
        assertThat(ConnectionDiff.againstRecord(config(changed), Optional.empty())).isEmpty();
        // charon does not list proposals, so without a record this change is invisible
        assertThat(ConnectionDiff.againstCharon(desired(changed), listed())).isEmpty();
    }

    @Test
    void timesInEveryUnitStrongSwanTakes() {
        assertThat(ConnectionDiff.seconds("90")).isEqualTo("90");
        assertThat(ConnectionDiff.seconds("90s")).isEqualTo("90");
        assertThat(ConnectionDiff.seconds("2m")).isEqualTo("120");
        assertThat(ConnectionDiff.seconds("1h")).isEqualTo("3600");
        assertThat(ConnectionDiff.seconds("1d")).isEqualTo("86400");
        assertThat(ConnectionDiff.seconds("soon")).isNull();
    }
}
