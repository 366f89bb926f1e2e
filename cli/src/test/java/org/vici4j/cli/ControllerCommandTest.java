package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.StatusFile;

/**
 * {@code vici controller} in-process, against a charon that is not there (reloads do not need one): what each
 * reload says, SIGHUP, refusals of invalid files and of files the prune guard stops, and the status file.
 */
class ControllerCommandTest extends InProcessControllerTest {

    static String conn(String name, String remote) {
        return """
                  %s:
                    remote_addrs: %s
                    local: {auth: psk, id: a}
                    remote: {auth: psk, id: b}
                    children:
                      %s: {remote_ts: 198.18.4.0/22}
                """.formatted(name, remote, name);
    }

    private void start(String... args) throws Exception {
        launch(args);
        awaitErr("controller started");
    }

    private void awaitErr(String text) throws InterruptedException {
        awaitErr(text, 1);
    }

    private void awaitErr(String text, int times) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (count(err.toString(), text) < times) {
            if (run != null && run.isDone()) {
                throw new AssertionError("controller ended before printing '" + text + "':\n" + err);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + text + "' (" + times + "x) within 15 s:\n" + err);
            }
            Thread.sleep(20);
        }
    }

    private static int count(String s, String text) {
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void everyReloadSaysWhatCameOfIt() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "connections:\n" + conn("net", "192.0.2.2"));
        Path status = dir.resolve("status.json");
        start("controller", "-f", f.toString(), "--status-file", status.toString());

        signals.raise(SignalSource.Signal.HUP);
        awaitErr("vici: SIGHUP: reloaded 1 file: no change\n");

        Files.writeString(f, "connections:\n" + conn("net", "192.0.2.3") + conn("other", "192.0.2.4")
                + "secrets:\n  ike-x: {id: a, secret: s3cr3t}\n");
        awaitErr("vici: gw.yaml changed: reloaded 1 file: 2 connections changed (added other; changed net); secrets"
                + " changed: ike-x\n");

        Files.writeString(f, "connections:\n  net:\n    remote_addrs: [1.2.3]\n    bogus: 1\n");
        awaitErr("vici: gw.yaml changed: reload refused: invalid configuration (2 problems): " + f + ":3:20: ");
        assertThat(err.toString()).containsPattern("; " + java.util.regex.Pattern.quote(f.toString())
                + ":4:5: connections.net.bogus: unknown option 'bogus' \\(hint: [^\n]*\\); keeping the previous"
                + " desired state\n");
        awaitStatus(status, s -> s.refusal().isPresent() && s.connections().size() == 2);

        Files.writeString(f, "connections:\n" + conn("net", "192.0.2.3"));
        awaitErr("vici: gw.yaml changed: reloaded 1 file: 1 connection changed (removed other); secrets changed:"
                + " ike-x\n");
        awaitStatus(status, s -> s.refusal().isEmpty() && s.connections().size() == 1);

        // a change that changes nothing (a rewrite, an editor's swap file) says nothing
        Files.writeString(f, "connections:\n" + conn("net", "192.0.2.3"));
        Files.writeString(dir.resolve(".gw.yaml.swp"), "swap");
        Thread.sleep(1000);
        assertThat(count(err.toString(), ": reload")).isEqualTo(4);
        assertThat(err.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aFileThatWouldUnloadWhatTheControllerLoadedIsRefusedUntilConfirmed() throws Exception {
        StringBuilder six = new StringBuilder("connections:\n");
        for (int i = 1; i <= 6; i++) {
            six.append(conn("c" + i, "192.0.2." + i));
        }
        Path f = Files.writeString(dir.resolve("gw.yaml"), six.toString());
        Path status = dir.resolve("status.json");
        // what an earlier run loaded into charon
        Files.writeString(dir.resolve("status.json.owned.json"), "{\"owner\": \"vici4j\", \"connections\": [\"c1\","
                + " \"c2\", \"c3\", \"c4\", \"c5\", \"c6\"], \"secrets\": {}, \"pools\": [], \"authorities\": []}");
        start("controller", "-f", f.toString(), "--status-file", status.toString());

        Files.writeString(f, "connections: {}\n"); // emptied
        awaitErr("vici: gw.yaml changed: reload refused: it would unload everything this controller loaded (6 objects:"
                + " connections c1, c2, c3, c4, c5, c6) and keep none of it; keeping the previous desired state (to"
                + " confirm, set controller.maxPruneShare in the files (100% allows anything) or run the controller"
                + " with --allow-mass-prune)\n");
        awaitStatus(status, s -> s.refusal().isPresent() && s.connections().size() == 6);

        Files.writeString(f, six.toString()); // restored: accepted, no change, and the status says so
        awaitErr("vici: gw.yaml changed: reloaded 1 file: no change\n");
        awaitStatus(status, s -> s.refusal().isEmpty());

        Files.writeString(f, "connections:\n" + conn("c1", "192.0.2.1") + conn("c2", "192.0.2.2"));
        awaitErr("vici: gw.yaml changed: reload refused: it would unload 4 of the 6 objects this controller loaded"
                + " (66.7%, more than controller.maxPruneShare 50%): connections c3, c4, c5, c6; keeping the previous"
                + " desired state");

        Files.writeString(f, "controller:\n  maxPruneShare: 70%\nconnections:\n" + conn("c1", "192.0.2.1")
                + conn("c2", "192.0.2.2"));
        awaitErr("vici: gw.yaml changed: reloaded 1 file: 4 connections changed (removed c3, c4, c5, c6);"
                + " controller settings changed\n");
        awaitStatus(status, s -> s.refusal().isEmpty() && s.connections().size() == 2);
    }

    @Test
    void withAllowMassPruneTheControllerAcceptsAnything() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "connections:\n" + conn("c1", "192.0.2.1"));
        Files.writeString(dir.resolve("status.json.owned.json"), "{\"owner\": \"vici4j\", \"connections\": [\"c1\"]}");
        start("controller", "-f", f.toString(), "--status-file", dir.resolve("status.json").toString(),
                "--allow-mass-prune");
        Files.writeString(f, "connections: {}\n");
        awaitErr("vici: gw.yaml changed: reloaded 1 file: 1 connection changed (removed c1)\n");
    }

    private static void awaitStatus(Path file, java.util.function.Predicate<ControllerStatus> ok) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ControllerStatus s = null;
        while (System.nanoTime() < end) {
            try {
                s = new StatusFile(file).read();
                if (ok.test(s)) {
                    return;
                }
            } catch (RuntimeException e) {
                // not written yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("status not as expected within 10 s: " + s);
    }
}
