package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.testing.LabProbes.eventually;
import static org.vici4j.controller.testing.LabProbes.listSas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.testing.TwoGatewayChecks;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code bin/vici controller} as a process of its own, killed with SIGKILL while it keeps N tunnels up (no clean-up
 * runs; the status and ownership files stay as they were), then started again on the same files: it adopts the
 * running IKE_SAs and CHILD_SAs (unique ids unchanged, nothing duplicated, nothing re-negotiated).
 */
abstract class ControllerProcessFaultChecks extends TwoGatewayChecks {

    static final int N = 30;

    /** @return the lab: gateways a and b, libipsec, {@link #N} hosts each */
    abstract CharonLabExtension lab();

    @Override
    protected CharonLabExtension charonLab() {
        return lab();
    }

    @Test
    void controllerKilledWithSigkillIsStartedAgainAdoptsTheRunningTunnelsAndATruncatedFileChangesNothing() throws Exception {
        var r = b.loadSwanctlConf(responderConf(a, b));
        assertThat(r.succeeded()).as(r.output()).isTrue();
        Path config = dir.resolve("a.yaml");
        Files.writeString(config, desiredYaml(a, b));
        Path status = dir.resolve("status.json");

        ViciProcess first = ViciProcess.start("--uri", a.viciUri(), "controller", "-f", config.toString(),
                "--status-file", status.toString());
        ViciProcess second = null;
        try {
            eventually(Duration.ofSeconds(120), "all " + N + " tunnels installed in charon a",
                    () -> installedIds(a).size() == N);
            eventually(Duration.ofSeconds(20), "the first controller's status file showing all installed",
                    () -> allInstalled(status));
            Map<String, String> before = saIds(a);
            assertThat(before).hasSize(N);

            new ProcessBuilder("kill", "-KILL", String.valueOf(first.process().pid())).start().waitFor();
            ViciProcess.Result killed = first.await(Duration.ofSeconds(10));
            assertThat(killed.exit()).as("killed by SIGKILL: %s", killed).isEqualTo(128 + 9);
            assertThat(killed.err()).doesNotContain("adopt-secret");
            assertThat(Files.exists(dir.resolve("status.json.owned.json"))).as("ownership record left behind").isTrue();
            Files.delete(status); // so that only the new process can show the tunnels installed

            second = ViciProcess.start("--uri", a.viciUri(), "controller", "-f", config.toString(),
                    "--status-file", status.toString());
            eventually(Duration.ofSeconds(60), "the new controller's status file showing all installed",
                    () -> allInstalled(status));
            // two resyncs (2 s each) later nothing has been touched either
            Thread.sleep(5_000);
            assertThat(allInstalled(status)).as("still all installed").isTrue();
            Map<String, String> after = saIds(a);
            assertThat(after).as("IKE_SA and CHILD_SA unique ids per tunnel").isEqualTo(before);
            assertThat(second.process().isAlive()).isTrue();

            // truncation while it runs: the file cut in half, then emptied; each reload refused, nothing touched
            String text = Files.readString(config);
            Files.writeString(config, text.substring(0, text.length() / 2));
            second.awaitStderr("reload refused", Duration.ofSeconds(30));
            Files.writeString(config, "");
            second.awaitStderr("declares nothing", Duration.ofSeconds(30)); // the emptied file refused too
            Thread.sleep(3_000);
            assertThat(saIds(a)).as("after the truncations").isEqualTo(before);
            Path fresh = dir.resolve("a.yaml.new");
            Files.writeString(fresh, text);
            Files.move(fresh, config, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(3_000);
            assertThat(allInstalled(status)).as("all installed after the file was restored").isTrue();
            assertThat(saIds(a)).as("after the file was restored").isEqualTo(before);
        } finally {
            first.process().destroyForcibly();
            if (second != null) {
                second.process().destroy(); // SIGTERM: a clean stop
                ViciProcess.Result end = second.await(Duration.ofSeconds(30));
                assertThat(end.err()).doesNotContain("adopt-secret");
            }
        }
    }

    /** Per IKE_SA name: "IKE uniqueid/CHILD uniqueids" of charon a; fails on a duplicated IKE_SA. */
    static Map<String, String> saIds(Gateway g) {
        Map<String, String> ids = new TreeMap<>();
        for (IkeSa sa : listSas(g)) {
            List<Long> children = new ArrayList<>();
            for (ChildSa c : sa.childSas()) {
                assertThat(c.isInstalled()).as("child of %s: %s", sa.name(), c).isTrue();
                children.add(c.uniqueId());
            }
            assertThat(children).as("CHILD_SAs of %s", sa.name()).hasSize(1);
            String previous = ids.put(sa.name(), sa.uniqueId() + "/" + children);
            assertThat(previous).as("a second IKE_SA of %s", sa.name()).isNull();
        }
        return ids;
    }

    static List<Long> installedIds(Gateway g) {
        List<Long> ids = new ArrayList<>();
        for (IkeSa sa : listSas(g)) {
            sa.childSas().stream().filter(ChildSa::isInstalled).forEach(c -> ids.add(c.uniqueId()));
        }
        return ids;
    }

    static boolean allInstalled(Path status) {
        try {
            if (!Files.exists(status)) {
                return false;
            }
            JsonNode root = Fixtures.parse(Files.readString(status));
            if (!root.path("charon").path("connected").asBoolean() || root.path("connections").size() != N) {
                return false;
            }
            for (JsonNode c : root.path("connections")) {
                for (JsonNode ch : c.path("children")) {
                    if (!"installed".equals(ch.path("state").asText())) {
                        return false;
                    }
                }
            }
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false; // being replaced
        }
    }

    /** The i-th address on the gateway's lo (1: its first host). */
    static String host(Gateway g, int i) {
        String first = g.host();
        String prefix = first.substring(0, first.lastIndexOf('.') + 1);
        return prefix + (Integer.parseInt(first.substring(first.lastIndexOf('.') + 1)) + i - 1);
    }

    static String desiredYaml(Gateway a, Gateway b) {
        StringBuilder y = new StringBuilder("controller:\n  owner: process-fault\n  resync: 2s\nconnections:\n");
        StringBuilder ids = new StringBuilder();
        for (int i = 1; i <= N; i++) {
            y.append("  t").append(i).append(":\n    local_addrs: ").append(a.address())
                    .append("\n    remote_addrs: ").append(b.address())
                    .append("\n    local: {auth: psk, id: a-").append(i).append("}\n    remote: {auth: psk, id: b-")
                    .append(i).append("}\n    children:\n      t").append(i).append(": {local_ts: ").append(host(a, i))
                    .append("/32, remote_ts: ").append(host(b, i)).append("/32, esp_proposals: aes128gcm16, ensure: up}\n");
            ids.append(i == 1 ? "" : ", ").append("a-").append(i).append(", b-").append(i);
        }
        return y.append("secrets:\n  ike-all: {id: [").append(ids).append("], secret: adopt-secret}\n").toString();
    }

    static String responderConf(Gateway a, Gateway b) {
        StringBuilder c = new StringBuilder("connections {\n");
        StringBuilder ids = new StringBuilder();
        for (int i = 1; i <= N; i++) {
            c.append("  t").append(i).append(" {\n    local_addrs = ").append(b.address())
                    .append("\n    remote_addrs = ").append(a.address())
                    .append("\n    local {\n      auth = psk\n      id = b-").append(i)
                    .append("\n    }\n    remote {\n      auth = psk\n      id = a-").append(i)
                    .append("\n    }\n    children {\n      t").append(i).append(" {\n        local_ts = ")
                    .append(host(b, i)).append("/32\n        remote_ts = ").append(host(a, i))
                    .append("/32\n        esp_proposals = aes128gcm16\n      }\n    }\n  }\n");
            ids.append("    id-a").append(i).append(" = a-").append(i).append("\n    id-b").append(i).append(" = b-")
                    .append(i).append('\n');
        }
        return c.append("}\nsecrets {\n  ike-all {\n").append(ids).append("    secret = adopt-secret\n  }\n}\n")
                .toString();
    }
}
