package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.controller.config.ConfigTestSupport.parse;
import static org.vici4j.controller.config.ConfigTestSupport.problem;
import static org.vici4j.controller.config.ConfigTestSupport.problems;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vici4j.controller.testing.ConfigYaml;

/** Every kind of validation problem, with its file, line, column, path and hint. */
class ConfigValidationTest {

    private static final String VALID = "connections:\n"
            + ConfigYaml.blockConnection("net", ConfigYaml.PEER, ConfigYaml.child("net", "esp_proposals: aes128gcm16"))
            + """
            secrets:
              ike-1:
                id-1: a
                id-2: b
                secret: s3cr3t
            """;

    /** VALID with one line replaced (1-based). */
    private static String withLine(int line, String text) {
        List<String> lines = new java.util.ArrayList<>(VALID.lines().toList());
        lines.set(line - 1, text);
        return String.join("\n", lines) + "\n";
    }

    @Test
    void theBaseExampleIsValid() {
        DesiredState s = parse(VALID);
        assertThat(s.connections()).hasSize(1);
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void unknownKeySuggestsTheNearestKnownKey() {
        ConfigProblem p = problem(withLine(14, "        remote_tss: 198.18.4.0/22"));
        assertThat(p).isEqualTo(new ConfigProblem("gw.yaml", 14, 9, "connections.net.children.net.remote_tss",
                "unknown option 'remote_tss'", "did you mean remote_ts?"));
        assertThat(p.format()).isEqualTo("gw.yaml:14:9: connections.net.children.net.remote_tss: "
                + "unknown option 'remote_tss' (hint: did you mean remote_ts?)");
    }

    @Test
    void optionInTheWrongSectionSaysWhereItBelongs() {
        ConfigProblem p = problem(withLine(4, "    remote_ts: 198.18.4.0/22"));
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(5);
        assertThat(p.message()).isEqualTo("unknown option 'remote_ts'");
        assertThat(p.hint()).contains("child option");
    }

    @Test
    void controllerKeysInTheWrongPlaceSayWhereTheyBelong() {
        ConfigProblem p = problem(withLine(4, "    ensure: up"));
        assertThat(p.message()).isEqualTo("unknown option 'ensure'");
        assertThat(p.hint()).isEqualTo("ensure is a controller key of a child: set it under children.<child>");
    }

    @Test
    void misspeltSectionsAreReported() {
        ConfigProblem p = problem(withLine(11, "    chidlren:"));
        assertThat(p.line()).isEqualTo(11);
        assertThat(p.path()).isEqualTo("connections.net.chidlren");
        assertThat(p.hint()).isEqualTo("did you mean children?");

        ConfigProblem top = problem(VALID + "pool:\n  p:\n    addrs: 10.0.0.0/24\n");
        assertThat(top.line()).isEqualTo(21);
        assertThat(top.hint()).isEqualTo("did you mean pools?");
    }

    @Test
    void wrongTypesAreReported() {
        ConfigProblem bool = problem(withLine(4, "    mobike: maybe"));
        assertThat(bool.line()).isEqualTo(4);
        assertThat(bool.column()).isEqualTo(13);
        assertThat(bool.message()).isEqualTo("'maybe' is not a boolean");
        assertThat(bool.hint()).isEqualTo("use yes or no");

        ConfigProblem num = problem(withLine(4, "    keyingtries: 3x"));
        assertThat(num.message()).isEqualTo("'3x' is not a number");

        ConfigProblem section = problem("connections:\n  net:\n    children: net\n");
        assertThat(section.message()).contains("must be a section");
        assertThat(section.column()).isEqualTo(15);

        ConfigProblem list = problem(withLine(4, "    mobike: [yes, no]"));
        assertThat(list.message()).isEqualTo("mobike takes a single value, not a list of 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.256", "192.0.2.0/33", "10.0.0.1-10.0.0", "%anything", "bad host!", "2001:db8::1::2"})
    void badAddressesAreReported(String address) {
        ConfigProblem p = problem(withLine(4, "    remote_addrs: \"" + address + "\""));
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(19);
        assertThat(p.path()).isEqualTo("connections.net.remote_addrs[0]");
        assertThat(p.hint()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%any", "%any6", "192.0.2.2", "2001:db8::2", "::ffff:192.0.2.2", "192.0.2.0/24",
            "192.0.2.10-192.0.2.20", "vpn.example.com", "gw-b"})
    void goodAddressesAreAccepted(String address) {
        assertThat(parse(withLine(4, "    remote_addrs: \"" + address + "\"")).connections()).hasSize(1);
    }

    @Test
    void badSelectorsAreReportedPerListItem() {
        List<ConfigProblem> ps = problems(withLine(14,
                "        remote_ts: [198.18.4.0/22, 198.18.0.0/40, '198.18.4.0/22[tcp/70000]', 'dynamic[foo bar]', nonsense]"));
        assertThat(ps).extracting(ConfigProblem::path).containsExactly(
                "connections.net.children.net.remote_ts[1]",
                "connections.net.children.net.remote_ts[2]",
                "connections.net.children.net.remote_ts[3]",
                "connections.net.children.net.remote_ts[4]");
        assertThat(ps).extracting(ConfigProblem::line).containsOnly(14);
        assertThat(ps).extracting(ConfigProblem::column).containsExactly(36, 51, 79, 99);
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.18.4.0/22", "198.18.4.1", "dynamic", "198.18.4.10-198.18.4.20", "2001:db8::/64",
            "198.18.4.0/22[tcp/443]", "dynamic[udp]", "0.0.0.0/0[icmp/8]", "198.18.4.0/22[/8000-8080]",
            "198.18.4.0/22[17/opaque]", "198.18.4.0/22[tcp/https]"})
    void goodSelectorsAreAccepted(String ts) {
        assertThat(parse(withLine(14, "        remote_ts: '" + ts + "'")).connections()).hasSize(1);
    }

