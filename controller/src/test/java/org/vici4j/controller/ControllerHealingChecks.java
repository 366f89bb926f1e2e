package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.controller.LabSupport.awaitStatus;
import static org.vici4j.controller.LabSupport.childIs;
import static org.vici4j.controller.LabSupport.controller;
import static org.vici4j.controller.LabSupport.installed;
import static org.vici4j.controller.LabSupport.tunnel;
import static org.vici4j.controller.testing.LabProbes.conns;
import static org.vici4j.controller.testing.LabProbes.eventually;
import static org.vici4j.controller.testing.LabProbes.listSas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vici4j.client.ViciClient;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.lab.Backend;
import org.vici4j.lab.Gateway;
import org.vici4j.lab.TunnelConfig;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.CharonStatus;

/**
 * What others do to charon behind the controller's back, and what bad input must not do: a connection unloaded over
 * VICI comes back; a connection loaded with swanctl and not in the YAML is left alone; invalid YAML applies nothing;
 * a connection removed from the YAML is terminated and unloaded while the others stay ({@link ControllerHealingIT}:
 * strongSwan 5.9, {@link ControllerHealingStrongSwan6IT}: 6.x).
 */
abstract class ControllerHealingChecks extends ControllerLabChecks {

    @BeforeEach
    void freshDaemons() {
        restart(Backend.LIBIPSEC, Backend.LIBIPSEC);
    }

    /** A second tunnel "extra" between the gateways' first hosts, with its own identities and PSK. */
    private String extraSwanctl(Gateway local, Gateway remote) {
        return "  extra {\n    local_addrs = " + local.address() + "\n    remote_addrs = " + remote.address() + "\n"
                + "    local {\n      auth = psk\n      id = " + local.name() + "-extra\n    }\n"
                + "    remote {\n      auth = psk\n      id = " + remote.name() + "-extra\n    }\n"
                + "    children {\n      extra {\n        local_ts = " + local.host() + "/32\n"
                + "        remote_ts = " + remote.host() + "/32\n        esp_proposals = aes128gcm16\n      }\n"
                + "    }\n  }\n";
    }

    private String extraSecretSwanctl(Gateway local, Gateway remote) {
        return "  ike-extra {\n    id-1 = " + local.name() + "-extra\n    id-2 = " + remote.name()
                + "-extra\n    secret = extra-secret\n  }\n";
    }

    /** b answers for net and extra. */
    private void responderForBoth() {
        TunnelConfig net = TunnelConfig.psk("net", b, a).secret("lab-secret");
        var r = b.loadSwanctlConf("connections {\n" + net.connectionSection() + extraSwanctl(b, a) + "}\nsecrets {\n"
                + net.secretSection() + extraSecretSwanctl(b, a) + "}\n");
        assertThat(r.succeeded()).as("swanctl --load-all on b: %s", r.output()).isTrue();
    }

    private String yamlNet() {
        return "controller:\n  resync: 2s\n" + LabSupport.netYaml(a, b, "up");
    }

    private String yamlExtraConnection() {
        return """
                  extra:
                    local_addrs: %s
                    remote_addrs: %s
                    local: {auth: psk, id: a-extra}
                    remote: {auth: psk, id: b-extra}
                    children:
                      extra:
                        local_ts: %s/32
                        remote_ts: %s/32
                        esp_proposals: aes128gcm16
                        ensure: up
                """.formatted(a.address(), b.address(), a.host(), b.host());
    }

    private static String yamlSecrets(boolean extra) {
        return "secrets:\n  ike-net: {id-1: a, id-2: b, secret: lab-secret}\n"
                + (extra ? "  ike-extra: {id-1: a-extra, id-2: b-extra, secret: extra-secret}\n" : "");
    }

    private static List<String> sharedKeys(Gateway g) {
        try (ViciClient client = ViciClient.connect(g.viciUri())) {
            return client.await(client.request("get-shared", ViciSection.empty())).list("keys");
        }
    }

    private static Optional<IkeSa> ikeSa(Gateway g, String name) {
        return listSas(g).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private static boolean childInstalled(Gateway g, String conn) {
        return ikeSa(g, conn).map(i -> i.childSas().stream().anyMatch(c -> c.name().equals(conn) && c.isInstalled()))
                .orElse(false);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Sends a signal to every process of the gateway's network namespace (its charon). */
    private static void signal(Gateway g, String sig) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "kill -" + sig + " $(ip netns pids " + g.namespace() + ")")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("kill -%s in %s: %s", sig, g.namespace(), out).isZero();
    }

