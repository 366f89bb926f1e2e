package org.vici4j.controller.config.swanctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.PrivateKeySecret;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.config.swanctl.internal.Settings;
import org.vici4j.controller.config.swanctl.internal.SettingsParser;

/** strongSwan's settings syntax as swanctl reads it (docs/cli.md, "swanctl.conf"), and its conversion. */
class SwanctlConfTest {

    @TempDir
    Path dir;

    private Settings parse(String text, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        return SettingsParser.parseText(text, "swanctl.conf", dir, problems, warnings);
    }

    private Settings parseOk(String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        Settings s = parse(text, problems, new ArrayList<>());
        assertThat(problems).isEmpty();
        return s;
    }

    private static String value(Settings root, String path) {
        String[] parts = path.split("\\.");
        Settings s = root;
        for (int i = 0; i < parts.length - 1; i++) {
            s = s.section(parts[i]);
        }
        Settings.KeyValue kv = s.value(parts[parts.length - 1]);
        return kv == null ? null : kv.value();
    }

    @Test
    void commentsBlanksAndQuotesAreLexedAsSwanctlDoes() {
        Settings s = parseOk("""
                a {
                  id = @#0a0b
                  spaced =   one    two\tthree   # comment
                  joined = "sec""ret"
                  esc = "q\\"b\\\\s\\tt\\nn\\x"
                  cont = "ab\\
                cd"
                  multi = "line1
                line2"
                  one { auth = psk }  two { auth = pubkey }
                }\r
                b { c = d }""");
        assertThat(value(s, "a.id")).isEqualTo("@");
        assertThat(value(s, "a.spaced")).isEqualTo("one two three");
        assertThat(value(s, "a.joined")).isEqualTo("sec ret");
        assertThat(value(s, "a.esc")).isEqualTo("q\"b\\s\tt\nnx");
        assertThat(value(s, "a.cont")).isEqualTo("abcd");
        assertThat(value(s, "a.multi")).isEqualTo("line1\nline2");
        assertThat(value(s, "a.one.auth")).isEqualTo("psk");
        assertThat(value(s, "a.two.auth")).isEqualTo("pubkey");
        assertThat(value(s, "b.c")).isEqualTo("d");
    }

    @Test
    void aSecondKeyOnOneLineIsPartOfTheFirstValue() {
        assertThat(value(parseOk("a { auth = psk id = x }"), "a.auth")).isEqualTo("psk id = x");
    }

    @Test
    void sectionsMergeLaterValuesWinAndReferencesInherit() {
        Settings s = parseOk("""
                connections {
                  base { version = 2
                    local_addrs = 192.0.2.1
                    local { auth = psk }
                  }
                  gw : connections.base {
                    remote_addrs = 192.0.2.2
                    version =
                  }
                }
                connections {
                  gw { remote_addrs = 192.0.2.3 }
                }
                """);
        assertThat(value(s, "connections.gw.remote_addrs")).isEqualTo("192.0.2.3");
        assertThat(value(s, "connections.gw.local_addrs")).isEqualTo("192.0.2.1");
        assertThat(value(s, "connections.gw.version")).as("cleared by 'version ='").isNull();
        assertThat(value(s, "connections.gw.local.auth")).isEqualTo("psk");
    }

