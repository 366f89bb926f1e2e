package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.LabSupport.awaitStatus;
import static org.vici4j.controller.LabSupport.childIs;
import static org.vici4j.controller.LabSupport.controller;
import static org.vici4j.controller.LabSupport.eventually;
import static org.vici4j.controller.LabSupport.installed;
import static org.vici4j.controller.LabSupport.listSas;
import static org.vici4j.controller.LabSupport.responder;
import static org.vici4j.controller.LabSupport.tunnel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.status.StatusFile;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/** The controller against two real charons on libipsec: tunnels install, stay, and come back. */
class ControllerTunnelIT {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();

    @TempDir
    Path dir;

    private Gateway a;
    private Gateway b;

    @BeforeEach
    void freshDaemons() {
        a = LAB.gateway("a");
        b = LAB.gateway("b");
        a.restart(Backend.LIBIPSEC);
        b.restart(Backend.LIBIPSEC);
        responder(b, a);
    }

    @Test
    void applyInstallsTheTunnelAndASecondApplyChangesNothing() throws Exception {
        List<IkeSa> first;
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            assertThat(s.charon().connected()).isTrue();
            assertThat(s.charon().version()).startsWith("5.");
            assertThat(installed(a)).isTrue();
            first = listSas(a);
            assertThat(new StatusFile(dir.resolve("status.json")).read().child("net", "net").orElseThrow().state())
                    .isEqualTo(ChildState.INSTALLED);
        }
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
    void charonRestartIsHealedByReapplyingEverything() throws Exception {
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(30), childIs(ChildState.INSTALLED));
            a.restart(Backend.LIBIPSEC); // everything loaded is gone
            eventually(Duration.ofSeconds(45), "connection loaded and tunnel up again after the restart",
                    () -> LabSupport.conns(a).contains("net") && installed(a));
            awaitStatus(c, Duration.ofSeconds(15), s -> s.charon().connected()
                    && childIs(ChildState.INSTALLED).test(s));
        }
    }
}
