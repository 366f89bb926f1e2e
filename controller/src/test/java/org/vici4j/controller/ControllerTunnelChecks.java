package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.LabSupport.awaitStatus;
import static org.vici4j.controller.LabSupport.childIs;
import static org.vici4j.controller.LabSupport.controller;
import static org.vici4j.controller.LabSupport.installed;
import static org.vici4j.controller.LabSupport.responder;
import static org.vici4j.controller.LabSupport.tunnel;
import static org.vici4j.controller.testing.LabProbes.eventually;
import static org.vici4j.controller.testing.LabProbes.listSas;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.StatusFile;
import org.vici4j.controller.testing.LabProbes;
import org.vici4j.lab.Backend;

/**
 * The controller against two real charons on libipsec: tunnels install, stay, and come back
 * ({@link ControllerTunnelIT}: strongSwan 5.9, {@link ControllerTunnelStrongSwan6IT}: 6.x).
 */
abstract class ControllerTunnelChecks extends ControllerLabChecks {

    @BeforeEach
    void freshDaemons() {
        restart(Backend.LIBIPSEC, Backend.LIBIPSEC);
        responder(b, a);
    }

    @Test
    void applyInstallsTheTunnelAndASecondApplyChangesNothing() throws Exception {
        List<IkeSa> first;
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            assertThat(s.charon().connected()).isTrue();
            assertThat(s.charon().version()).startsWith(strongSwan6() ? "6." : "5.");
            assertThat(installed(a)).isTrue();
            first = listSas(a);
        }
        // stop() wrote the latest status
        assertThat(new StatusFile(dir.resolve("status.json")).read().child("net", "net").orElseThrow().state())
                .isEqualTo(ChildState.INSTALLED);
        // apply again: a new controller process with the same files and desired state
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            List<IkeSa> second = listSas(a);
            assertThat(second).hasSize(1);
            assertThat(second.get(0).uniqueId()).isEqualTo(first.get(0).uniqueId());
            assertThat(second.get(0).childSas()).extracting(cs -> cs.uniqueId())
                    .containsExactlyElementsOf(first.get(0).childSas().stream().map(cs -> cs.uniqueId()).toList());
        }
        String status = Files.readString(dir.resolve("status.json"));
        assertThat(status).doesNotContain("lab-secret");
    }

    @Test
    void tunnelTerminatedByThePeerIsRestored() throws Exception {
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            long before = listSas(a).get(0).uniqueId();
            assertThat(b.swanctl("--terminate", "--ike", "net").succeeded()).isTrue();
            eventually(Duration.ofSeconds(30), "tunnel re-established with a new IKE_SA",
                    () -> installed(a) && listSas(a).get(0).uniqueId() != before);
            awaitStatus(c, Duration.ofSeconds(10), childIs(ChildState.INSTALLED));
        }
    }

    @Test
    void removalTerminatesAndUnloadsOnlyWhatTheControllerOwns() throws Exception {
        // a connection loaded with swanctl before the controller runs: not the controller's
        String manual = org.vici4j.lab.TunnelConfig.psk("manual", a, b).trafficSelectors("198.18.0.1/32",
                "198.18.4.1/32").toSwanctlConf();
        assertThat(a.loadSwanctlConf(manual).succeeded()).isTrue();
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            assertThat(LabProbes.conns(a)).contains("net", "manual");
            // unloading everything the controller loaded is refused (the prune guard) unless the new state allows it
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> c.updateDesiredState(org.vici4j.controller.config.DesiredState.empty()))
                    .isInstanceOf(PruneRefusedException.class);
            awaitStatus(c, Duration.ofSeconds(5), s -> s.refusal().isPresent());
            c.updateDesiredState(org.vici4j.controller.config.DesiredState.builder()
                    .controller(org.vici4j.controller.config.ControllerSettings.DEFAULT.withMaxPruneShare(1.0)).build());
            eventually(Duration.ofSeconds(30), "net unloaded and terminated",
                    () -> !LabProbes.conns(a).contains("net") && listSas(a).isEmpty());
            assertThat(LabProbes.conns(a)).contains("manual");
            awaitStatus(c, Duration.ofSeconds(5), s -> s.connections().isEmpty());
        }
    }

    @Test
    void swanctlLoadAllBySomeoneElseIsHealed() throws Exception {
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            // swanctl --load-all with a file that does not know the controller's connection and secret
            String manual = org.vici4j.lab.TunnelConfig.psk("manual", a, b).trafficSelectors("198.18.0.1/32",
                    "198.18.4.1/32").toSwanctlConf();
            assertThat(a.loadSwanctlConf(manual).succeeded()).isTrue();
            eventually(Duration.ofSeconds(20), "the controller's connection is loaded next to swanctl's",
                    () -> LabProbes.conns(a).containsAll(List.of("net", "manual")));
            assertThat(installed(a)).isTrue();
        }
    }

    @Test
    void controllerStartedBeforeCharonAppliesWhenCharonComesUp() throws Exception {
        a.stop();
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            assertThat(c.status().charon().connected()).isFalse();
            a.start(Backend.LIBIPSEC);
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(45), childIs(ChildState.INSTALLED));
            assertThat(s.charon().connected()).isTrue();
            assertThat(installed(a)).isTrue();
        }
    }

    @Test
    void trapPolicyIsInstalledAndReportedTrapped() throws Exception {
        String yaml = LabSupport.tunnelYaml(a, b, "lab-secret", "trap");
        try (Controller c = controller(a, dir, org.vici4j.controller.config.DesiredStateLoader.parse(yaml, "t.yaml"))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.TRAPPED));
            assertThat(a.swanctl("--list-pols", "--trap").stdout()).contains("net/net").contains(a.subnet());
            assertThat(listSas(a)).isEmpty();
        }
    }

    @Test
    void charonRestartIsHealedByReapplyingEverything() throws Exception {
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            a.restart(Backend.LIBIPSEC); // everything loaded is gone
            eventually(Duration.ofSeconds(45), "connection loaded and tunnel up again after the restart",
                    () -> LabProbes.conns(a).contains("net") && installed(a));
            awaitStatus(c, Duration.ofSeconds(15), s -> s.charon().connected()
                    && childIs(ChildState.INSTALLED).test(s));
        }
    }
}