    @Test
    void includesWithGlobsAreRelativeToTheIncludingFileAndMissingOnesWarn() throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/b.conf"), "b { x = 2 }\n");
        Files.writeString(dir.resolve("conf.d/a.conf"), "a { x = 1 }\ninclude nested.inc\n");
        Files.writeString(dir.resolve("conf.d/nested.inc"), "n = 3\n");
        Files.writeString(dir.resolve("conf.d/skip.txt"), "broken {\n");
        List<ConfigProblem> warnings = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Settings s = parse("""
                top {
                  include conf.d/*.conf
                  include none/*.conf
                }
                """, problems, warnings);
        assertThat(problems).isEmpty();
        assertThat(value(s, "top.a.x")).isEqualTo("1");
        assertThat(value(s, "top.b.x")).isEqualTo("2");
        assertThat(value(s, "top.n")).isEqualTo("3");
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.format()).startsWith("swanctl.conf:3:3: include 'none/*.conf' matches no file");
        });
    }

    @Test
    void syntaxErrorsNameFileLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("bad.conf"), "ok = 1\n\n  \"quoted\" { }\n");
        List<ConfigProblem> problems = new ArrayList<>();
        parse("""
                a {
                  b c
                  include bad.conf
                  d {
                """, problems, new ArrayList<>());
        assertThat(problems).extracting(ConfigProblem::format).containsExactly(
                "swanctl.conf:2:3: expected '=' or '{' after 'b' (hint: write 'key = value' or 'name {' (a name cannot"
                        + " hold blanks))",
                dir.resolve("bad.conf") + ":3:3: a section or key name cannot be quoted (hint: write the name without"
                        + " quotes)",
                "swanctl.conf:5:1: section 'd' opened at line 4 is not closed (hint: add a '}' at the end of the"
                        + " section)",
                "swanctl.conf:5:1: section 'a' opened at line 1 is not closed (hint: add a '}' at the end of the"
                        + " section)");
    }

    @Test
    void includeLoopsAndSpecialFilesAreRefused() throws Exception {
        Files.writeString(dir.resolve("loop.conf"), "include loop.conf\n");
        List<ConfigProblem> problems = new ArrayList<>();
        SettingsParser.parseFile(dir.resolve("loop.conf"), problems, new ArrayList<>());
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("include loop"));
        problems.clear();
        parse("include /dev/zero\n", problems, new ArrayList<>());
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("not a regular file"));
    }

    private static final String SITE = """
            # site-to-site
            connections {
              gw {
                local_addrs = 192.0.2.1
                remote_addrs = 192.0.2.2
                proposals = aes256-sha256-modp2048, default
                local { auth = pubkey
                        certs = gwCert.pem }
                remote { auth = pubkey
                         id = "C=CH, O=lab, CN=peer" }
                children {
                  net { local_ts = 198.18.0.0/22
                        remote_ts = 198.18.4.0/22
                        esp_proposals = aes128gcm16 }
                }
              }
            }
            secrets {
              ike-1 {
                id-a = a
                id-b = b
                secret = 0x736563726574
              }
              private-gw {
                file = gwKey.pem
                secret = ignored-passphrase
              }
              foo-bar { secret = x }
            }
            pools { p4 { addrs = 10.3.0.0/24
                         dns = 10.3.0.1, 10.3.0.2 } }
            authorities { ca { cacert = caCert.pem
                               crl_uris = http://crl.example/ca.crl } }
            other { ignored = yes }
            """;

    private void credentials() throws Exception {
        Files.createDirectories(dir.resolve("x509"));
        Files.createDirectories(dir.resolve("x509ca"));
        Files.createDirectories(dir.resolve("private"));
        Files.writeString(dir.resolve("x509/gwCert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("x509ca/caCert.pem"), "-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("private/gwKey.pem"), "-----BEGIN PRIVATE KEY-----\nCCCC\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void aSwanctlConfBecomesTheDesiredStateWithSwanctlsMeaning() throws Exception {
        credentials();
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, SITE);
        DesiredState state = DesiredStateLoader.load(conf);
        ConnectionConfig gw = state.connection("gw").orElseThrow();
        assertThat(gw.options().get("proposals")).contains(ViciList.ofStrings(List.of("aes256-sha256-modp2048", "default")));
        assertThat(gw.localAuths().get(0).options().get("certs")).contains(ViciList.of(List.of(
                ViciValue.of(Files.readAllBytes(dir.resolve("x509/gwCert.pem"))))));
        assertThat(gw.remoteAuths().get(0).options().string("id")).contains("C=CH, O=lab, CN=peer");
        assertThat(gw.child("net").orElseThrow().options().get("local_ts")).contains(ViciList.ofStrings(List.of("198.18.0.0/22")));
        SharedSecret ike = (SharedSecret) state.secrets().stream().filter(s -> s.name().equals("ike-1")).findFirst().orElseThrow();
        assertThat(new String(ike.data().bytes(), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThat(ike.owners()).containsExactly("a", "b");
        PrivateKeySecret key = (PrivateKeySecret) state.secrets().stream()
                .filter(s -> s.name().equals("private-gwKey_pem")).findFirst().orElseThrow();
        assertThat(key.type()).isEqualTo(PrivateKeySecret.KeyType.ANY);
        assertThat(state.secrets()).hasSize(2);
        assertThat(state.pools()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("p4"));
        assertThat(state.authorities()).singleElement().satisfies(a -> assertThat(a.options().get("cacert"))
                .contains(ViciValue.of(Files.readAllBytes(dir.resolve("x509ca/caCert.pem")))));
        assertThat(state.warnings()).extracting(ConfigProblem::message).contains(
                "secret 'foo-bar' of unknown kind ignored", "top-level section 'other' ignored");
    }

    @Test
    void whatTheDesiredStateCannotHoldIsRefusedNamingTheFile() throws Exception {
        credentials();
        Files.writeString(dir.resolve("x509ca/other.pem"), "-----BEGIN CERTIFICATE-----\nDDDD\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("private/enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nEEEE\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n");
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, SITE);
        assertThatThrownBy(() -> DesiredStateLoader.load(conf)).isInstanceOfSatisfying(ConfigValidationException.class,
                e -> assertThat(e.problems()).extracting(ConfigProblem::format).containsExactlyInAnyOrder(
                        dir.resolve("private/enc.pem") + ": the private key is encrypted; vici4j does not decrypt keys"
                                + " (hint: store it decrypted with restrictive permissions (openssl pkey -in F -out"
                                + " F.dec), or keep it on a token (token-* secret))",
                        dir.resolve("x509ca/other.pem") + ": a x509ca certificate that no connection or authority"
                                + " references (hint: the desired state loads certificates as connections (certs,"
                                + " cacerts, pubkeys) and authorities (cacert) reference them: reference it there, or"
                                + " load the directories once with 'vici load-creds')"));
        // without the credential directories (vici load-*): accepted, the keys left to the command
        DesiredState s = DesiredStateLoader.builder().swanctlDirectoryCredentials(false).build().loadAll(List.of(conf));
        assertThat(s.secrets()).extracting(x -> x.name()).containsExactly("ike-1");
    }

    @Test
    void unknownOptionsAreRefusedWithTheirLine() throws Exception {
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, "connections {\n  a {\n    remote_adrs = 192.0.2.2\n  }\n}\n");
        assertThatThrownBy(() -> DesiredStateLoader.load(conf)).isInstanceOfSatisfying(ConfigValidationException.class,
                e -> assertThat(e.problems().get(0).format()).startsWith(conf + ":3:5: connections.a.remote_adrs:"));
    }

    @Test
    void valuesOfStrongSwansOwnTestScenariosAreAccepted() throws Exception {
        // testing/tests/ikev2/*: a pool of one address, RSASSA-PSS authentication
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, """
                connections {
                  home {
                    remote_addrs = 192.0.2.1
                    vips = 0.0.0.0
                    local {
                      auth = rsa/pss-sha384
                      certs = carolCert.pem
                    }
                    remote { auth = pubkey }
                  }
                }
                pools { carol-vip { addrs = 10.3.0.1 } }
                # strongSwan 6.0's options
                connections { six { ocsp = both
                  children { t { mode = iptfs
                                 icmp = yes
                                 per_cpu_sas = encap } } } }
                """);
        Files.createDirectories(dir.resolve("x509"));
        Files.writeString(dir.resolve("x509/carolCert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        DesiredState s = DesiredStateLoader.load(conf);
        assertThat(s.connection("home").orElseThrow().localAuths().get(0).auth()).isEqualTo("rsa/pss-sha384");
        assertThat(s.pools()).singleElement().satisfies(p -> assertThat(p.options().string("addrs")).contains("10.3.0.1"));
    }

    @Test
    void detectionByNameOrContent() {
        assertThat(DesiredStateLoader.isSwanctlConf(Path.of("x.conf"), "connections:\n")).isTrue();
        assertThat(DesiredStateLoader.isSwanctlConf(Path.of("x.yaml"), "connections {\n")).isFalse();
        assertThat(DesiredStateLoader.isSwanctlConf(Path.of("x"), "# c\nconnections {\n")).isTrue();
        assertThat(DesiredStateLoader.isSwanctlConf(Path.of("x"), "include conf.d/*.conf\n")).isTrue();
        assertThat(DesiredStateLoader.isSwanctlConf(Path.of("x"), "connections:\n  a: {}\n")).isFalse();
    }
}
