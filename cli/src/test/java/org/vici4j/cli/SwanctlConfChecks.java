package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.client.ViciClient;
import org.vici4j.client.message.ViciSection;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;
import org.vici4j.lab.ProcessResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * swanctl.conf files loaded three ways into three real charons: swanctl --load-all into a, {@code vici load-all}
 * into b, {@code vici apply -f swanctl.conf} (the controller's reading) and then {@code vici import}'s YAML into c.
 * All must leave charon with the same list-conns, get-pools, list-authorities, get-shared and get-keys.
 */
abstract class SwanctlConfChecks {

    abstract CharonLabExtension lab();

    private Path dir;

    @BeforeEach
    void freshGateways() throws Exception {
        for (String g : List.of("a", "b", "c")) {
            lab().gateway(g).restart();
        }
        dir = Files.createTempDirectory("swanctl-conf");
    }

    static final String SITE = """
            # site-to-site with PSK; the secret comes from an included file
            connections {
              site {
                version = 2
                local_addrs = 192.0.2.1
                remote_addrs = 192.0.2.2
                proposals = aes256-sha256-modp2048, aes128gcm16-prfsha256-ecp256
                dpd_delay = 30s
                local {
                  auth = psk
                  id = gw-a
                }
                remote {
                  auth = psk
                  id = gw-b
                }
                children {
                  net {
                    local_ts = 198.18.0.0/22
                    remote_ts = 198.18.4.0/22, 198.18.8.0/22
                    esp_proposals = aes128gcm16
                    rekey_time = 1h
                  }
                  dns { local_ts = 198.18.0.1[17/53]
                        remote_ts = 198.18.4.0/22 }
                }
              }
            }
            secrets {
              include secrets.d/*.conf
            }
            """;

    static final String SITE_SECRET = """
            ike-site {
              id-a = gw-a
              id-b = gw-b
              secret = 0x736974652d736563726574
            }
            """;

    static final String ROADWARRIOR = """
            connections {
              rw {
                local_addrs = 192.0.2.1
                pools = rw-v4, rw-range
                send_certreq = no
                local {
                  auth = psk
                  id = gw.example
                }
                remote {
                  auth = eap-mschapv2
                  eap_id = %any
                }
                children {
                  rw {
                    local_ts = 0.0.0.0/0
                  }
                }
              }
            }
            secrets {
              eap-carol {
                id = carol
                secret = "carol's \\"pass\\" word"
              }
              eap-dave {
                id = dave
                secret = 0sZGF2ZS1wYXNz
              }
              ike-gw {
                id = gw.example
                secret = gw-psk-secret
              }
            }
            pools {
              rw-v4 {
                addrs = 10.3.0.0/28
                dns = 10.3.0.1, 10.3.0.2
              }
              rw-range {
                addrs = 10.4.0.10-10.4.0.20
              }
              rw-one {
                addrs = 10.5.0.1
              }
            }
            """;

    static final String CERTS = """
            connections {
              cert {
                local_addrs = 192.0.2.1
                remote_addrs = 192.0.2.2
                local {
                  auth = pubkey
                  certs = gwCert.pem
                  id = "CN=gw.example"
                }
                remote {
                  auth = pubkey
                  id = "CN=peer.example"
                  cacerts = caCert.pem
                }
                children {
                  net {
                    local_ts = 198.18.0.0/22
                    remote_ts = 198.18.4.0/22
                  }
                }
              }
            }
            authorities {
              lab-ca {
                cacert = caCert.pem
                crl_uris = http://crl.example/ca.crl
              }
            }
            """;

    @Test
    void siteToSite() throws Exception {
        writeSiteSecret();
        compareAllWays(SITE, 1, "site", "net", "dns", "ike-site");
    }

    @Test
    void roadwarriorWithPoolsAndEap() throws Exception {
        compareAllWays(ROADWARRIOR, 1, "rw", "rw-v4", "rw-range", "rw-one={base=10.5.0.1", "eap-carol", "eap-dave", "ike-gw",
                "EAP_MSCHAPV2");
    }

    @Test
    void certificatesAndKeysFromTheCredentialDirectories() throws Exception {
        for (String d : List.of("x509", "x509ca", "private", "ecdsa")) {
            Files.createDirectories(dir.resolve(d));
        }
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=Lab CA",
                "-keyout", dir.resolve("caKey.pem").toString(), "-out", dir.resolve("x509ca/caCert.pem").toString());
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-out", dir.resolve("private/gwKey.pem").toString());
        openssl("req", "-new", "-key", dir.resolve("private/gwKey.pem").toString(), "-subj", "/CN=gw.example",
                "-out", dir.resolve("gw.csr").toString());
        openssl("x509", "-req", "-in", dir.resolve("gw.csr").toString(), "-CA", dir.resolve("x509ca/caCert.pem").toString(),
                "-CAkey", dir.resolve("caKey.pem").toString(), "-set_serial", "2", "-days", "30",
                "-out", dir.resolve("x509/gwCert.pem").toString());
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", dir.resolve("ecdsa/ecKey.pem").toString());
        compareAllWays(CERTS, 1, "cert", "lab-ca", "CN=gw.example", "http://crl.example/ca.crl");
        ViciProcess.Result certs = ViciProcess.run("--uri", lab().gateway("b").viciUri(), "list-certs");
        assertThat(certs.out()).contains("CN=Lab CA").contains("CN=gw.example");
    }

    @Test
    void loadConnsUnloadsWhatTheFileNoLongerHasAsSwanctlDoes() throws Exception {
        Path conf = siteLoadedBySwanctl();
        Gateway a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        assertThat(vici(b, "load-all", "--file", conf.toString()).exit()).isZero();
        Files.writeString(conf, SITE.replace("site {", "site2 {"));
        ProcessResult s = a.swanctl("--load-conns", "--file", conf.toString());
        ViciProcess.Result v = vici(b, "load-conns", "--file", conf.toString());
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(s.output()).contains("successfully loaded 1 connections, 1 unloaded");
        assertThat(v.out()).isEqualTo("loaded connection 'site2'\nsuccessfully loaded 1 connections, 1 unloaded\n");
        assertThat(snapshot(b)).isEqualTo(snapshot(a));
        // -o json: the same loading, said as data
        Files.writeString(conf, SITE.replace("site {", "site3 {"));
        assertThat(a.swanctl("--load-conns", "--file", conf.toString()).succeeded()).isTrue();
        ViciProcess.Result json = vici(b, "load-conns", "--file", conf.toString(), "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode conns = Fixtures.parse(json.out()).path("connections");
        assertThat(conns.path("loaded").toString()).isEqualTo("[\"site3\"]");
        assertThat(conns.path("unloaded").toString()).isEqualTo("[\"site2\"]");
        assertThat(conns.path("failed").size()).isZero();
        assertThat(snapshot(b)).isEqualTo(snapshot(a));
        ViciProcess.Result creds = vici(b, "load-creds", "--file", conf.toString(), "-o", "json");
        assertThat(creds.exit()).as(creds.toString()).isZero();
        assertThat(Fixtures.parse(creds.out()).path("shared").path("loaded").toString()).isEqualTo("[\"ike-site\"]");
        assertThat(creds.out() + creds.err()).doesNotContain("736974652d736563726574").doesNotContain("site-secret");
    }

    @Test
    void theControllerKeepsASwanctlConfLoadedAndFollowsItsChanges() throws Exception {
        Path conf = siteLoadedBySwanctl();
        Gateway a = lab().gateway("a");
        Gateway c = lab().gateway("c");
        String expected = snapshot(a);
        ViciProcess controller = ViciProcess.start("--uri", c.viciUri(), "controller", "-f", conf.toString(),
                "--status-file", dir.resolve("status/status.json").toString());
        try {
            controller.awaitStderr("controller started", Duration.ofSeconds(30));
            awaitSnapshot(c, expected);
            // an edit of the file: the controller reloads it and charon follows, as swanctl would have it
            Files.writeString(conf, SITE.replace("rekey_time = 1h", "rekey_time = 2h"));
            assertThat(a.swanctl("--load-all", "--noprompt", "--file", conf.toString()).succeeded()).isTrue();
            String changed = snapshot(a);
            assertThat(changed).isNotEqualTo(expected).contains("rekey_time=7200");
            awaitSnapshot(c, changed);
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(controller.process().pid())).start().waitFor();
            ViciProcess.Result end = controller.await(Duration.ofSeconds(30));
            assertThat(end.exit()).as(end.toString()).isZero();
        }
    }

    @Test
    void theControllerFollowsAnIncludedFileANewMatchOfTheGlobAndRefusesABrokenOne() throws Exception {
        // swanctl's usual layout: swanctl.conf only includes; the connections are in conf.d/*.conf
        Files.createDirectories(dir.resolve("secrets.d"));
        Files.writeString(dir.resolve("secrets.d/secret.conf"), SITE_SECRET);
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        String site = SITE.substring(SITE.indexOf("  site {"), SITE.indexOf("}\nsecrets {"));
        Files.writeString(confD.resolve("site.conf"), site);
        Path conf = write("connections {\n  include conf.d/*.conf\n}\nsecrets {\n  include secrets.d/*.conf\n}\n");
        Gateway a = lab().gateway("a");
        Gateway c = lab().gateway("c");
        assertThat(a.swanctl("--load-all", "--noprompt", "--file", conf.toString()).succeeded()).isTrue();
        String expected = snapshot(a);
        assertThat(expected).contains("site=");
        ViciProcess controller = ViciProcess.start("--uri", c.viciUri(), "controller", "-f", conf.toString(),
                "--status-file", dir.resolve("status/status.json").toString());
        try {
            controller.awaitStderr("controller started", Duration.ofSeconds(30));
            awaitSnapshot(c, expected);

            // the included file edited: reloaded (no SIGHUP), and charon follows as swanctl --load-all has it
            Files.writeString(confD.resolve("site.conf"), site.replace("rekey_time = 1h", "rekey_time = 2h"));
            controller.awaitStderr("vici: site.conf changed: reloaded 3 files: 1 connection changed (changed site)",
                    Duration.ofSeconds(10));
            assertThat(a.swanctl("--load-all", "--noprompt", "--file", conf.toString()).succeeded()).isTrue();
            String changed = snapshot(a);
            assertThat(changed).isNotEqualTo(expected).contains("rekey_time=7200");
            awaitSnapshot(c, changed);

            // a new file matching the glob: its connection is loaded
            Files.writeString(confD.resolve("site2.conf"), site.replace("site {", "site2 {")
                    .replace("remote_addrs = 192.0.2.2", "remote_addrs = 192.0.2.3"));
            controller.awaitStderr("vici: site2.conf created: reloaded 4 files: 1 connection changed (added site2)",
                    Duration.ofSeconds(10));
            assertThat(a.swanctl("--load-all", "--noprompt", "--file", conf.toString()).succeeded()).isTrue();
            String withSite2 = snapshot(a);
            assertThat(withSite2).contains("site2=");
            awaitSnapshot(c, withSite2);

            // a broken included file: refused with its file and line, the previous desired state stays in charon
            Files.writeString(confD.resolve("site2.conf"), "site2 {\n  version = 2\n");
            controller.awaitStderr("vici: site2.conf changed: reload refused: invalid configuration (1 problem): "
                    + confD.resolve("site2.conf") + ":3:1: section 'site2' opened at line 1 is not closed",
                    Duration.ofSeconds(10));
            Thread.sleep(1000);
            assertThat(snapshot(c)).isEqualTo(withSite2);
            assertThat(controller.stderr()).doesNotContain("SIGHUP:"); // all by the watcher
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(controller.process().pid())).start().waitFor();
            ViciProcess.Result end = controller.await(Duration.ofSeconds(30));
            assertThat(end.exit()).as(end.toString()).isZero();
        }
    }

    private static void awaitSnapshot(Gateway g, String expected) throws InterruptedException {
        String seen = null;
        for (int i = 0; i < 100 && !expected.equals(seen); i++) {
            if (i > 0) {
                Thread.sleep(200);
            }
            seen = snapshot(g);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void strongSwan6OptionsLoadWhereCharonKnowsThemAndFailAlikeWhereNot() throws Exception {
        Path conf = write("""
                connections {
                  six {
                    remote_addrs = 192.0.2.2
                    ocsp = both
                    local { auth = pubkey }
                    remote { auth = pubkey }
                    children {
                      t { mode = iptfs
                          icmp = yes }
                      p { per_cpu_sas = encap
                          start_action = trap }
                    }
                  }
                }
                """);
        Gateway a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        ProcessResult s = a.swanctl("--load-conns", "--file", conf.toString());
        ViciProcess.Result v = vici(b, "load-conns", "--file", conf.toString());
        boolean six = lab().runsStrongSwan6();
        assertThat(s.succeeded()).as(s.output()).isEqualTo(six);
        assertThat(v.exit()).as(v.toString()).isEqualTo(six ? 0 : 1);
        assertThat(six ? v.out() : v.err()).contains(six ? "loaded connection 'six'" : "loading connection 'six' failed:");
        assertThat(snapshot(b)).isEqualTo(snapshot(a));
        if (six) {
            assertThat(snapshot(b)).contains("mode=IPTFS");
        }
    }

    @Test
    void anInvalidFileLoadsNothingAndSaysWhere() throws Exception {
        Path conf = write(SITE.replace("dpd_delay = 30s", "dpd_dealy = 30s"));
        Gateway b = lab().gateway("b");
        ViciProcess.Result v = vici(b, "load-all", "--file", conf.toString());
        assertThat(v.exit()).isEqualTo(2);
        assertThat(v.err()).contains(conf + ":8:5: connections.site.dpd_dealy: unknown option 'dpd_dealy'");
        assertThat(snapshot(b)).contains("conns=[]");
    }

    /** Loads the file all ways; {@code seen} must show in charon's state (so that equal is not equally empty). */
    private void compareAllWays(String text, int connections, String... seen) throws Exception {
        Path conf = write(text);
        Gateway a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        Gateway c = lab().gateway("c");
        ProcessResult s = a.swanctl("--load-all", "--noprompt", "--file", conf.toString());
        assertThat(s.succeeded()).as(s.output()).isTrue();
        ViciProcess.Result v = vici(b, "load-all", "--file", conf.toString());
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.out()).contains("successfully loaded " + connections + " connections, 0 unloaded");
        assertThat(v.out() + v.err()).doesNotContain("gw-psk-secret").doesNotContain("site-secret");
        String expected = snapshot(a);
        assertThat(expected).contains(seen);
        assertThat(snapshot(b)).isEqualTo(expected);

        Path own = dir.resolve("ownership.json");
        ViciProcess.Result apply = vici(c, "apply", "-f", conf.toString(), "--ownership-file", own.toString());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(snapshot(c)).isEqualTo(expected);

        c.restart();
        ViciProcess.Result imported = ViciProcess.run("import", conf.toString(), "--secrets-dir",
                dir.resolve("secrets").toString());
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).doesNotContain("gw-psk-secret").doesNotContain("0x736974652d736563726574");
        Path yaml = dir.resolve("imported.yaml");
        Files.writeString(yaml, imported.out());
        apply = vici(c, "apply", "-f", yaml.toString(), "--ownership-file", dir.resolve("own2.json").toString());
        assertThat(apply.exit()).as(apply + "\n" + imported.out()).isZero();
        assertThat(snapshot(c)).isEqualTo(expected);
    }

    /** Writes {@link #SITE} and its secret and loads them into gateway a with swanctl --load-all. @return the file */
    private Path siteLoadedBySwanctl() throws Exception {
        writeSiteSecret();
        Path conf = write(SITE);
        assertThat(lab().gateway("a").swanctl("--load-all", "--noprompt", "--file", conf.toString()).succeeded())
                .isTrue();
        return conf;
    }

    private void writeSiteSecret() throws Exception {
        Files.createDirectories(dir.resolve("secrets.d"));
        Files.writeString(dir.resolve("secrets.d/site.conf"), SITE_SECRET);
    }

    private Path write(String text) throws Exception {
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, text);
        return conf;
    }

    private static ViciProcess.Result vici(Gateway g, String... args) {
        List<String> all = new ArrayList<>(List.of("--uri", g.viciUri()));
        all.addAll(List.of(args));
        return ViciProcess.run(all.toArray(String[]::new));
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl " + String.join(" ", args) + ": " + out).isZero();
    }

    /** charon's state as the comparison sees it: list-conns, get-pools, list-authorities, get-shared, get-keys. */
    static String snapshot(Gateway g) {
        try (ViciClient client = ViciClient.connect(g.viciUri())) {
            List<ViciSection> conns = new ArrayList<>();
            client.await(client.streamed("list-conns", ViciSection.empty(), "list-conn", conns::add));
            List<ViciSection> authorities = new ArrayList<>();
            client.await(client.streamed("list-authorities", ViciSection.empty(), "list-authority", authorities::add));
            ViciSection pools = client.await(client.request("get-pools", ViciSection.empty()));
            ViciSection shared = client.await(client.request("get-shared", ViciSection.empty()));
            ViciSection keys = client.await(client.request("get-keys", ViciSection.empty()));
            return "conns=" + conns + "\npools=" + pools + "\nauthorities=" + authorities + "\nshared=" + shared
                    + "\nkeys=" + keys;
        }
    }
}
