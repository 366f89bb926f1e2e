package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.cli.testing.FakeCharon;
import org.vici4j.cli.testing.FakeCharon.Event;
import org.vici4j.cli.testing.FakeCharon.Reply;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import com.fasterxml.jackson.databind.JsonNode;

/** Every command through picocli, with injected writers, against a fake charon on a unix socket. */
class CommandsTest extends FakeCharonTest {

    static final String INSTALLED = "child-installed-initiator.jsonl";
    static final String FAILED = "install-failure-initiator.jsonl";

    /** A list-sa event built from the IKE_SA of the captured child-updown. */
    static ViciSection listSa() {
        ViciSection updown = Fixtures.event(INSTALLED, "child-updown");
        return ViciSection.builder().addSection("net", updown.section("net").orElseThrow()).build();
    }

    // --- version, stats, reload-settings ---

    @Test
    void versionPrintsClientAndDaemon() {
        charon.respond("version", ViciSection.builder().add("daemon", "charon-systemd").add("version", "5.9.8")
                .add("sysname", "Linux").add("release", "6.1.0").add("machine", "x86_64").build());
        Result r = vici("version");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("client   vici4j ").contains("daemon   charon-systemd").contains("version  5.9.8")
                .contains("machine  x86_64");
        Result json = vici("version", "-o", "json");
        JsonNode n = Fixtures.parse(json.out());
        assertThat(n.path("daemon").path("version").asText()).isEqualTo("5.9.8");
        assertThat(n.path("client").path("name").asText()).isEqualTo("vici4j");
    }

    @Test
    void statsTableAndJsonKeepCharonsOrder() {
        ViciSection stats = ViciSection.builder()
                .beginSection("uptime").add("running", "5 minutes").add("since", "Nov 30 06:00:00 2026").endSection()
                .beginSection("workers").add("total", 16).add("idle", 11)
                .beginSection("active").add("critical", 4).add("high", 0).add("medium", 1).add("low", 0).endSection()
                .endSection()
                .beginSection("ikesas").add("total", 1).add("half-open", 0).endSection()
                .addList("plugins", "random", "nonce", "vici").build();
        charon.respond("stats", stats);
        Result r = vici("stats");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("uptime: 5 minutes, since Nov 30 06:00:00 2026")
                .contains("worker threads: 16 total, 11 idle, working: 4/0/1/0")
                .contains("IKE_SAs: 1 total, 0 half-open").contains("loaded plugins: random nonce vici\n")
                .contains("job queues: ///\njobs scheduled: \n"); // swanctl prints missing values as empty
        Result json = vici("stats", "-o", "json");
        JsonNode n = Fixtures.parse(json.out());
        assertThat(n).isEqualTo(Fixtures.json(stats));
        List<String> keys = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("uptime", "workers", "ikesas", "plugins");
    }

    @Test
    void reloadSettings() {
        charon.respond("reload-settings", ok());
        Result r = vici("reload-settings");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("reload-settings completed successfully\n");
        charon.respond("reload-settings", failed("reloading config failed"));
        Result f = vici("reload-settings");
        assertThat(f.exit()).isEqualTo(1);
        assertThat(f.err()).isEqualTo("vici: charon command 'reload-settings' failed: reloading config failed\n");
    }

    // --- initiate / terminate ---

    @Test
    void initiateStreamsCharonsLogAndSucceeds() {
        List<Event> log = Fixtures.only(INSTALLED, "log").stream()
                .map(e -> new Event("control-log", e.message())).toList();
        charon.on("initiate", m -> new Reply(log, ok()));
        Result r = vici("initiate", "--child", "net", "--timeout", "10s");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("[IKE] initiating IKE_SA net[1] to 192.0.2.2")
                .contains("[IKE] CHILD_SA net{1} established with SPIs")
                .endsWith("initiate completed successfully\n");
        ViciSection sent = charon.requests().get(0).message();
        assertThat(sent.string("child")).hasValue("net");
        assertThat(sent.string("timeout")).hasValue("10000");
    }

