package org.vici4j.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vici4j.lab.internal.LabScript;

/** Creating, naming, destroying and cleaning up labs, and what the script says when it cannot run. */
class LabLifecycleIT {
    private final LabScript script = LabScript.extract();

    private static String namespaces() {
        return LabScript.exec(List.of("ip", "netns", "list"), Duration.ofSeconds(10)).stdout();
    }

    private static String charonProcessesIn(String namespace) {
        return LabScript.exec(List.of("ip", "netns", "pids", namespace), Duration.ofSeconds(10)).stdout().strip();
    }

    @Test
    void twoLabsAtOnceDoNotCollideAndCloseLeavesNothingBehind() {
        String ns1;
        String ns2;
        try (CharonLab one = CharonLab.builder().gateway("x", Backend.LIBIPSEC).gateway("y", Backend.NETLINK).start();
             CharonLab two = CharonLab.builder().gateway("x", Backend.LIBIPSEC).gateway("y", Backend.LIBIPSEC).start()) {
            assertThat(one.name()).isNotEqualTo(two.name());
            ns1 = one.gateway("x").namespace();
            ns2 = two.gateway("x").namespace();
            assertThat(ns1).isNotEqualTo(ns2);
            assertThat(one.gateway("x").socketPath()).isNotEqualTo(two.gateway("x").socketPath());
            assertThat(one.gateway("y").backend()).isEqualTo(Backend.NETLINK);
            assertThat(charonProcessesIn(ns1)).isNotEmpty();
            assertThat(namespaces()).contains(ns1).contains(ns2);
        }
        assertThat(namespaces()).doesNotContain(ns1).doesNotContain(ns2);
    }

    @Test
    void hubAndTwoSpokesShareABridge() {
        try (CharonLab lab = CharonLab.builder()
                .gateway("hub", Backend.LIBIPSEC)
                .gateway("spoke1", Backend.LIBIPSEC)
                .gateway("spoke2", Backend.LIBIPSEC)
                .start()) {
            Gateway hub = lab.gateway("hub");
            Gateway spoke1 = lab.gateway("spoke1");
            Gateway spoke2 = lab.gateway("spoke2");
            hub.loadSwanctlConf("connections {\n" + TunnelConfig.psk("s1", hub, spoke1).connectionSection()
                    + TunnelConfig.psk("s2", hub, spoke2).connectionSection() + "}\nsecrets {\n"
                    + TunnelConfig.psk("s1", hub, spoke1).secretSection()
                    + TunnelConfig.psk("s2", hub, spoke2).secretSection() + "}\n");
            spoke1.loadSwanctlConf(TunnelConfig.psk("s1", spoke1, hub).toSwanctlConf());
            spoke2.loadSwanctlConf(TunnelConfig.psk("s2", spoke2, hub).toSwanctlConf());

            for (Gateway spoke : List.of(spoke1, spoke2)) {
                String child = spoke == spoke1 ? "s1" : "s2";
                ProcessResult r = spoke.swanctl("--initiate", "--child", child, "--timeout", "20");
                assertThat(r.exitCode()).as(r.output()).isZero();
            }
            String hubSas = hub.swanctl("--list-sas").stdout();
            assertThat(hubSas).containsPattern("s1: #\\d+, reqid \\d+, INSTALLED")
                    .containsPattern("s2: #\\d+, reqid \\d+, INSTALLED");
            // The spokes reach each other's link address across the bridge.
            assertThat(spoke1.exec("ping", "-c", "1", "-W", "3", spoke2.address()).exitCode()).isZero();
        }
    }

    @Test
    void staleLabOfADeadOwnerIsDestroyed() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        String lab = script.check("create", "--owner", Long.toString(dead.pid()), "s:libipsec").strip();
        assertThat(namespaces()).contains(lab + "-s");
        String out = script.check("destroy-stale");
        assertThat(out).contains("destroying lab " + lab);
        assertThat(namespaces()).doesNotContain(lab + "-s");
        assertThat(Path.of("/tmp/vici4j-lab", lab)).doesNotExist();
    }

    @Test
    void orphanNamespaceWithoutStateIsRemoved() {
        String orphan = "v4jorphan" + ProcessHandle.current().pid() % 1000 + "-gw";
        LabScript.exec(List.of("ip", "netns", "add", orphan), Duration.ofSeconds(10));
        assertThat(namespaces()).contains(orphan);
        assertThat(script.check("destroy-stale")).contains("removing namespace " + orphan);
        assertThat(namespaces()).doesNotContain(orphan);
    }

    @Test
    void missingCharonIsNamedWithTheFix() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.path().toString(), "check");
        Map<String, String> env = pb.environment();
        env.put("VICI4J_CHARON", "/nonexistent/charon");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(out).contains("charon: /nonexistent/charon not found").contains("apt-get install -y strongswan-charon");
    }

    @Test
    void badArgumentsGetAClearUsageError() {
        ProcessResult r = script.run(List.of("create", "a:kernel"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("unknown backend 'kernel': use libipsec or netlink");
        assertThatThrownBy(() -> script.check("info", "v4jnosuchlab"))
                .isInstanceOf(LabException.class).hasMessageContaining("no lab 'v4jnosuchlab'");
        assertThatThrownBy(() -> CharonLab.builder().gateway("Bad_Name", Backend.LIBIPSEC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase letter");
    }

    @Test
    void failingStartCleansUpEverything() {
        String gw = "fail" + ProcessHandle.current().pid() % 100000;
        ProcessBuilder pb = new ProcessBuilder("bash", script.path().toString(), "create", gw + ":libipsec");
        pb.environment().put("VICI4J_CHARON", "/bin/false");
        pb.environment().put("VICI4J_LAB_START_TIMEOUT", "1");
        ProcessResult r;
        try {
            Process p = pb.start();
            String err = new String(p.getErrorStream().readAllBytes());
            r = new ProcessResult(p.waitFor(), new String(p.getInputStream().readAllBytes()), err);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("did not open its vici socket within 1s");
        assertThat(namespaces()).doesNotContainPattern("v4j[0-9a-f]{8}-" + gw + "\\b");
        try (var dirs = Files.list(Path.of("/tmp/vici4j-lab"))) {
            assertThat(dirs.map(d -> d.getFileName().toString()).filter(n -> {
                return Files.exists(Path.of("/tmp/vici4j-lab", n, "gw", gw));
            })).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
