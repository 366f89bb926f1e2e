package org.vici4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * Runs the example programs as separate JVMs against a real lab pair (hub = gateway 1, spoke1 = gateway 2, both on
 * libipsec), with the example configurations of examples/config, and stops them with SIGTERM.
 */
class EmbeddedControllerIT {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("hub", Backend.LIBIPSEC).gateway("spoke1", Backend.LIBIPSEC).build();

    private final List<Program> programs = new ArrayList<>();

    /** A running example program and the lines it printed. */
    private static final class Program {
        final Process process;
        final List<String> out = new CopyOnWriteArrayList<>();

        Program(Process process) {
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        out.add(line);
                    }
                } catch (IOException e) {
                    out.add("<output ended: " + e + ">");
                }
            });
            t.setDaemon(true);
            t.start();
        }

        void await(Duration timeout, String what, Predicate<String> line) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (out.stream().noneMatch(line)) {
                if (System.nanoTime() > end || !process.isAlive() && out.stream().noneMatch(line)) {
                    Thread.sleep(200); // the reader may still be draining
                    if (out.stream().anyMatch(line)) {
                        return;
                    }
                    throw new AssertionError("not within " + timeout + ": " + what + "; output so far:\n"
                            + String.join("\n", out));
                }
                Thread.sleep(100);
            }
        }
    }

    private Program run(Class<?> main, List<String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (int i = 0; i + 1 < env.size(); i += 2) {
            pb.environment().put(env.get(i), env.get(i + 1));
        }
        Program p = new Program(pb.start());
        programs.add(p);
        return p;
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Program p : programs) {
            if (p.process.isAlive()) {
                p.process.destroyForcibly();
                p.process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void stopWithSigterm(Program p) throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close our end of its output
        assertThat(p.process.toHandle().destroy()).isTrue();
        assertThat(p.process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        p.await(Duration.ofSeconds(5), "the shutdown hook's line", l -> l.equals("controller stopped"));
    }

    @Test
    void embeddedControllersWithTheExampleConfigsBringTheHubSpokeTunnelUp() throws Exception {
        Gateway hub = LAB.gateway("hub");
        Gateway spoke1 = LAB.gateway("spoke1");
        assertThat(hub.address()).isEqualTo("192.0.2.1"); // the addresses the example configurations use
        assertThat(spoke1.address()).isEqualTo("192.0.2.2");
        hub.restart(Backend.LIBIPSEC); // nothing left from other tests
        spoke1.restart(Backend.LIBIPSEC);
        Path config = Path.of("config").toAbsolutePath();
        assertThat(Files.exists(config.resolve("hub.yaml"))).isTrue();

        Program h = run(EmbeddedController.class, List.of(), hub.viciUri(), config.resolve("hub.yaml").toString());
        Program s = run(EmbeddedController.class, List.of(), spoke1.viciUri(), config.resolve("spoke1.yaml")
                .toString());
        s.await(Duration.ofSeconds(60), "the spoke's tunnel installed", l -> l.equals("hub/hub: installed (ensure up)"));
        h.await(Duration.ofSeconds(20), "the hub sees the spoke's tunnel",
                l -> l.equals("spoke1/spoke1: installed (ensure loaded)"));
        assertThat(s.out).contains("charon: connected (version 5.9.8)");
        String sas = spoke1.swanctl("--list-sas").stdout();
        assertThat(sas).contains("hub:").contains("INSTALLED");

        stopWithSigterm(s);
        stopWithSigterm(h);
        // stopping the controllers leaves the tunnel up
        assertThat(spoke1.swanctl("--list-sas").stdout()).contains("INSTALLED");
        assertThat(String.join("\n", s.out)).doesNotContain("hub-spoke1").doesNotContain("Exception");
    }

    @Test
    void theInCodeExampleBringsATunnelUp() throws Exception {
        Gateway hub = LAB.gateway("hub");
        Gateway spoke1 = LAB.gateway("spoke1");
        hub.restart(Backend.LIBIPSEC);
        spoke1.restart(Backend.LIBIPSEC);
        var r = spoke1.loadSwanctlConf(org.vici4j.lab.TunnelConfig.psk("net", spoke1, hub).secret("in-code-psk")
                .toSwanctlConf());
        assertThat(r.succeeded()).isTrue();
        Program p = run(DesiredStateInCode.class, List.of(DesiredStateInCode.PSK_VARIABLE, "in-code-psk"),
                hub.viciUri(), hub.address(), spoke1.address(), hub.subnet(), spoke1.subnet(), hub.name(),
                spoke1.name());
        p.await(Duration.ofSeconds(60), "the tunnel installed", l -> l.equals("net/net: installed (ensure up)"));
        assertThat(hub.swanctl("--list-sas").stdout()).contains("net:").contains("INSTALLED");
        stopWithSigterm(p);
        assertThat(String.join("\n", p.out)).doesNotContain("in-code-psk");
    }

    @Test
    void badArgumentsAndInvalidYamlAreReportedWithoutStartingAnything() throws Exception {
        Program usage = run(EmbeddedController.class, List.of());
        assertThat(usage.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(usage.process.exitValue()).isEqualTo(2);
        usage.await(Duration.ofSeconds(5), "usage", l -> l.startsWith("usage: EmbeddedController"));

        Path bad = Files.createTempFile("vici4j-example", ".yaml");
        try {
            Files.writeString(bad, "connections:\n  net:\n    remote_addrs: 192.0.2.999\n");
            Program invalid = run(EmbeddedController.class, List.of(), LAB.gateway("hub").viciUri(), bad.toString());
            assertThat(invalid.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(invalid.process.exitValue()).isEqualTo(1);
            invalid.await(Duration.ofSeconds(5), "the problem with file:line:column",
                    l -> l.matches(".*\\.yaml:3:19: connections\\.net\\.remote_addrs.*192\\.0\\.2\\.999.*"));
        } finally {
            Files.deleteIfExists(bad);
        }
    }
}
