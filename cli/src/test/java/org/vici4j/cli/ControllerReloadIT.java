package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.testing.LabProbes.eventually;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.cli.testing.ConfigMapVolume;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;

/**
 * The real {@code bin/vici controller} process against a real charon: SIGHUP reloads when it was started under
 * {@code nohup} (SIGHUP ignored), {@code setsid} or neither; the file watcher keeps working after bursts of saves;
 * the prune guard refuses a file that would unload everything the controller loaded, and the connections stay in
 * charon.
 */
class ControllerReloadIT {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().gateway("a", Backend.LIBIPSEC).build();

    static String conn(String name, int n) {
        return """
                  %s:
                    local_addrs: 192.0.2.1
                    remote_addrs: 192.0.2.%d
                    local: {auth: psk, id: a}
                    remote: {auth: psk, id: %s}
                    children:
                      %s: {local_ts: 198.18.0.0/24, remote_ts: 198.18.%d.0/24}
                """.formatted(name, 100 + n, name, name, 100 + n);
    }

    static String config(String owner, String... names) {
        StringBuilder sb = new StringBuilder("controller:\n  owner: " + owner + "\nconnections:\n");
        for (int i = 0; i < names.length; i++) {
            sb.append(conn(names[i], i));
        }
        return sb.toString();
    }

    private static String uri() {
        return LAB.gateway("a").viciUri();
    }

