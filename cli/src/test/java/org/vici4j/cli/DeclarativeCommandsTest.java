package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.cli.testing.FakeCharon;
import org.vici4j.cli.testing.FakeCharon.Event;
import org.vici4j.cli.testing.FakeCharon.Reply;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.testing.ConfigYaml;

import com.fasterxml.jackson.databind.JsonNode;

/** validate, diff and status in-process (apply and controller run against real charon in DeclarativeIT). */
class DeclarativeCommandsTest {

    static final String CONFIG = "controller:\n  owner: test\nconnections:\n"
            + ConfigYaml.blockConnection("net", ConfigYaml.PEER, ConfigYaml.child("net", "ensure: up")) + """
              other:
                remote_addrs: 192.0.2.3
                local:
                  auth: psk
                remote:
                  auth: psk
                children:
                  trapped:
                    remote_ts: 198.18.8.0/22
                    ensure: trap
            secrets:
              ike-1:
                id-1: a
                id-2: b
                secret: very-secret-psk
            """;

    @TempDir
    Path dir;
    FakeCharon charon;
    Path config;

    @BeforeEach
    void start() throws IOException {
        charon = FakeCharon.start();
        config = dir.resolve("gw.yaml");
        Files.writeString(config, CONFIG);
    }

    @AfterEach
    void stop() {
        charon.close();
    }