    @Test
    void commaSeparatedListsAreSplitLikeSwanctl() {
        DesiredState s = parse(withLine(14, "        remote_ts: 198.18.4.0/22,  198.18.8.0/22 ,198.18.12.0/22"));
        assertThat(s.connection("net").orElseThrow().child("net").orElseThrow().options().list("remote_ts"))
                .containsExactly("198.18.4.0/22", "198.18.8.0/22", "198.18.12.0/22");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 hour", "1w", "-5s", "1.5h", "h"})
    void badDurationsAreReported(String duration) {
        ConfigProblem p = problem(withLine(4, "    rekey_time: " + duration));
        assertThat(p.message()).isEqualTo("'" + duration + "' is not a duration");
        assertThat(p.column()).isEqualTo(17);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4h", "30m", "3600", "90s", "1d", "10 s"})
    void goodDurationsAreAccepted(String duration) {
        assertThat(parse(withLine(4, "    rekey_time: " + duration)).connections()).hasSize(1);
    }

    @Test
    void unknownEnumValuesListTheChoices() {
        ConfigProblem p = problem(withLine(15, "        mode: tunel"));
        assertThat(p.message()).isEqualTo("unknown value 'tunel'");
        assertThat(p.hint()).isEqualTo("use one of tunnel, transport, transport_proxy, beet, drop, pass, iptfs; did you mean tunnel?");

        ConfigProblem action = problem(withLine(15, "        start_action: launch"));
        assertThat(action.message()).isEqualTo("unknown action 'launch'");

        ConfigProblem ensure = problem(withLine(15, "        ensure: upp"));
        assertThat(ensure.message()).isEqualTo("unknown ensure 'upp'");
        assertThat(ensure.hint()).contains("did you mean up?");
    }

    @Test
    void actionsAcceptCharonsSpellings() {
        for (String a : List.of("none", "clear", "trap", "route", "start", "restart", "trap|start")) {
            assertThat(parse(withLine(15, "        dpd_action: '" + a + "'")).connections()).hasSize(1);
        }
    }

    @Test
    void badProposalsAndAuthMethodsAreReported() {
        ConfigProblem p = problem(withLine(15, "        esp_proposals: [aes128gcm16, 'aes128 sha256']"));
        assertThat(p.path()).isEqualTo("connections.net.children.net.esp_proposals[1]");
        ConfigProblem auth = problem(withLine(9, "      auth: passwd"));
        assertThat(auth.message()).isEqualTo("unknown authentication method 'passwd'");
        assertThat(auth.line()).isEqualTo(9);
        assertThat(auth.column()).isEqualTo(13);
    }

    @Test
    void duplicateKeysAndNamesAreReported() {
        ConfigProblem dupKey = problem(withLine(4, "    local_addrs: 192.0.2.9"));
        assertThat(dupKey.line()).isEqualTo(4);
        assertThat(dupKey.message()).isEqualTo("duplicate key 'local_addrs' (first at line 3)");

        String twoConns = VALID.replace("secrets:", """
                  net:
                    remote_addrs: 192.0.2.3
                secrets:""");
        ConfigProblem dupName = problem(twoConns);
        assertThat(dupName.line()).isEqualTo(16);
        assertThat(dupName.column()).isEqualTo(3);
        assertThat(dupName.path()).isEqualTo("connections.net");
    }

    @Test
    void allProblemsAreReportedNotJustTheFirst() {
        String yaml = VALID.replace("remote_addrs: 192.0.2.2", "remote_addrs: 192.0.2.999")
                .replace("esp_proposals: aes128gcm16", "esp_proposal: aes128gcm16")
                .replace("auth: psk\n      id: b", "auth: psk\n      idd: b");
        List<ConfigProblem> ps = problems(yaml);
        assertThat(ps).extracting(ConfigProblem::line).containsExactly(4, 10, 15);
        assertThat(ps).extracting(ConfigProblem::hint).contains("did you mean id?", "did you mean esp_proposals?");
    }

    @Test
    void yamlSyntaxErrorsHaveALocation() {
        ConfigProblem p = problem("connections:\n  net:\n    local_addrs: [192.0.2.1\n  x: y\n");
        assertThat(p.file()).isEqualTo("gw.yaml");
        assertThat(p.line()).isGreaterThan(0);
        assertThat(p.message()).startsWith("YAML syntax error");
    }

    @Test
    void emptyValuesAreReported() {
        ConfigProblem p = problem(withLine(4, "    remote_addrs:"));
        assertThat(p.message()).isEqualTo("no value for 'remote_addrs'");
        assertThat(p.hint()).contains("remove the key");
    }

    @Test
    void missingCertificateFileIsAnErrorNamingThePath() {
        String yaml = VALID.replace("      auth: psk\n      id: b", "      auth: pubkey\n      certs: certs/missing.pem");
        ConfigProblem p = problem(yaml);
        assertThat(p.path()).isEqualTo("connections.net.remote.certs[0]");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.message()).contains("certs/missing.pem").contains("no such file");
    }

    @Test
    void pskWithoutMatchingSecretIsAWarningOrAnErrorWhenStrict() {
        String yaml = VALID.replace("id-1: a\n    id-2: b", "id-1: c\n    id-2: d");
        DesiredState s = parse(yaml);
        assertThat(s.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("connections.net");
            assertThat(w.message()).contains("no ike secret").contains("a, b");
            assertThat(w.line()).isEqualTo(2);
        });
        assertThatThrownBy(() -> DesiredStateLoader.builder().strict(true).build().parseText(yaml, "gw.yaml"))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("no ike secret");

        // a secret without owners, or with a wildcard owner, covers it
        assertThat(parse(VALID.replace("id-1: a\n    id-2: b\n", "")).warnings()).isEmpty();
        assertThat(parse(VALID.replace("id-1: a", "id-1: '*'").replace("id-2: b", "id-2: x")).warnings()).isEmpty();
    }