    @Test
    void initiateFailureExitsOneWithCharonsReason() {
        List<Event> log = Fixtures.only(FAILED, "log").stream()
                .map(e -> new Event("control-log", e.message())).toList();
        charon.on("initiate", m -> new Reply(log, failed("establishing CHILD_SA 'net' failed")));
        Result r = vici("initiate", "--child", "net");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("[KNL] unable to add SAD entry");
        assertThat(r.err()).isEqualTo("vici: initiate failed: establishing CHILD_SA 'net' failed (charon: unable to"
                + " install inbound and outbound IPsec SA (SAD) in kernel)\n");
    }

    @Test
    void initiateNotEstablishedInTimeExitsFour() {
        charon.on("initiate", m -> Reply.of(failed("CHILD_SA 'net' not established after 2000ms")));
        Result r = vici("initiate", "--child", "net", "--timeout", "2s");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("not established after 2000ms").contains("raise --timeout (now 2s)");
    }

    @Test
    void initiateJsonPrintsOneLinePerLogThenTheResponse() {
        List<Event> log = Fixtures.only(INSTALLED, "log").subList(0, 2).stream()
                .map(e -> new Event("control-log", e.message())).toList();
        charon.on("initiate", m -> new Reply(log, ok()));
        Result r = vici("initiate", "--child", "net", "-o", "json");
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(Fixtures.parse(lines[0]).path("event").asText()).isEqualTo("control-log");
        assertThat(Fixtures.parse(lines[0]).path("message")).isEqualTo(Fixtures.json(log.get(0).message()));
        assertThat(Fixtures.parse(lines[2]).path("response").path("success").asText()).isEqualTo("yes");
    }

    @Test
    void initiateWithoutChildOrIkeIsAUsageError() {
        Result r = vici("initiate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("initiate needs --child NAME");
        assertThat(charon.requests()).isEmpty();
    }

    @Test
    void terminateNeedsExactlyOneSelector() {
        Result none = vici("terminate");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("'vici terminate' needs one of --child, --child-id, --ike or --ike-id");
        Result two = vici("terminate", "--ike", "a", "--child", "b");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).contains("give only one of --child or --ike to 'vici terminate'");
        charon.on("terminate", m -> Reply.of(ViciSection.builder().add("success", true).add("matches", 1).build()));
        Result r = vici("terminate", "--ike-id", "7", "--force");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("terminate completed successfully (1 matched)\n");
        ViciSection sent = charon.requests().get(0).message();
        assertThat(sent.string("ike-id")).hasValue("7");
        assertThat(sent.bool("force")).isTrue();
    }

    // --- rekey, redirect, install, uninstall ---

    @Test
    void rekeyRedirectInstallUninstall() {
        charon.respond("rekey", ViciSection.builder().add("success", true).add("matches", 2).build());
        charon.respond("redirect", ok());
        charon.respond("install", ok());
        charon.respond("uninstall", failed("policy 'x' not found"));
        assertThat(vici("rekey", "--child", "net", "--reauth").out()).isEqualTo("rekey completed successfully (2 matched)\n");
        assertThat(vici("redirect", "--peer-ip", "192.0.2.9", "--gateway", "192.0.2.3").exit()).isZero();
        assertThat(vici("redirect", "--gateway", "192.0.2.3").exit()).isEqualTo(2);
        assertThat(vici("install", "--child", "net").out()).isEqualTo("install completed successfully\n");
        Result un = vici("uninstall", "--child", "x");
        assertThat(un.exit()).isEqualTo(1);
        assertThat(un.err()).contains("policy 'x' not found");
        assertThat(charon.requests()).extracting(FakeCharon.Request::command)
                .containsExactly("rekey", "redirect", "install", "uninstall");
        assertThat(charon.requests().get(0).message().bool("reauth")).isTrue();
        assertThat(charon.requests().get(1).message().string("gateway")).hasValue("192.0.2.3");
    }

    // --- listings ---