    private static void kill(ViciProcess p, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(p.process().pid())).start().waitFor();
    }

    /** @return the signals ignored by the process, as /proc shows them */
    private static long ignoredSignals(ViciProcess p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.process().pid() + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return Long.parseUnsignedLong(line.substring(7).strip(), 16);
            }
        }
        throw new AssertionError("no SigIgn in /proc/" + p.process().pid() + "/status");
    }

    private static List<String> conns() {
        ViciProcess.Result r = ViciProcess.run("--uri", uri(), "list-conns");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> names = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isEmpty() && !line.startsWith(" ") && line.contains(": ")) {
                names.add(line.substring(0, line.indexOf(": ")));
            }
        }
        return names;
    }

    @Test
    void sighupReloadsUnderNohupSetsidAndPlainly() throws Exception {
        Path dir = Files.createTempDirectory("vici-hup");
        Path f = Files.writeString(dir.resolve("gw.yaml"), config("hup", "hup1"));
        for (List<String> wrapper : List.of(List.<String>of(), List.of("nohup"), List.of("setsid"),
                List.of("nohup", "setsid"))) {
            ViciProcess p = ViciProcess.startWrapped(wrapper, "--uri", uri(), "controller", "-f", f.toString(),
                    "--status-file", dir.resolve("status.json").toString());
            p.awaitStderr("controller started", Duration.ofSeconds(60));
            assertThat(ignoredSignals(p) & 1).as("SIGHUP ignored under " + wrapper).isZero();
            kill(p, "HUP");
            p.awaitStderr("vici: SIGHUP: reloaded 1 file: no change", Duration.ofSeconds(10));
            // a change reloads once: by SIGHUP, or by the watcher if it sees it first (the other then finds no change)
            Files.writeString(f, config("hup", "hup1", "hup2"));
            kill(p, "HUP");
            p.awaitStderr("reloaded 1 file: 1 connection changed (added hup2)", Duration.ofSeconds(10));
            eventually(Duration.ofSeconds(10), "hup2 loaded", () -> conns().contains("hup2"));
            Files.writeString(f, config("hup", "hup1"));
            kill(p, "HUP");
            p.awaitStderr("1 connection changed (removed hup2)", Duration.ofSeconds(10));
            assertThat(p.process().isAlive()).isTrue();
            kill(p, "TERM");
            ViciProcess.Result r = p.await(Duration.ofSeconds(30));
            assertThat(r.exit()).as(wrapper + ": " + r).isZero();
            assertThat(r.err()).as(wrapper + ": " + r).doesNotContain("warning").contains("stopping;");
        }
    }

    @Test
    void theJarRunUnderNohupWithoutTheLauncherSaysThatSighupWillNotReload() throws Exception {
        Path dir = Files.createTempDirectory("vici-hup-jar");
        Path f = Files.writeString(dir.resolve("gw.yaml"), config("hupjar", "hupjar1"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ViciProcess p = ViciProcess.startCommand(List.of("nohup", java, "-jar", ViciProcess.jar().toString(),
                "--uri", uri(), "controller", "-f", f.toString(), "--status-file", dir.resolve("status.json")
                        .toString()), Map.of());
        p.awaitStderr("controller started", Duration.ofSeconds(60));
        assertThat(ignoredSignals(p) & 1).isEqualTo(1);
        kill(p, "HUP"); // ignored: neither a reload nor the end
        Files.writeString(f, config("hupjar", "hupjar1", "hupjar2")); // the watcher still reloads
        p.awaitStderr("vici: gw.yaml changed: reloaded 1 file: 1 connection changed (added hupjar2)",
                Duration.ofSeconds(10));
        kill(p, "TERM");
        ViciProcess.Result r = p.await(Duration.ofSeconds(30));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("vici: warning: SIGHUP was ignored when this process started (nohup, or a"
                + " parent that ignores it), and Java cannot catch a signal that was ignored at start: SIGHUP will"
                + " not reload.").doesNotContain("SIGHUP: reload");
    }

    @Test
    void theWatcherKeepsReloadingAfterBurstsOfSaves() throws Exception {
        Path dir = Files.createTempDirectory("vici-burst");
        Path f = Files.writeString(dir.resolve("gw.yaml"), config("burst", "burst1"));
        ViciProcess p = ViciProcess.start("--uri", uri(), "controller", "-f", f.toString(), "--status-file",
                dir.resolve("status.json").toString());
        p.awaitStderr("controller started", Duration.ofSeconds(60));
        for (int round = 2; round <= 4; round++) {
            // two quick saves and an editor's swap file within a few milliseconds
            Files.writeString(f, config("burst", "burst1", "x" + round));
            Files.writeString(dir.resolve(".gw.yaml.swp"), "swap " + round);
            Files.writeString(f, config("burst", "burst1", "burst" + round));
            p.awaitStderr("vici: gw.yaml changed: reloaded 1 file: " + (round == 2 ? "1 connection changed (added"
                    + " burst2)" : "2 connections changed (added burst" + round + "; removed burst" + (round - 1)
                    + ")"), Duration.ofSeconds(10));
        }
        eventually(Duration.ofSeconds(10), "burst4 loaded and burst3 unloaded",
                () -> conns().contains("burst4") && !conns().contains("burst3"));
        kill(p, "TERM");
        ViciProcess.Result r = p.await(Duration.ofSeconds(30));
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("x2").doesNotContain("failed");
    }

    @Test
    void aConfigMapDirectoryIsFollowedThroughItsDataSwapsAndAnInvalidVersionKeepsThePreviousState()
            throws Exception {
        Path dir = Files.createTempDirectory("vici-configmap");
        ConfigMapVolume volume = ConfigMapVolume.create(dir.resolve("config"),
                Map.of("a.yaml", config("cm", "cm1")));
        ViciProcess p = ViciProcess.start("--uri", uri(), "controller", "-f", volume.dir().toString(),
                "--status-file", dir.resolve("status.json").toString());
        p.awaitStderr("controller started", Duration.ofSeconds(60));
        eventually(Duration.ofSeconds(20), "cm1 loaded", () -> conns().contains("cm1"));

        // the ConfigMap gains a key: the kubelet writes a new version and swaps ..data, then links b.yaml
        volume.update(Map.of("a.yaml", config("cm", "cm1"), "b.yaml", "connections:\n" + conn("cm2", 1)));
        p.awaitStderr("vici: b.yaml created: reloaded 2 files: 1 connection changed (added cm2)",
                Duration.ofSeconds(10));
        eventually(Duration.ofSeconds(10), "cm2 loaded", () -> conns().containsAll(List.of("cm1", "cm2")));

        // an invalid version: refused with the file and line, the previous desired state stays in force
        volume.update(Map.of("a.yaml", config("cm", "cm1"), "b.yaml", "connections:\n  cm2:\n    remote_adrs: x\n"));
        p.awaitStderr("vici: b.yaml changed: reload refused: invalid configuration (1 problem): "
                + volume.dir().resolve("b.yaml") + ":3:5: connections.cm2.remote_adrs: unknown option",
                Duration.ofSeconds(10));
        Thread.sleep(1000);
        assertThat(conns()).contains("cm1", "cm2");

        // a name in two files is refused, naming both
        volume.update(Map.of("a.yaml", config("cm", "cm1"), "b.yaml", "connections:\n" + conn("cm1", 1)));
        p.awaitStderr("vici: b.yaml changed: reload refused: invalid configuration (1 problem): "
                + volume.dir().resolve("b.yaml") + ":2:3: connections.cm1: duplicate name 'cm1', already declared at "
                + volume.dir().resolve("a.yaml"), Duration.ofSeconds(10));

        // the key removed again: cm2 is unloaded
        volume.update(Map.of("a.yaml", config("cm", "cm1")));
        p.awaitStderr("vici: b.yaml removed: reloaded 1 file: 1 connection changed (removed cm2)",
                Duration.ofSeconds(10));
        eventually(Duration.ofSeconds(10), "cm2 unloaded", () -> !conns().contains("cm2") && conns().contains("cm1"));
        kill(p, "TERM");
        assertThat(p.await(Duration.ofSeconds(30)).exit()).isZero();
    }

    @Test
    void aFileThatWouldUnloadEverythingIsRefusedAndTheConnectionsStay() throws Exception {
        Path dir = Files.createTempDirectory("vici-prune-guard");
        Path f = Files.writeString(dir.resolve("gw.yaml"), config("guard", "g1", "g2", "g3"));
        Path status = dir.resolve("status.json");
        ViciProcess p = ViciProcess.start("--uri", uri(), "controller", "-f", f.toString(), "--status-file",
                status.toString());
        p.awaitStderr("controller started", Duration.ofSeconds(60));
        eventually(Duration.ofSeconds(20), "g1-g3 loaded", () -> conns().containsAll(List.of("g1", "g2", "g3")));

        Files.writeString(f, "controller:\n  owner: guard\nconnections: {}\n"); // emptied on purpose, or by mistake
        p.awaitStderr("vici: gw.yaml changed: reload refused: it would unload everything this controller loaded (3"
                + " objects: connections g1, g2, g3) and keep none of it; keeping the previous desired state",
                Duration.ofSeconds(10));
        Thread.sleep(1000);
        assertThat(conns()).contains("g1", "g2", "g3");
        ViciProcess.Result st = ViciProcess.run("status", "--status-file", status.toString());
        assertThat(st.exit()).as(st.toString()).isEqualTo(1);
        assertThat(st.out()).contains("desired state: the latest change was refused at ")
                .contains("the previous one is in force: it would unload everything");

        Files.writeString(f, config("guard", "g1", "g2")); // one of three: a few objects may change
        p.awaitStderr("vici: gw.yaml changed: reloaded 1 file: 1 connection changed (removed g3)",
                Duration.ofSeconds(10));
        eventually(Duration.ofSeconds(10), "g3 unloaded", () -> !conns().contains("g3"));
        kill(p, "TERM");
        assertThat(p.await(Duration.ofSeconds(30)).exit()).isZero();

        // a controller started with a file that would unload everything loads it, but unloads nothing
        Files.writeString(f, "controller:\n  owner: guard\nconnections: {}\n");
        ViciProcess again = ViciProcess.start("--uri", uri(), "controller", "-f", f.toString(), "--status-file",
                status.toString());
        again.awaitStderr("vici: nothing unloaded: it would unload everything this controller loaded (2 objects:"
                + " connections g1, g2) and keep none of it (to confirm, set controller.maxPruneShare",
                Duration.ofSeconds(60));
        Thread.sleep(1000);
        assertThat(conns()).contains("g1", "g2");
        kill(again, "TERM");
        assertThat(again.await(Duration.ofSeconds(30)).exit()).isZero();

        // apply --prune: refused as a whole, unless confirmed
        String owned = status + ".owned.json";
        ViciProcess.Result refused = ViciProcess.run("--uri", uri(), "apply", "-f", f.toString(), "--prune",
                "--ownership-file", owned, "--wait", "0");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).startsWith("vici: apply --prune refused: it would unload everything this"
                + " controller loaded (2 objects: connections g1, g2)").contains("nothing was changed");
        assertThat(conns()).contains("g1", "g2");
        ViciProcess.Result confirmed = ViciProcess.run("--uri", uri(), "apply", "-f", f.toString(), "--prune",
                "--ownership-file", owned, "--wait", "0", "--allow-mass-prune");
        assertThat(confirmed.exit()).as(confirmed.toString()).isZero();
        assertThat(conns()).doesNotContain("g1", "g2");
    }
}