    @Test
    void authoritiesAndCertSectionsNeedExactlyOneSource() {
        ConfigProblem p = problem(VALID + "authorities:\n  ca:\n    crl_uris: [http://crl.example.com/x.crl]\n");
        assertThat(p.path()).isEqualTo("authorities.ca");
        assertThat(p.hint()).isEqualTo("give exactly one of cacert, file, handle");

        ConfigProblem cert = problem(VALID.replace("      auth: psk\n      id: b",
                "      auth: pubkey\n      cert-1:\n        file: relative/peer.pem"));
        assertThat(cert.message()).isEqualTo("'relative/peer.pem' is not an absolute path");
    }

    @Test
    void namesMustBeSwanctlSectionNames() {
        ConfigProblem p = problem(VALID.replace("  net:\n    local_addrs", "  'my net':\n    local_addrs"));
        assertThat(p.path()).isEqualTo("connections.my net");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).isEqualTo("bad name 'my net'");
    }

    @Test
    void valuesLargerThanViciAllowsAreRejected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.write(dir.resolve("huge.pem"), new byte[70_000]);
        String yaml = VALID.replace("      auth: psk\n      id: b", "      auth: pubkey\n      certs: huge.pem");
        assertThatThrownBy(() -> DesiredStateLoader.builder().baseDirectory(dir).build().parseText(yaml, "gw.yaml"))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("gw.yaml:10:14: connections.net.remote.certs: a value is larger than VICI's limit of 65535 bytes");
    }

    @Test
    void messageListsProblemsOnePerLine() {
        String yaml = VALID.replace("remote_addrs: 192.0.2.2", "remote_addrs: 192.0.2.999")
                .replace("esp_proposals: aes128gcm16", "esp_proposal: aes128gcm16");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigValidationException.class)
                .hasMessage("invalid configuration (2 problems):\n"
                        + "gw.yaml:4:19: connections.net.remote_addrs[0]: '192.0.2.999' is not a valid IPv4 address"
                        + " (hint: each of the 4 parts must be 0-255)\n"
                        + "gw.yaml:15:9: connections.net.children.net.esp_proposal: unknown option 'esp_proposal'"
                        + " (hint: did you mean esp_proposals?)");
    }

    @Test
    void stateBuiltInCodeIsValidatedToo() {
        DesiredState.Builder b = DesiredState.builder()
                .connection(ConnectionConfig.builder("net").option("remote_adrs", "192.0.2.2")
                        .child(ChildConfig.builder("net").option("mode", "tunel").build()).build());
        assertThatThrownBy(b::build).isInstanceOfSatisfying(ConfigValidationException.class, e -> {
            assertThat(e.problems()).extracting(ConfigProblem::path)
                    .containsExactly("connections.net.remote_adrs", "connections.net.children.net.mode");
            assertThat(e.problems()).extracting(ConfigProblem::file).containsOnlyNulls();
            assertThat(e.getMessage()).contains("connections.net.remote_adrs: unknown option 'remote_adrs' (hint: did you mean remote_addrs?)");
        });
    }
}