    @Test
    void listSasTableLooksLikeSwanctl() {
        charon.on("list-sas", m -> new Reply(List.of(new Event("list-sa", listSa())), ViciSection.empty()));
        Result r = vici("list-sas");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                net: #1, ESTABLISHED, IKEv2, 103931601db9247d_i* f55314cefc072177_r
                  local  'left' @ 192.0.2.1[4500]
                  remote 'right' @ 192.0.2.2[4500]
                  AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE_25519
                  established 0s ago, rekeying in 13380s
                  active:  CHILD_CREATE
                  net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-128
                    installed 0s ago, rekeying in 3532s, expires in 3960s
                    in  f49a4e8e,      0 bytes,     0 packets
                    out 267b21c7,      0 bytes,     0 packets
                    local  198.51.100.0/24
                    remote 203.0.113.0/24
                """);
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void listSasJsonIsOneArrayOfTheStreamedMessagesInOrder() {
        ViciSection second = ViciSection.builder().beginSection("other").add("uniqueid", 2)
                .add("state", "CONNECTING").endSection().build();
        charon.on("list-sas", m -> new Reply(List.of(new Event("list-sa", listSa()), new Event("list-sa", second)),
                ViciSection.empty()));
        Result r = vici("list-sas", "--ike", "net", "-o", "json");
        assertThat(r.exit()).isZero();
        JsonNode n = Fixtures.parse(r.out());
        assertThat(n.isArray()).isTrue();
        assertThat(n).hasSize(2);
        assertThat(n.get(0)).isEqualTo(Fixtures.json(listSa()));
        assertThat(n.get(1)).isEqualTo(Fixtures.json(second));
        assertThat(charon.requests().get(0).message().string("ike")).hasValue("net");
        Result yaml = vici("list-sas", "-o", "yaml");
        assertThat(yaml.out()).startsWith("- net:\n    uniqueid: \"1\"\n    version: \"2\"\n")
                .contains("    tasks-active:\n    - \"CHILD_CREATE\"\n")
                .contains("- other:\n    uniqueid: \"2\"\n");
    }

    @Test
    void emptyListingsPrintEmptyArrays() {
        charon.on("list-sas", m -> Reply.of(ViciSection.empty()));
        assertThat(vici("list-sas", "-o", "json").out()).isEqualTo("[]\n");
        assertThat(vici("list-sas", "-o", "yaml").out()).isEqualTo("[]\n");
        assertThat(vici("list-sas").out()).isEmpty();
    }

    @Test
    void listConnsAndPols() {
        ViciSection conn = ViciSection.builder().beginSection("net")
                .addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.2")
                .add("version", "IKEv2").add("reauth_time", 0).add("rekey_time", 14400)
                .beginSection("local-1").add("class", "pre-shared key").add("id", "a").endSection()
                .beginSection("remote-1").add("class", "pre-shared key").add("id", "b").endSection()
                .beginSection("children").beginSection("net").add("mode", "TUNNEL").add("rekey_time", 3600)
                .add("rekey_bytes", 0).add("rekey_packets", 0)
                .addList("local-ts", "198.18.0.0/22").addList("remote-ts", "198.18.4.0/22").endSection().endSection()
                .endSection().build();
        charon.on("list-conns", m -> new Reply(List.of(new Event("list-conn", conn)), ViciSection.empty()));
        Result r = vici("list-conns");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                net: IKEv2, no reauthentication, rekeying every 14400s
                  local:  192.0.2.1
                  remote: 192.0.2.2
                  local pre-shared key authentication:
                    id: a
                  remote pre-shared key authentication:
                    id: b
                  net: TUNNEL, rekeying every 3600s
                    local:  198.18.0.0/22
                    remote: 198.18.4.0/22
                """);
        ViciSection pol = ViciSection.builder().beginSection("net/net").add("child", "net").add("mode", "TRAP")
                .addList("local-ts", "198.18.0.0/22").addList("remote-ts", "198.18.4.0/22").endSection().build();
        charon.on("list-policies", m -> new Reply(List.of(new Event("list-policy", pol)), ViciSection.empty()));
        charon.respond("version", ViciSection.builder().add("daemon", "charon").add("version", "5.9.8").build());
        Result p = vici("list-pols", "--trap");
        assertThat(p.out()).isEqualTo("net/net, TRAP\n  local:  198.18.0.0/22\n  remote: 198.18.4.0/22\n");
        ViciSection sent = charon.requests().get(2).message();
        assertThat(sent.bool("trap")).isTrue();
        assertThat(sent.get("drop")).isEmpty();
    }

    @Test
    void binaryValuesAreBase64InJsonAndRealValuesWithThePrefixAreEscaped() {
        byte[] der = {0x30, (byte) 0x82, 0x01, (byte) 0xff, 0x00};
        ViciSection cert = ViciSection.builder().add("type", "X509").add("flag", "CA").add("has_privkey", false)
                .add("data", der).add("note", "base64:not really").build();
        charon.on("list-certs", m -> new Reply(List.of(new Event("list-cert", cert)), ViciSection.empty()));
        Result r = vici("list-certs", "-o", "json");
        assertThat(r.exit()).isZero();
        JsonNode n = Fixtures.parse(r.out()).get(0);
        assertThat(n.path("data").asText()).isEqualTo("base64:MIIB/wA=");
        assertThat(n.path("note").asText()).isEqualTo("base64:"
                + java.util.Base64.getEncoder().encodeToString("base64:not really".getBytes(StandardCharsets.UTF_8)));
        charon.respond("version", ViciSection.builder().add("daemon", "charon").add("version", "6.1.0").build());
        Result t = vici("list-certs");
        assertThat(t.exit()).as(t.toString()).isZero();
        assertThat(t.out()).isEmpty();
        assertThat(t.err()).startsWith("vici: parsing certificate failed: ");
    }

    @Test
    void listAuthoritiesPoolsAlgs() {
        ViciSection ca = ViciSection.builder().beginSection("strongswan").add("cacert", "C=CH, CN=strongSwan CA")
                .addList("crl_uris", "http://crl.example.org/ca.crl").endSection().build();
        charon.on("list-authorities", m -> new Reply(List.of(new Event("list-authority", ca)), ViciSection.empty()));
        assertThat(vici("list-authorities").out()).isEqualTo("strongswan:\n  cacert: C=CH, CN=strongSwan CA\n"
                + "  crl_uris:  http://crl.example.org/ca.crl\n");

        charon.respond("get-pools", ViciSection.builder().beginSection("pool-a").add("base", "10.3.0.0").add("size", 254)
                .add("online", 1).add("offline", 0).beginSection("leases").beginSection("0").add("address", "10.3.0.1")
                .add("identity", "carol").add("status", "online").endSection().endSection().endSection().build());
        Result pools = vici("list-pools", "--leases");
        assertThat(pools.out()).isEqualTo("""
                pool-a               10.3.0.0                            1 / 0 / 254
                  10.3.0.1                       online   'carol'
                """);

        charon.respond("get-algorithms", ViciSection.builder().beginSection("encryption").add("AES_CBC", "aes")
                .add("AES_GCM_16", "openssl").endSection().beginSection("integrity").add("HMAC_SHA2_256_128", "openssl")
                .endSection().build());
        assertThat(vici("list-algs").out()).isEqualTo("encryption:\n  AES_CBC[aes]\n  AES_GCM_16[openssl]\n"
                + "integrity:\n  HMAC_SHA2_256_128[openssl]\n");
    }

    @Test
    void countersAndUnknownCommand() {
        Result unknown = vici("counters");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("does not know the VICI command 'get-counters': load charon's counters plugin");
        charon.respond("get-counters", ViciSection.builder().add("success", true).beginSection("counters")
                .beginSection("").add("ike-rekey-init", 3).add("ike-rekey-resp", 12).endSection().endSection().build());
        charon.respond("reset-counters", ok());
        Result r = vici("counters");
        assertThat(r.out()).isEqualTo("global:\n  ike-rekey-init         3\n  ike-rekey-resp        12\n");
        assertThat(vici("counters", "--reset", "--name", "net").out()).isEqualTo("reset-counters completed successfully\n");
        assertThat(charon.requests().get(charon.requests().size() - 1).message().string("name")).hasValue("net");
    }

    // --- monitor and log ---

    @Test
    void monitorPrintsEventsAsJsonLinesAndSurvivesUnknownAlert() throws Exception {
        charon.unknownEvent("alert");
        ViciSection ikeUp = Fixtures.event(INSTALLED, "ike-updown");
        ViciSection childUp = Fixtures.event(INSTALLED, "child-updown");
        Thread emitter = new Thread(() -> {
            try {
                if (charon.awaitRegistration(10_000)) {
                    Thread.sleep(200); // the alert registration is refused in the meantime
                    charon.emit("ike-updown", ikeUp);
                    charon.emit("child-updown", childUp);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        emitter.start();
        Result r = vici("monitor", "--count", "2", "--duration", "20s", "-o", "json");
        emitter.join();
        assertThat(r.exit()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = Fixtures.parse(lines[0]);
        JsonNode second = Fixtures.parse(lines[1]);
        assertThat(first.path("event").asText()).isEqualTo("ike-updown");
        assertThat(second.path("event").asText()).isEqualTo("child-updown");
        assertThat(second.path("message")).isEqualTo(Fixtures.json(childUp));
        assertThat(r.err()).contains("does not support 'alert' events")
                .contains("vici: watching child-rekey, child-updown, ike-rekey, ike-updown on " + charon.uri()
                        + " for 2 events; Ctrl-C to stop");
    }

    @Test
    void monitorTableLines() throws Exception {
        ViciSection childUp = Fixtures.event(INSTALLED, "child-updown");
        Thread emitter = new Thread(() -> {
            try {
                if (charon.awaitRegistration(10_000)) {
                    Thread.sleep(300);
                    charon.emit("child-updown", childUp);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        emitter.start();
        charon.knownEvent("alert");
        Result r = vici("monitor", "--count", "1", "--duration", "20s");
        emitter.join();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("06:30:00  child-updown  up   net #1 net{1} INSTALLED 198.51.100.0/24 === 203.0.113.0/24\n");
        assertThat(r.err()).isEqualTo("vici: watching child-rekey, child-updown, ike-rekey, ike-updown, alert on "
                + charon.uri() + " for 1 events; Ctrl-C to stop\n");
    }

    @Test
    void monitorEndsWithExitThreeWhenTheConnectionIsLost() throws Exception {
        Thread dropper = new Thread(() -> {
            try {
                if (charon.awaitRegistration(10_000)) {
                    Thread.sleep(300);
                    charon.dropConnections();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dropper.start();
        charon.knownEvent("alert");
        Result r = vici("monitor", "--duration", "20s");
        dropper.join();
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("vici: lost the connection to charon at " + charon.uri());
    }

    @Test
    void logPrintsLikeSwanctl() throws Exception {
        ViciSection line = Fixtures.only(INSTALLED, "log").get(1).message();
        Thread emitter = new Thread(() -> {
            try {
                if (charon.awaitRegistration(10_000)) {
                    charon.emit("log", line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        emitter.start();
        Result r = vici("log", "--count", "1", "--duration", "20s");
        emitter.join();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("09[IKE] <net|1> initiating IKE_SA net[1] to 192.0.2.2\n");
    }

    @Test
    void signalStopsMonitorCleanly() throws Exception {
        TestSignals signals = new TestSignals();
        Thread stopper = new Thread(() -> {
            try {
                if (charon.awaitRegistration(10_000)) {
                    Thread.sleep(200);
                    signals.raise(SignalSource.Signal.INT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        Result r = CliRunner.run(charon.uri(), signals, "log", "--duration", "20s");
        stopper.join();
        assertThat(r.exit()).isZero();
    }

    // --- call ---

    @Test
    void callBuildsNestedSectionsAndLists() {
        charon.respond("load-conn", ok());
        Result r = vici("call", "load-conn", "net.remote_addrs=[192.0.2.2,192.0.2.3]", "net.local.auth=psk",
                "net.children.net.esp_proposals=aes128gcm16", "net.children.net.esp_proposals=aes256gcm16",
                "net.version=2", "-o", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Fixtures.parse(r.out()).path("success").asText()).isEqualTo("yes");
        ViciSection sent = charon.requests().get(0).message();
        ViciSection net = sent.section("net").orElseThrow();
        assertThat(net.list("remote_addrs")).containsExactly("192.0.2.2", "192.0.2.3");
        assertThat(net.section("local").orElseThrow().string("auth")).hasValue("psk");
        assertThat(net.section("children").orElseThrow().section("net").orElseThrow().list("esp_proposals"))
                .containsExactly("aes128gcm16", "aes256gcm16");
        assertThat(net.keys()).containsExactly("remote_addrs", "local", "children", "version");
    }

    @Test
    void callStreamsKnownCommandsAndFailsOnSuccessNo() {
        charon.on("list-sas", m -> new Reply(List.of(new Event("list-sa", listSa())), ViciSection.empty()));
        Result r = vici("call", "list-sas", "-o", "json");
        JsonNode n = Fixtures.parse(r.out());
        assertThat(n.path("events").get(0)).isEqualTo(Fixtures.json(listSa()));
        assertThat(n.path("response")).isEqualTo(Fixtures.json(ViciSection.empty()));
        charon.respond("unload-conn", failed("unloading connection 'x' failed"));
        Result f = vici("call", "unload-conn", "name=x");
        assertThat(f.exit()).isEqualTo(1);
        assertThat(f.out()).isEqualTo("success: no\nerrmsg: unloading connection 'x' failed\n");
        assertThat(f.err()).isEqualTo("vici: charon command 'unload-conn' failed: unloading connection 'x' failed\n");
        Result bad = vici("call", "load-conn", "novalue");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'novalue' is not key=value");
        Result unknown = vici("call", "no-such-command");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("does not know the VICI command 'no-such-command'");
    }

    @Test
    void callBinaryArgumentRoundTrips() {
        charon.respond("load-key", ok());
        assertThat(vici("call", "load-key", "type=any", "data=base64:MIIB/wA=").exit()).isZero();
        assertThat(charon.requests().get(0).message().get("data")).hasValue(
                ViciValue.of(new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xff, 0x00}));
    }

    // --- errors, help, completion ---

    @Test
    void wrongSocketExitsThreeWithOneClearLine() {
        Result r = CliRunner.run(null, "--uri", "unix:///nonexistent/charon.vici", "list-sas");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).hasLineCount(1).startsWith("vici: ").contains("/nonexistent/charon.vici");
        Result bad = CliRunner.run(null, "--uri", "http://x", "stats");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unsupported VICI URI 'http://x'");
    }

    @Test
    void clientTimeoutExitsFour() {
        charon.on("stats", m -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.of(ViciSection.empty());
        });
        Result r = vici("stats", "--timeout", "300ms");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).hasLineCount(1).startsWith("vici: ");
    }

    @Test
    void usageErrorsExitTwo() {
        Result r = vici("list-sas", "--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("vici: unknown option '--bogus' for 'vici list-sas' (see 'vici list-sas --help')\n");
        Result t = vici("stats", "--timeout", "soon");
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("'soon' is not a duration");
        Result none = vici();
        assertThat(none.exit()).isEqualTo(2);
        Result o = vici("stats", "-o", "xml");
        assertThat(o.exit()).isEqualTo(2);
    }

    @Test
    void helpOnEveryCommandListsExitCodes() {
        for (String cmd : List.of("version", "stats", "reload-settings", "initiate", "terminate", "rekey", "redirect",
                "install", "uninstall", "list-sas", "list-conns", "list-pols", "list-certs", "list-authorities",
                "list-pools", "list-algs", "counters", "monitor", "log", "call", "validate", "diff", "apply",
                "controller", "status", "completion")) {
            Result r = vici(cmd, "--help");
            assertThat(r.exit()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: vici " + cmd).contains("Exit codes:")
                    .contains("3     cannot connect to charon").contains("130   interrupted by Ctrl-C");
            Result h = vici("help", cmd);
            assertThat(h.out()).as(cmd).isEqualTo(r.out());
        }
        assertThat(vici("--version").out()).startsWith("vici (vici4j) ");
    }

    @Test
    void debugPrintsTheStackTraceAndTheMessagesExchanged() {
        charon.respond("stats", ViciSection.builder().add("x", "1").build());
        Result ok = vici("--debug", "stats");
        assertThat(ok.exit()).isZero();
        assertThat(ok.err()).contains("vici: debug: request 'stats' {}").contains("vici: debug: response to 'stats' {x=1}");
        Result bad = CliRunner.run(null, "--debug", "--uri", "unix:///nonexistent/charon.vici", "stats");
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.err()).contains("org.vici4j.client.ViciConnectionException").contains("\tat ")
                .endsWith("vici: charon's VICI socket /nonexistent/charon.vici does not exist; start charon (for example"
                        + " 'systemctl start strongswan') or pass the socket it really uses (charon.plugins.vici.socket"
                        + " in strongswan.conf) as unix:///path\n");
    }

    @Test
    void completionScriptCoversCommands() {
        Result r = vici("completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F _complete_vici").contains("list-sas").contains("--child");
    }
}
