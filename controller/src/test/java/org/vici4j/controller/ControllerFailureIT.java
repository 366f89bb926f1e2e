package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.LabSupport.awaitStatus;
import static org.vici4j.controller.LabSupport.childIs;
import static org.vici4j.controller.LabSupport.controller;
import static org.vici4j.controller.LabSupport.listSas;
import static org.vici4j.controller.LabSupport.responder;
import static org.vici4j.controller.LabSupport.tunnel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/** Real CHILD_SA install failures (kernel-netlink on a kernel without ESP), classified, retried and recovered. */
class ControllerFailureIT {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.NETLINK).gateway("b", Backend.LIBIPSEC).build();

    @TempDir
    Path dir;

    @Test
    void initiatorKernelFailureIsLocalRetriedWithGrowingDelaysAndRecoversOnLibipsec() throws Exception {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        a.restart(Backend.NETLINK);
        b.restart(Backend.LIBIPSEC);
        responder(b, a);
        LabSupport.Recorder rec = new LabSupport.Recorder();
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.addListener(rec);
            c.start();
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(60),
                    st -> st.child("net", "net").map(ch -> ch.attempts() >= 3 && ch.state() == ChildState.RETRYING)
                            .orElse(false));
            ChildStatus ch = s.child("net", "net").orElseThrow();
            Failure f = ch.lastFailure();
            assertThat(f.failureClass()).isEqualTo(FailureClass.INSTALL_CHILD_SA_FAILED);
            assertThat(f.side()).isEqualTo(Side.LOCAL);
            assertThat(f.evidence()).anyMatch(l -> l.contains("unable to install inbound and outbound IPsec SA (SAD)")
                    || l.contains("unable to add SAD entry"));

            // growing delays: nextAttemptAt - failure time, per attempt
            Map<Integer, Duration> delays = new LinkedHashMap<>();
            for (ChildStatus x : rec.child("net", "net")) {
                if (x.state() == ChildState.RETRYING && x.nextAttemptAt() != null && x.lastFailure() != null) {
                    delays.putIfAbsent(x.attempts(), Duration.between(x.lastFailure().at(), x.nextAttemptAt()));
                }
            }
            List<Duration> d = new ArrayList<>(delays.values());
            assertThat(d).hasSizeGreaterThanOrEqualTo(3);
            assertThat(d.get(1)).isGreaterThan(d.get(0));
            assertThat(d.get(2)).isGreaterThan(d.get(1));

            // the IKE_SA is reused, not duplicated
            List<IkeSa> sas = listSas(a);
            assertThat(sas).filteredOn(i -> i.name().equals("net")).hasSize(1);

            // the kernel backend gets fixed: charon restarts on libipsec and the controller brings the tunnel up
            a.restart(Backend.LIBIPSEC);
            ControllerStatus ok = awaitStatus(c, Duration.ofSeconds(60), childIs(ChildState.INSTALLED));
            assertThat(ok.child("net", "net").orElseThrow().attempts()).isZero();
        }
    }

    @Test
    void responderKernelFailureIsReportedAsPeerRejection() throws Exception {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        a.restart(Backend.LIBIPSEC);
        b.restart(Backend.NETLINK);
        responder(b, a);
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.start();
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(60),
                    st -> st.child("net", "net").map(ch -> ch.lastFailure() != null).orElse(false));
            Failure f = s.child("net", "net").orElseThrow().lastFailure();
            assertThat(f.failureClass()).isEqualTo(FailureClass.PROPOSAL_MISMATCH_CHILD);
            assertThat(f.side()).isEqualTo(Side.PEER);
            assertThat(f.notifyType()).isEqualTo("NO_PROPOSAL_CHOSEN");
            assertThat(f.message()).contains("peer rejected the CHILD_SA");
            assertThat(f.evidence()).anyMatch(l -> l.contains("received NO_PROPOSAL_CHOSEN notify"));
            Instant at = f.at();
            assertThat(at).isNotNull();
        }
    }

    @Test
    void responderKernelFailureIsRetriedAndRecoversWhenTheResponderIsFixed() throws Exception {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        a.restart(Backend.LIBIPSEC);
        b.restart(Backend.NETLINK);
        responder(b, a);
        LabSupport.Recorder rec = new LabSupport.Recorder();
        try (Controller c = controller(a, dir, tunnel(a, b))) {
            c.addListener(rec);
            c.start();
            ControllerStatus s = awaitStatus(c, Duration.ofSeconds(60),
                    st -> st.child("net", "net").map(ch -> ch.attempts() >= 2 && ch.state() == ChildState.RETRYING)
                            .orElse(false));
            long t0 = System.nanoTime();
            b.restart(Backend.LIBIPSEC);
            responder(b, a);
            ControllerStatus ok = awaitStatus(c, Duration.ofSeconds(240), childIs(ChildState.INSTALLED));
            System.out.println("RECOVERED after ms " + (System.nanoTime() - t0) / 1_000_000);
            System.out.println(a.log());
        }
    }
}
