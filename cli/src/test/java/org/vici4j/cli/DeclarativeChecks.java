package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestMethodOrder;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * validate, diff, apply, controller and status through bin/vici on the example files: examples/config/hub.yaml
 * on gateway a (192.0.2.1) and spoke1.yaml on gateway b (192.0.2.2), which is how the examples are addressed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeclarativeChecks {

    /** @return the lab ({@link DeclarativeIT}: strongSwan 5.9, {@link DeclarativeStrongSwan6IT}: 6.x) */
    abstract CharonLabExtension lab();

    /** @return whether the lab runs strongSwan 6 */
    boolean strongSwan6() {
        return lab().runsStrongSwan6();
    }

    static final Path EXAMPLES = Path.of(System.getProperty("vici.examples", "../examples/config"));
    static final String HUB = EXAMPLES.resolve("hub.yaml").toString();
    static final String SPOKE = EXAMPLES.resolve("spoke1.yaml").toString();

    @Test
    @Order(1)
    void validateAcceptsTheExamplesAndListsEveryProblemOfABadFile() throws Exception {
        for (String f : new String[] {HUB, SPOKE, EXAMPLES.resolve("spoke2.yaml").toString()}) {
            ViciProcess.Result r = ViciProcess.run("validate", "-f", f);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).startsWith(f + ": valid");
        }
        Path bad = Files.createTempFile("bad", ".yaml");
        Files.writeString(bad, "connections:\n  x:\n    remote_addrs: [1.2.3]\n    bogus: 1\n");
        ViciProcess.Result r = ViciProcess.run("validate", "-f", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("invalid configuration (2 problems)").contains(bad + ":3:").contains(bad + ":4:5")
                .contains("unknown option 'bogus'");
    }

    @Test
    @Order(2)
    void diffBeforeApplyShowsWhatWouldBeLoadedWithSecretsRedacted() throws Exception {
        ViciProcess.Result r = ViciProcess.run("--uri", lab().gateway("a").viciUri(), "diff", "-f", HUB);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("+ connection spoke1: not loaded; apply loads it")
                .contains("+ connection spoke2: not loaded; apply loads it")
                .contains("ike-spoke2: charon does not list it (get-shared); apply loads it: load-shared")
                .contains("data=<redacted>")
                .doesNotContain("hub-spoke2-example-psk");
        String psk = Files.readString(EXAMPLES.resolve("secrets/hub-spoke1.psk")).strip();
        ViciProcess.Result json = ViciProcess.run("--uri", lab().gateway("a").viciUri(), "diff", "-f", HUB, "-o", "json");
        assertThat(json.out()).doesNotContain(psk).doesNotContain("hub-spoke2-example-psk");
        JsonNode n = Fixtures.parse(json.out());
        assertThat(n.path("connections").path("spoke1").path("action").asText()).isEqualTo("load");
        assertThat(n.path("secrets").path("ike-spoke1").path("message").path("data").asText()).isEqualTo("<redacted>");
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(3)
    void applyBringsTheSpokesTunnelUpAndDiffThenShowsNoChange() {
        Gateway a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        ViciProcess.Result hub = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", HUB);
        assertThat(hub.exit()).as(hub.toString()).isZero();
        // apply records what it loaded; diff then compares with that record (its own file: tests run in parallel)
        String record = tempDir("vici-apply").resolve("owned.json").toString();
        ViciProcess.Result spoke = ViciProcess.run("--uri", b.viciUri(), "apply", "-f", SPOKE, "--wait", "60s",
                "--ownership-file", record);
        assertThat(spoke.exit()).as(spoke.toString()).isZero();
        assertThat(spoke.out()).containsPattern("hub\\s+hub\\s+up\\s+installed");
        ViciProcess.Result sas = ViciProcess.run("--uri", b.viciUri(), "list-sas");
        assertThat(sas.out()).contains("hub: #").contains(", INSTALLED, TUNNEL");
        ViciProcess.Result diff = ViciProcess.run("--uri", b.viciUri(), "diff", "-f", SPOKE, "--ownership-file", record);
        assertThat(diff.out()).contains("= connection hub: loaded").contains("= child hub (ensure up): installed");
        // a second apply of the unchanged file sends no load-conn: the connection keeps its place in charon
        ViciProcess.Result again = ViciProcess.run("--uri", b.viciUri(), "apply", "-f", SPOKE, "--wait", "60s",
                "--ownership-file", record, "--debug");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("requests sent to charon: {").doesNotContain("load-conn");
    }

    @Test
    @Order(4)
    void controllerWritesStatusReloadsOnSighupAndStopsOnSigterm() throws Exception {
        Gateway b = lab().gateway("b");
        assertThat(ViciProcess.run("--uri", lab().gateway("a").viciUri(), "apply", "-f", HUB).exit()).isZero();
        Path status = Files.createTempDirectory("vici-status").resolve("status.json");
        ViciProcess controller = ViciProcess.start("--uri", b.viciUri(), "controller", "-f", SPOKE,
                "--status-file", status.toString());
        controller.awaitStderr("controller started", Duration.ofSeconds(30));
        ViciProcess.Result st = null;
        for (int i = 0; i < 100; i++) {
            st = ViciProcess.run("status", "--status-file", status.toString());
            if (st.exit() == 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(st.exit()).as(st.toString()).isZero();
        assertThat(st.out()).containsPattern("^status: written \\S+ \\S+ \\((just now|\\d+s ago)\\) by the controller"
                + " with pid " + controller.process().pid() + "\n")
                .contains(strongSwan6() ? "\ncharon: connected, 6." : "\ncharon: connected, 5.9").containsPattern("hub\\s+hub\\s+up\\s+installed");
        ViciProcess.Result json = ViciProcess.run("status", "--status-file", status.toString(), "-o", "json");
        assertThat(Fixtures.parse(json.out()).path("connections").get(0).path("children").get(0).path("state").asText())
                .isEqualTo("installed");

        new ProcessBuilder("kill", "-HUP", String.valueOf(controller.process().pid())).start().waitFor();
        controller.awaitStderr("vici: SIGHUP: reloaded 1 file: no change", Duration.ofSeconds(10));
        // not Process.destroy(): it closes our ends of the pipes, and the last lines would be lost
        new ProcessBuilder("kill", "-TERM", String.valueOf(controller.process().pid())).start().waitFor();
        ViciProcess.Result end = controller.await(Duration.ofSeconds(30));
        assertThat(end.exit()).as(end.toString()).isZero();
        assertThat(end.err()).as(end.toString()).contains("stopping; what is loaded stays loaded");
        assertThat(end.out()).contains("hub/hub  installed");
        // its writer gone, the status file is stale
        ViciProcess.Result stale = ViciProcess.run("status", "--status-file", status.toString());
        assertThat(stale.exit()).as(stale.toString()).isEqualTo(1);
        assertThat(stale.out()).startsWith("status: written ").contains("by the controller with pid "
                + controller.process().pid());
        assertThat(stale.err()).startsWith("vici: stale: the controller is not running (its process "
                + controller.process().pid() + " is gone)");
    }

    @Test
    @Order(5)
    void applyPruneUnloadsWhatAnEarlierApplyLoadedAndTheFileDropped(@TempDir Path dir) throws Exception {
        Gateway a = lab().gateway("a");
        Path owned = dir.resolve("owned.json");
        Path both = dir.resolve("hub.yaml");
        Files.writeString(both, Files.readString(Path.of(HUB)).replace("secrets/hub-spoke1.psk",
                EXAMPLES.resolve("secrets/hub-spoke1.psk").toAbsolutePath().toString()));
        ViciProcess.Result first = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", both.toString(), "--prune",
                "--ownership-file", owned.toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        String text = Files.readString(both);
        // the record lets diff compare options charon does not list; charon's listing shows the rest
        Path changed = dir.resolve("hub-changed.yaml");
        Files.writeString(changed, text.replaceFirst("esp_proposals: aes128gcm16", "esp_proposals: aes256gcm16-ecp384")
                .replaceFirst("local_ts: 198.18.0.0/22", "local_ts: 198.18.0.0/23"));
        ViciProcess.Result planned = ViciProcess.run("--uri", a.viciUri(), "diff", "-f", changed.toString(),
                "--ownership-file", owned.toString());
        assertThat(planned.exit()).as(planned.toString()).isZero();
        assertThat(planned.out()).contains("~ connection spoke1: loaded, differs; apply reloads it")
                .contains("child spoke1 local_ts: 198.18.0.0/22 -> 198.18.0.0/23")
                .contains("children.spoke1.esp_proposals: aes128gcm16 -> aes256gcm16-ecp384")
                .contains("= connection spoke2: loaded; as charon lists it and as this owner last loaded it");
        ViciProcess.Result noRecord = ViciProcess.run("--uri", a.viciUri(), "diff", "-f", changed.toString(),
                "--ownership-file", dir.resolve("none.json").toString());
        assertThat(noRecord.out()).contains("child spoke1 local_ts").doesNotContain("esp_proposals");
        Path one = dir.resolve("hub-one.yaml");
        Files.writeString(one, text.substring(0, text.indexOf("  spoke2:")) + text.substring(text.indexOf("secrets:")));
        ViciProcess.Result diff = ViciProcess.run("--uri", a.viciUri(), "diff", "-f", one.toString(), "--prune",
                "--ownership-file", owned.toString());
        assertThat(diff.out()).contains("= connection spoke1")
                .contains("- connection spoke2: loaded earlier by this owner, not in the files; apply --prune unloads it");
        ViciProcess.Result second = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", one.toString(), "--prune",
                "--ownership-file", owned.toString());
        assertThat(second.exit()).as(second.toString()).isZero();
        ViciProcess.Result conns = ViciProcess.run("--uri", a.viciUri(), "list-conns");
        assertThat(conns.out()).contains("spoke1: ").doesNotContain("spoke2: ");
    }

    @Test
    @Order(6)
    void applyReportsAChildWhoseInstallFailsWithItsFailureClass() {
        Gateway a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        b.restart(Backend.NETLINK);
        ViciProcess.Result hub = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", HUB);
        assertThat(hub.exit()).as(hub.toString()).isZero();
        ViciProcess.Result r = ViciProcess.run("--uri", b.viciUri(), "apply", "-f", SPOKE, "--wait", "40s");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("vici: apply left 1 thing not as desired")
                .contains("hub/hub (ensure up, ").contains("install-child-sa-failed");
    }

    /**
     * A file whose connection charon refuses at load time (a certificate charon cannot parse: validation checks the
     * file, not its DER) beside a good connection and a PSK: apply exits 1 with charon's message, and charon is left
     * as it was: the good connection is unloaded again, the PSK never sent.
     */
    @Test
    @Order(7)
    void applyOfAFileWithAConnectionCharonRefusesLeavesCharonAsItWas(@TempDir Path dir) throws Exception {
        Gateway a = lab().gateway("a");
        Path cert = dir.resolve("broken.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nMIIBAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE-----\n");
        Path file = dir.resolve("refused.yaml");
        Files.writeString(file, """
                connections:
                  held-ok:
                    remote_addrs: 192.0.2.200
                    local: {auth: psk, id: held-a}
                    remote: {auth: psk, id: held-z}
                    children:
                      held-ok: {local_ts: 198.18.0.1/32, ensure: loaded}
                  held-bad:
                    remote_addrs: 192.0.2.201
                    local: {auth: pubkey, certs: [%s]}
                    remote: {auth: pubkey}
                    children:
                      held-bad: {local_ts: 198.18.0.1/32, ensure: loaded}
                secrets:
                  ike-held: {id: held-z, secret: held-back-psk}
                """.formatted(cert));
        assertThat(ViciProcess.run("validate", "-f", file.toString()).exit()).isZero();
        String sharedBefore = ViciProcess.run("--uri", a.viciUri(), "call", "get-shared", "-o", "json").out();
        String connsBefore = ViciProcess.run("--uri", a.viciUri(), "list-conns").out();

        ViciProcess.Result r = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", file.toString(), "--wait", "10s",
                "--ownership-file", dir.resolve("owned.json").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("connection held-bad is not loaded: charon rejected connection 'held-bad': "
                + "invalid value for: certs").contains("connection held-ok is not loaded: held back: charon refused"
                + " connection 'held-bad'").doesNotContain("held-back-psk");
        assertThat(r.out()).contains("config-rejected").doesNotContain("held-back-psk");
        ViciProcess.Result shared = ViciProcess.run("--uri", a.viciUri(), "call", "get-shared", "-o", "json");
        assertThat(shared.exit()).as(shared.toString()).isZero();
        assertThat(shared.out()).isEqualTo(sharedBefore).doesNotContain("ike-held");
        ViciProcess.Result conns = ViciProcess.run("--uri", a.viciUri(), "list-conns");
        assertThat(conns.out()).isEqualTo(connsBefore).doesNotContain("held-ok").doesNotContain("held-bad");
        Path owned = dir.resolve("owned.json");
        assertThat(Files.exists(owned) ? Files.readString(owned) : "").doesNotContain("held-");
    }

    /**
     * A proposal whose keywords charon knows but whose algorithm its plugins do not offer (the lab loads no serpent
     * plugin): apply asks charon's get-algorithms, refuses it with file:line before loading anything (exit 2); validate,
     * without charon, accepts the file.
     */
    @Test
    @Order(8)
    void applyRefusesAProposalCharonsPluginsDoNotOfferBeforeLoadingAnything() throws Exception {
        Gateway a = lab().gateway("a");
        Path file = Files.createTempDirectory("vici-algs").resolve("serpent.yaml");
        Files.writeString(file, """
                connections:
                  algs:
                    remote_addrs: 192.0.2.202
                    proposals: [aes128-sha256-ecp256, serpent256-sha256-ecp256]
                    local: {auth: psk, id: algs-a}
                    remote: {auth: psk, id: algs-z}
                    children:
                      algs: {local_ts: 198.18.0.1/32, ensure: loaded}
                secrets:
                  ike-algs: {id: algs-z, secret: algs-psk}
                """);
        assertThat(ViciProcess.run("validate", "-f", file.toString()).exit()).isZero();
        String connsBefore = ViciProcess.run("--uri", a.viciUri(), "list-conns").out();

        ViciProcess.Result r = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", file.toString(), "--wait", "5s");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(file + ":4:").contains("algorithm 'serpent256' (SERPENT_CBC) of IKE proposal"
                + " 'serpent256-sha256-ecp256' is not offered by charon at " + a.viciUri()).doesNotContain("algs-psk");
        assertThat(ViciProcess.run("--uri", a.viciUri(), "list-conns").out()).isEqualTo(connsBefore);
        assertThat(ViciProcess.run("--uri", a.viciUri(), "call", "get-shared").out()).doesNotContain("ike-algs");
    }

    @Test
    @Order(9)
    void diffFlagsAConnectionSwanctlLoadedListsSecretsByIdAndExitCodeSaysWhetherApplyWouldChangeAnything()
            throws Exception {
        Gateway a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        // swanctl loads 'extra' (and only it: --load-all unloads the rest)
        a.loadSwanctlConf(org.vici4j.lab.TunnelConfig.psk("extra", a, b).secret("takeover-psk").toSwanctlConf());
        Path dir = Files.createTempDirectory("vici-takeover");
        Path file = dir.resolve("extra.yaml");
        Files.writeString(file, "controller: {owner: takeover}\nconnections:\n  extra:\n    local_addrs: " + a.address()
                + "\n    remote_addrs: " + b.address() + "\n    local: {auth: psk, id: a}\n    remote: {auth: psk, id: b}\n"
                + "    children:\n      extra:\n        local_ts: " + a.subnet() + "\n        remote_ts: " + b.subnet()
                + "\n        esp_proposals: aes128gcm16\n        ensure: loaded\n"
                + "secrets:\n  ike-extra: {id-1: a, id-2: b, secret: takeover-psk}\n  ike-other: {id-1: a, id-2: c, secret: x}\n");
        String record = dir.resolve("owned.json").toString();
        ViciProcess.Result before = ViciProcess.run("--uri", a.viciUri(), "diff", "-f", file.toString(),
                "--ownership-file", record, "--exit-code");
        assertThat(before.exit()).as(before.toString()).isEqualTo(1);
        assertThat(before.out()).contains("! connection extra: loaded in charon, but not by owner takeover (swanctl or"
                + " another tool?); apply replaces it and takes it over")
                .contains("  ~ ike-extra: listed by charon (get-shared), value not comparable; apply loads it again")
                .contains("  + ike-other: charon does not list it (get-shared); apply loads it")
                .doesNotContain("takeover-psk");
        ViciProcess.Result apply = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", file.toString(),
                "--ownership-file", record);
        assertThat(apply.exit()).as(apply.toString()).isZero();
        ViciProcess.Result after = ViciProcess.run("--uri", a.viciUri(), "diff", "-f", file.toString(),
                "--ownership-file", record, "--exit-code");
        assertThat(after.exit()).as(after.toString()).isZero();
        assertThat(after.out()).contains("= connection extra: loaded; as charon lists it and as this owner last loaded it")
                .contains("  ~ ike-extra: listed by charon (get-shared), value not comparable; apply loads it again")
                .contains("  ~ ike-other: listed by charon (get-shared)");
        ViciProcess.Result plain = ViciProcess.run("--uri", a.viciUri(), "diff", "-f", file.toString());
        assertThat(plain.exit()).as("without --exit-code diff exits 0 whatever it shows").isZero();
    }
}