    @Test
    void validateSummarisesAValidFile() {
        Result r = CliRunner.run(null, "validate", "-f", config.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(config + ": valid\n"
                + "  connection net: net (ensure up)\n"
                + "  connection other: trapped (ensure trap)\n"
                + "  1 secrets, 0 pools, 0 authorities; owner test\n");
        JsonNode n = Fixtures.parse(CliRunner.run(null, "validate", "-f", config.toString(), "-o", "json").out());
        assertThat(n.path("valid").asText()).isEqualTo("yes");
        assertThat(n.path("connections").path("other").path("children").path("trapped").path("ensure").asText())
                .isEqualTo("trap");
        assertThat(n.toString()).doesNotContain("very-secret-psk");
    }

    @Test
    void validateListsEveryProblemAndExitsTwo() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "connections:\n  x:\n    remote_addrs: [1.2.3]\n    bogus: 1\n");
        Result r = CliRunner.run(null, "validate", "-f", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("vici: invalid configuration (2 problems):\n" + bad + ":3:")
                .contains(bad + ":4:5: connections.x.bogus: unknown option 'bogus'");
        Result json = CliRunner.run(null, "validate", "-f", bad.toString(), "-o", "json");
        assertThat(json.exit()).isEqualTo(2);
        JsonNode n = Fixtures.parse(json.out());
        assertThat(n.path("valid").asText()).isEqualTo("no");
        assertThat(n.path("problems").path("1").path("line").asText()).isEqualTo("4");
        Result missing = CliRunner.run(null, "validate", "-f", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the file: no such file");
    }

    @Test
    void validateAndDiffReadADirectoryAsOneStateAndNameBothFilesOfADuplicate() throws IOException {
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        int split = CONFIG.indexOf("  other:");
        int secrets = CONFIG.indexOf("secrets:");
        Files.writeString(confD.resolve("10-net.yaml"), CONFIG.substring(0, split) + CONFIG.substring(secrets));
        Files.writeString(confD.resolve("20-other.yml"), "connections:\n" + CONFIG.substring(split, secrets));
        Files.writeString(confD.resolve(".20-other.yml.swp"), "not: [yaml");
        Result r = CliRunner.run(null, "validate", "-f", confD.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(confD + ": valid\n"
                + "  connection net: net (ensure up)\n"
                + "  connection other: trapped (ensure trap)\n"
                + "  1 secrets, 0 pools, 0 authorities; owner test\n");

        charon.on("list-conns", m -> Reply.of(ViciSection.empty()));
        charon.on("list-sas", m -> Reply.of(ViciSection.empty()));
        charon.on("list-policies", m -> Reply.of(ViciSection.empty()));
        charon.respond("get-pools", ViciSection.empty());
        Result diff = CliRunner.run(charon.uri(), "diff", "-f", confD.toString());
        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.out()).contains("+ connection net: not loaded; apply loads it\n")
                .contains("+ connection other: not loaded; apply loads it\n");

        Files.writeString(confD.resolve("30-again.yaml"), "connections:\n" + CONFIG.substring(split, secrets));
        Result dup = CliRunner.run(null, "validate", "-f", confD.toString());
        assertThat(dup.exit()).isEqualTo(2);
        assertThat(dup.err()).contains(confD.resolve("30-again.yaml") + ":2:3: connections.other: duplicate name"
                + " 'other', already declared at " + confD.resolve("20-other.yml") + ":2:3");
    }

    @Test
    void diffComparesWithWhatCharonListsAndRedactsSecrets() {
        ViciSection loaded = ViciSection.builder().beginSection("net")
                .addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.9")
                .beginSection("children").beginSection("net").addList("local-ts", "198.18.0.0/22")
                .addList("remote-ts", "198.18.4.0/22").endSection().beginSection("old").addList("local-ts", "dynamic")
                .addList("remote-ts", "dynamic").endSection().endSection().endSection().build();
        charon.on("list-conns", m -> new Reply(List.of(new Event("list-conn", loaded)), ViciSection.empty()));
        charon.on("list-sas", m -> Reply.of(ViciSection.empty()));
        charon.on("list-policies", m -> Reply.of(ViciSection.empty()));
        charon.respond("get-pools", ViciSection.empty());
        Result r = CliRunner.run(charon.uri(), "diff", "-f", config.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                ! connection net: loaded in charon, but not by owner test (swanctl or another tool?), and differs; apply replaces it and takes it over
                    remote_addrs: 192.0.2.9 -> 192.0.2.2
                    - child old: in charon, not in the file
                  + child net (ensure up): not installed; apply initiates it
                + connection other: not loaded; apply loads it
                  + child trapped (ensure trap): no trap policy; apply installs it
                secrets (charon lists shared secrets by id, get-shared, never their values; values redacted):
                  ~ ike-1: charon did not answer get-shared; apply loads it again: load-shared id=ike-1 type=ike data=<redacted> owners=[a,b]
                """);
        assertThat(CliRunner.run(charon.uri(), "diff", "-f", config.toString(), "--exit-code").exit()).isEqualTo(1);
        Result json = CliRunner.run(charon.uri(), "diff", "-f", config.toString(), "-o", "json");
        assertThat(json.out()).doesNotContain("very-secret-psk");
        JsonNode n = Fixtures.parse(json.out());
        assertThat(n.path("connections").path("net").path("action").asText()).isEqualTo("reload");
        assertThat(n.path("connections").path("other").path("action").asText()).isEqualTo("load");
        assertThat(n.path("connections").path("net").path("children").path("net").path("action").asText())
                .isEqualTo("initiate");
    }

    @Test
    void statusReadsTheStatusFile() throws IOException {
        Path status = dir.resolve("status.json");
        Files.writeString(status, """
                {"charon":{"connected":true,"version":"5.9.8"},"connections":[{"name":"net","children":[
                 {"name":"net","ensure":"up","state":"retrying","attempts":2,"nextAttemptAt":"2026-11-30T06:31:00Z",
                  "lastFailure":{"class":"install-child-sa-failed","side":"local","message":"the kernel refused the SA",
                  "notify":null,"evidence":["[IKE] unable to install"],"at":"2026-11-30T06:30:00Z"}},
                 {"name":"up","ensure":"up","state":"installed","attempts":0,"nextAttemptAt":null,"lastFailure":null}]}]}
                """);
        Files.setLastModifiedTime(status, FileTime.from(CliRunner.CLOCK.instant().minusSeconds(95)));
        Result r = CliRunner.run(null, "status", "--status-file", status.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("""
                status: written 2026-11-30 06:28:25 (95s ago)
                charon: connected, 5.9.8
                CONNECTION  CHILD  ENSURE  STATE      ATTEMPTS  NEXT ATTEMPT  LAST FAILURE
                net         net    up      retrying   2         06:31:00      install-child-sa-failed
                net         up     up      installed  0
                  net/net: install-child-sa-failed (local): the kernel refused the SA
                """);
        assertThat(r.err()).isEqualTo("vici: 1 child is not as desired\n");
        Result json = CliRunner.run(null, "status", "--status-file", status.toString(), "-o", "json");
        assertThat(Fixtures.parse(json.out()).path("connections").get(0).path("children").get(0)
                .path("lastFailure").path("class").asText()).isEqualTo("install-child-sa-failed");
        Result none = CliRunner.run(null, "status", "--status-file", dir.resolve("none.json").toString());
        assertThat(none.err()).doesNotContain("stale");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no status file at " + dir.resolve("none.json"));
    }
    static final String INSTALLED_STATUS = """
            {"charon":{"connected":true,"version":"5.9.8"},"connections":[{"name":"net","children":[
             {"name":"net","ensure":"up","state":"installed","attempts":0,"nextAttemptAt":null,"lastFailure":null}]}],
             "writer":{"pid":%d,"started":%s,"resync":"PT1M"}}
            """;

    @Test
    void statusOfAControllerThatIsGoneIsStale() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path status = dir.resolve("gone.json");
        Files.writeString(status, INSTALLED_STATUS.formatted(gone.pid(), "null"));
        Files.setLastModifiedTime(status, FileTime.from(CliRunner.CLOCK.instant().minusSeconds(2 * 3600)));
        Result r = CliRunner.run(null, "status", "--status-file", status.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).startsWith("status: written 2026-11-30 04:30:00 (2h ago) by the controller with pid "
                + gone.pid() + "\n").contains("net         net    up      installed");
        assertThat(r.err()).isEqualTo("vici: stale: the controller is not running (its process " + gone.pid()
                + " is gone); the status above is its last word, not charon's state now (start 'vici controller"
                + " --status-file " + status + "')\n");
    }

    @Test
    void statusOfARunningControllerIsStaleOnlyWhenOlderThanTwoResyncIntervals() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(i -> "\"" + i + "\"").orElse("null");
        Path status = dir.resolve("running.json");
        Files.writeString(status, INSTALLED_STATUS.formatted(self.pid(), started));
        Files.setLastModifiedTime(status, FileTime.from(CliRunner.CLOCK.instant().minusSeconds(100)));
        Result fresh = CliRunner.run(null, "status", "--status-file", status.toString());
        assertThat(fresh.exit()).as(fresh.toString()).isZero();
        assertThat(fresh.out()).startsWith("status: written 2026-11-30 06:28:20 (100s ago) by the controller with pid "
                + self.pid() + "\n");
        Files.setLastModifiedTime(status, FileTime.from(CliRunner.CLOCK.instant().minusSeconds(121)));
        Result old = CliRunner.run(null, "status", "--status-file", status.toString());
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.err()).startsWith("vici: stale: the controller is not running (the status was last confirmed"
                + " 2m ago, more than two of its resync intervals (1m); is it stuck?)");
        // a reused process id: the process that runs under it started at another time
        Files.writeString(status, INSTALLED_STATUS.formatted(self.pid(), "\"2001-01-01T00:00:00Z\""));
        Files.setLastModifiedTime(status, FileTime.from(CliRunner.CLOCK.instant().minusSeconds(5)));
        assertThat(CliRunner.run(null, "status", "--status-file", status.toString()).err())
                .contains("stale: the controller is not running (its process " + self.pid() + " is gone)");
    }

    /** A charon that keeps what it is loaded and lists it, answering every command the controller sends. */
    private java.util.Map<String, ViciSection> statefulCharon() {
        java.util.Map<String, ViciSection> loaded = new java.util.concurrent.ConcurrentHashMap<>();
        ViciSection ok = ViciSection.builder().add("success", true).build();
        charon.respond("version", ViciSection.builder().add("daemon", "charon").add("version", "5.9.8").build());
        charon.on("load-conn", m -> {
            m.keys().forEach(name -> loaded.put(name, m.section(name).orElseThrow()));
            return Reply.of(ok);
        });
        charon.on("unload-conn", m -> {
            loaded.remove(m.stringOr("name", ""));
            return Reply.of(ok);
        });
        charon.on("list-conns", m -> {
            List<Event> events = new java.util.ArrayList<>();
            loaded.forEach((name, conn) -> {
                ViciSection.Builder children = ViciSection.builder();
                conn.section("children").ifPresent(cs -> cs.keys().forEach(c -> children.beginSection(c)
                        .addList("local-ts", "dynamic").addList("remote-ts", "dynamic").endSection()));
                events.add(new Event("list-conn", ViciSection.builder().beginSection(name)
                        .addSection("children", children.build()).endSection().build()));
            });
            return new Reply(events, ViciSection.empty());
        });
        charon.on("list-sas", m -> Reply.of(ViciSection.empty()));
        charon.on("list-policies", m -> Reply.of(ViciSection.empty()));
        charon.respond("get-pools", ViciSection.empty());
        for (String c : List.of("load-shared", "unload-shared", "load-key", "unload-key", "load-pool", "unload-pool",
                "load-authority", "unload-authority", "get-shared", "get-keys")) {
            charon.respond(c, ok);
        }
        return loaded;
    }

    @Test
    void aRunningControllerKeepsItsLastGoodStateWhenTheFileIsEmptiedOrHalfWritten() throws Exception {
        java.util.Map<String, ViciSection> loaded = statefulCharon();
        String good = CONFIG.replace("ensure: up", "ensure: loaded").replace("ensure: trap", "ensure: loaded");
        Files.writeString(config, good);
        TestSignals signals = new TestSignals();
        Result[] result = new Result[1];
        Thread t = new Thread(() -> result[0] = CliRunner.run(charon.uri(), signals, "controller", "-f",
                config.toString(), "--status-file", dir.resolve("status.json").toString()));
        t.start();
        awaitLoaded(loaded, "net", "other");

        Path status = dir.resolve("status.json");
        Files.write(config, new byte[0]);                                        // ': > file'
        signals.raise(SignalSource.Signal.HUP);
        awaitStatusFile(status, "declares nothing"); // reloads run on the watcher's thread: one at a time here
        Files.writeString(config, good.substring(0, good.indexOf("secrets:") - 3)); // a writer half way through
        signals.raise(SignalSource.Signal.HUP);
        awaitStatusFile(status, "does not end with a line break");
        Files.writeString(config, "# being rewritten\n");
        signals.raise(SignalSource.Signal.HUP);
        awaitStatusFile(status, "holds only comments");
        // a good edit afterwards is applied: anything planned from a bad file would have come before it
        Files.writeString(config, good.replace("  other:", "  third:\n    remote_addrs: 192.0.2.4\n"
                + "    children:\n      third:\n        remote_ts: 198.18.12.0/22\n  other:"));
        signals.raise(SignalSource.Signal.HUP);
        awaitLoaded(loaded, "net", "other", "third");
        signals.raise(SignalSource.Signal.TERM);
        t.join(30_000);

        assertThat(result[0].exit()).as(result[0].toString()).isZero();
        assertThat(charon.requests()).extracting(FakeCharon.Request::command)
                .doesNotContain("unload-conn", "unload-shared");
        assertThat(loaded).containsOnlyKeys("net", "other", "third");
        assertThat(result[0].err())
                .contains("SIGHUP: reload refused: invalid configuration (1 problem): " + config
                        + ":1:1: the file declares nothing (it is empty, or holds only comments)")
                .containsPattern(java.util.regex.Pattern.quote(config.toString())
                        + ":\\d+:\\d+: the file does not end with a line break")
                .contains("SIGHUP: reloaded 1 file: 1 connection changed (added third)")
                .doesNotContain("very-secret-psk");
    }

    @Test
    void applyEndsAtOnceWithCharonsMessageWhenCharonRejectsAConnection() throws Exception {
        statefulCharon();
        charon.on("load-conn", m -> Reply.of(ViciSection.builder().add("success", false)
                .add("errmsg", "invalid value for: local_ts, config discarded").build()));
        Files.writeString(config, CONFIG.replace("ensure: up", "ensure: loaded").replace("ensure: trap", "ensure: loaded"));
        long start = System.nanoTime();
        Result r = CliRunner.run(charon.uri(), "apply", "-f", config.toString(), "--wait", "30s",
                "--ownership-file", dir.resolve("owned.json").toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("config-rejected");
        assertThat(r.err()).contains("connection net is not loaded: charon rejected connection 'net': invalid value for:"
                + " local_ts, config discarded").doesNotContain("very-secret-psk");
    }

    /** Waits until the status file shows a refusal whose reason contains {@code text}. */
    private static void awaitStatusFile(Path status, String text) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(status) || !Files.readString(status).contains(text)) {
            assertThat(System.nanoTime()).as("status file showing '" + text + "' in time").isLessThan(end);
            Thread.sleep(10);
        }
    }

    private static void awaitLoaded(java.util.Map<String, ViciSection> loaded, String... names) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!loaded.keySet().containsAll(List.of(names))) {
            assertThat(System.nanoTime()).as("connections loaded in time: " + loaded.keySet()).isLessThan(end);
            Thread.sleep(10);
        }
    }
}