    /**
     * A frozen charon (SIGSTOP, as a debugger or an overloaded host would) is reported {@code unresponsive} by the
     * heartbeat, with the reason, within 20 s; when it runs again it is {@code connected} again, and the tunnel that
     * stayed up is still the only one (no duplicate IKE_SA).
     */
    @Test
    void frozenCharonIsReportedUnresponsiveAndConnectedAgainWhenItRunsAgain() throws Exception {
        LabSupport.responder(b, a);
        try (var c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(60), childIs(org.vici4j.controller.status.ChildState.INSTALLED));
            long frozenAt = System.nanoTime();
            signal(a, "STOP");
            try {
                var s = awaitStatus(c, Duration.ofSeconds(40),
                        st -> st.charon().state() == org.vici4j.controller.status.CharonStatus.State.UNRESPONSIVE);
                Duration detected = Duration.ofNanos(System.nanoTime() - frozenAt);
                assertThat(detected).isLessThan(Duration.ofSeconds(25));
                assertThat(s.charon().connected()).isFalse();
                assertThat(s.charon().problem()).contains("no answer");
                eventually(Duration.ofSeconds(5), "the status file says unresponsive",
                        () -> read(dir.resolve("status.json")).contains("\"unresponsive\""));
                System.out.println("frozen charon reported unresponsive after " + detected.toMillis() + " ms");
            } finally {
                signal(a, "CONT");
            }
            var ok = awaitStatus(c, Duration.ofSeconds(40), st -> st.charon().connected()
                    && childIs(org.vici4j.controller.status.ChildState.INSTALLED).test(st));
            assertThat(ok.charon().problem()).isNull();
            assertThat(listSas(a)).filteredOn(i -> i.name().equals("net")).hasSize(1);
        }
    }

    @Test
    void connectionUnloadedOverViciBySomeoneElseIsRestored() throws Exception {
        LabSupport.responder(b, a);
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            try (ViciClient other = ViciClient.connect(a.viciUri())) {
                ViciSection r = other.await(other.request("unload-conn", ViciSection.builder().add("name", "net")
                        .build()));
                assertThat(r.bool("success")).as("unload-conn: %s", r).isTrue();
            }
            // found missing at the next resync (2 s) and loaded again; the tunnel is (or comes back) up
            eventually(Duration.ofSeconds(20), "net loaded again", () -> conns(a).contains("net"));
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            eventually(Duration.ofSeconds(30), "tunnel installed", () -> installed(a));
            assertThat(sharedKeys(a)).contains("ike-net");
        }
    }

    @Test
    void connectionLoadedWithSwanctlAndNotInTheYamlSurvivesApplyAndResyncs() throws Exception {
        responderForBoth();
        // "extra" belongs to swanctl on a: loaded and initiated before the controller runs
        var r = a.loadSwanctlConf("connections {\n" + extraSwanctl(a, b) + "}\nsecrets {\n" + extraSecretSwanctl(a, b)
                + "}\n");
        assertThat(r.succeeded()).isTrue();
        assertThat(a.swanctl("--initiate", "--child", "extra", "--timeout", "10").succeeded()).isTrue();
        long extraId = ikeSa(a, "extra").orElseThrow().uniqueId();

        DesiredState state = DesiredStateLoader.parse(yamlNet() + yamlSecrets(false), "net.yaml");
        try (Controller c = controller(a, dir, state)) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            // a re-apply and several resyncs later, swanctl's connection, secret and SA are untouched
            c.updateDesiredState(DesiredStateLoader.parse(yamlNet() + yamlSecrets(false), "net.yaml"));
            Thread.sleep(5_000);
            awaitStatus(c, Duration.ofSeconds(10), childIs(ChildState.INSTALLED));
            assertThat(conns(a)).contains("net", "extra");
            assertThat(sharedKeys(a)).contains("ike-extra", "ike-net");
            assertThat(ikeSa(a, "extra").orElseThrow().uniqueId()).isEqualTo(extraId);
            assertThat(childInstalled(a, "extra")).isTrue();
            assertThat(c.status().connection("extra")).isEmpty();
        }
        // the controller's owned list names only what it loaded
        String owned = Files.readString(dir.resolve("status.json.owned.json"));
        assertThat(owned).contains("\"net\"").doesNotContain("\"extra\"");
    }

    @Test
    void invalidYamlAppliesNothing() throws Exception {
        LabSupport.responder(b, a);
        Path file = dir.resolve("gw.yaml");
        String bad = yamlNet() + yamlExtraConnection()
                .replace("remote_addrs: " + b.address(), "remote_addrs: 192.0.2.999")
                .replace("esp_proposals", "esp_proposal")
                + yamlSecrets(true);
        Files.writeString(file, bad);

        // nothing running yet: the loader refuses the file, charon gets nothing
        assertThatThrownBy(() -> DesiredStateLoader.load(file)).isInstanceOf(ConfigValidationException.class)
                .hasMessageMatching("(?s).*gw\\.yaml:\\d+:\\d+: connections\\.extra\\.remote_addrs.*'192\\.0\\.2\\.999'.*")
                .hasMessageMatching("(?s).*gw\\.yaml:\\d+:\\d+: connections\\.extra\\.children\\.extra\\.esp_proposal: "
                        + "unknown option.*did you mean esp_proposals.*");
        ConfigValidationException e = catchValidation(file);
        assertThat(e.problems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.file()).endsWith("gw.yaml");
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
        });
        assertThat(e.problems().get(0).line()).isEqualTo(lineOf(bad, "192.0.2.999"));
        assertThat(e.problems().get(0).column()).isEqualTo(columnOf(bad, "192.0.2.999"));
        assertThat(conns(a)).isEmpty();
        assertThat(sharedKeys(a)).isEmpty();

        // a running controller with a valid state: the invalid update is refused and nothing changes in charon
        Files.writeString(file, yamlNet() + yamlSecrets(false));
        try (Controller c = controller(a, dir, DesiredStateLoader.load(file))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            long netId = ikeSa(a, "net").orElseThrow().uniqueId();
            DesiredState before = c.desiredState();
            Files.writeString(file, bad);
            assertThatThrownBy(() -> c.updateDesiredState(DesiredStateLoader.load(file)))
                    .isInstanceOf(ConfigValidationException.class);
            Thread.sleep(4_500); // two resyncs
            assertThat(c.desiredState()).isSameAs(before);
            assertThat(conns(a)).containsExactly("net");
            assertThat(sharedKeys(a)).containsExactly("ike-net");
            assertThat(ikeSa(a, "net").orElseThrow().uniqueId()).isEqualTo(netId);
            assertThat(c.status().connections()).extracting(ConnectionStatus::name).containsExactly("net");
        }
    }

    @Test
    void connectionRemovedFromTheYamlIsTerminatedAndUnloadedAndTheOthersStay() throws Exception {
        responderForBoth();
        Path file = dir.resolve("gw.yaml");
        Files.writeString(file, yamlNet() + yamlExtraConnection() + yamlSecrets(true));
        try (Controller c = controller(a, dir, DesiredStateLoader.load(file))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), s -> childIs(ChildState.INSTALLED).test(s)
                    && s.child("extra", "extra").map(ch -> ch.state() == ChildState.INSTALLED).orElse(false));
            long netId = ikeSa(a, "net").orElseThrow().uniqueId();
            assertThat(childInstalled(a, "extra")).isTrue();

            Files.writeString(file, yamlNet() + yamlSecrets(false));
            c.updateDesiredState(DesiredStateLoader.load(file));
            eventually(Duration.ofSeconds(30), "extra unloaded, its IKE_SA terminated and its secret unloaded",
                    () -> !conns(a).contains("extra") && ikeSa(a, "extra").isEmpty()
                            && !sharedKeys(a).contains("ike-extra"));
            awaitStatus(c, Duration.ofSeconds(10), s -> s.connection("extra").isEmpty());
            assertThat(conns(a)).containsExactly("net");
            assertThat(ikeSa(a, "net").orElseThrow().uniqueId()).isEqualTo(netId);
            assertThat(childInstalled(a, "net")).isTrue();
            assertThat(sharedKeys(a)).containsExactly("ike-net");
        }
    }

    private static ConfigValidationException catchValidation(Path file) {
        try {
            DesiredStateLoader.load(file);
        } catch (ConfigValidationException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigValidationException");
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    private static int columnOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at - text.lastIndexOf('\n', at - 1);
    }
}
