package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.LabSupport.awaitStatus;
import static org.vici4j.controller.testing.LabProbes.listSas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.testing.LabProbes;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.ChildState;

/**
 * Faults at a scale where they hurt: 200 tunnels (one connection, one IKE_SA and one CHILD_SA each, /32 selectors)
 * between two real charons, with the controller's default settings except where a fault needs a shorter wait.
 */
class ControllerFaultIT {

    static final int N = 200;

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).hostsPerGateway(N).build();

    @TempDir
    Path dir;

    /** The desired state of gateway a, and b's swanctl.conf answering it. */
    record Tunnels(DesiredState desired, String responderConf) {
    }

    static Tunnels tunnels(Gateway a, Gateway b) {
        StringBuilder yaml = new StringBuilder("connections:\n");
        StringBuilder conf = new StringBuilder("connections {\n");
        for (int i = 1; i <= N; i++) {
            String ha = ControllerScaleIT.host(a, i);
            String hb = ControllerScaleIT.host(b, i);
            yaml.append("  t").append(i).append(":\n")
                    .append("    local_addrs: ").append(a.address()).append('\n')
                    .append("    remote_addrs: ").append(b.address()).append('\n')
                    .append("    local: {auth: psk, id: a-").append(i).append("}\n")
                    .append("    remote: {auth: psk, id: b-").append(i).append("}\n")
                    .append("    children:\n      t").append(i).append(": {local_ts: ").append(ha)
                    .append("/32, remote_ts: ").append(hb).append("/32, esp_proposals: aes128gcm16, ensure: up}\n");
            conf.append("  t").append(i).append(" {\n    local_addrs = ").append(b.address())
                    .append("\n    remote_addrs = ").append(a.address())
                    .append("\n    local {\n      auth = psk\n      id = b-").append(i)
                    .append("\n    }\n    remote {\n      auth = psk\n      id = a-").append(i)
                    .append("\n    }\n    children {\n      t").append(i).append(" {\n        local_ts = ")
                    .append(hb).append("/32\n        remote_ts = ").append(ha)
                    .append("/32\n        esp_proposals = aes128gcm16\n      }\n    }\n  }\n");
        }
        // one PSK for every identity (each tunnel has its own pair, so that charon tells the IKE_SAs apart)
        StringBuilder ids = new StringBuilder();
        StringBuilder confIds = new StringBuilder();
        for (int i = 1; i <= N; i++) {
            ids.append(i == 1 ? "" : ", ").append("a-").append(i).append(", b-").append(i);
            confIds.append("    id-a").append(i).append(" = a-").append(i).append("\n    id-b").append(i)
                    .append(" = b-").append(i).append('\n');
        }
        yaml.append("secrets:\n  ike-all: {id: [").append(ids).append("], secret: fault-secret}\n");
        conf.append("}\nsecrets {\n  ike-all {\n").append(confIds).append("    secret = fault-secret\n  }\n}\n");
        return new Tunnels(DesiredStateLoader.parse(yaml.toString(), "faults.yaml"), conf.toString());
    }

    static boolean allInstalled(ControllerStatus s) {
        return s.charon().connected() && s.connections().size() == N && s.connections().stream()
                .allMatch(c -> c.children().stream().allMatch(ch -> ch.state() == ChildState.INSTALLED));
    }

    /** Every tunnel has exactly one IKE_SA with its CHILD_SA installed: nothing missing, nothing duplicated. */
    static void exactlyOneSaPerTunnel(Gateway a) {
        List<IkeSa> sas = listSas(a);
        Map<String, Long> perConn = sas.stream().collect(Collectors.groupingBy(IkeSa::name, Collectors.counting()));
        assertThat(perConn).hasSize(N);
        assertThat(perConn.values()).allMatch(n -> n == 1);
        assertThat(sas).allMatch(i -> i.childSas().stream().filter(cs -> cs.isInstalled()).count() == 1);
    }

    /** Both charons restarted empty; b answers the N tunnels. @return a's desired state */
    private static Tunnels freshPair() {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        a.restart(Backend.LIBIPSEC);
        b.restart(Backend.LIBIPSEC);
        Tunnels t = tunnels(a, b);
        var r = b.loadSwanctlConf(t.responderConf());
        assertThat(r.succeeded()).as(r.output()).isTrue();
        return t;
    }

    private static void kill(Gateway g) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "kill -KILL $(ip netns pids " + g.namespace() + ")")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("kill -KILL in %s: %s", g.namespace(), out).isZero();
    }

    /**
     * SIGKILL of the local charon while the controller loads 200 connections, then charon is started again (empty):
     * the controller re-applies everything on its own and all 200 tunnels are back, each exactly once.
     */
    @Test
    void charonKilledWhileTwoHundredConnectionsAreLoadedComesBackWithAllOfThem() throws Exception {
        Gateway a = LAB.gateway("a");
        Tunnels t = freshPair();
        try (Controller c = Controller.builder().uri(a.viciUri()).desiredState(t.desired())
                .statusFile(dir.resolve("status.json")).reconnectDelay(Duration.ofMillis(500)).build()) {
            c.start();
            // in the middle of loading: the first connections are in charon, the pass is not done
            LabProbes.eventually(Duration.ofSeconds(30), "the controller started loading",
                    () -> !LabProbes.conns(a).isEmpty());
            kill(a);
            long killedAt = System.nanoTime();
            a.start(Backend.LIBIPSEC);
            awaitStatus(c, Duration.ofSeconds(180), ControllerFaultIT::allInstalled);
            Duration back = Duration.ofNanos(System.nanoTime() - killedAt);
            exactlyOneSaPerTunnel(a);
            System.out.println("charon SIGKILLed while loading " + N + " connections: all back in " + back.toMillis()
                    + " ms");
        }
    }

    /**
     * A controller that stops (as after kill -9: no clean-up runs, the files stay as they were) and is started again
     * adopts the running tunnels: no SA is re-negotiated (unique ids unchanged), no connection is loaded again.
     */
    @Test
    void restartedControllerAdoptsTheRunningTunnelsWithoutTouchingThem() throws Exception {
        Gateway a = LAB.gateway("a");
        Tunnels t = freshPair();
        Map<String, Long> before;
        try (Controller c = Controller.builder().uri(a.viciUri()).desiredState(t.desired())
                .statusFile(dir.resolve("status.json")).build()) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(180), ControllerFaultIT::allInstalled);
            before = listSas(a).stream().collect(Collectors.toMap(IkeSa::name, IkeSa::uniqueId));
        }
        try (Controller c = Controller.builder().uri(a.viciUri()).desiredState(t.desired())
                .statusFile(dir.resolve("status.json")).build()) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(60), ControllerFaultIT::allInstalled);
            Map<String, Long> after = listSas(a).stream().collect(Collectors.toMap(IkeSa::name, IkeSa::uniqueId));
            assertThat(after).isEqualTo(before);
            assertThat(c.requestCounts()).doesNotContainKeys("initiate", "load-conn");
            exactlyOneSaPerTunnel(a);
        }
    }
}
