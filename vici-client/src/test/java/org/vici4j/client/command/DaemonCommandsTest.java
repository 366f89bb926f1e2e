package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.client.command.TestSupport.done;
import static org.vici4j.client.command.TestSupport.failure;

import org.junit.jupiter.api.Test;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.UnknownCommandException;
import org.vici4j.client.message.ViciSection;

class DaemonCommandsTest {

    private final FakeCommands vici = new FakeCommands();

    @Test
    void versionParsesRealAnswer() {
        vici.answer(Fixtures.capture("version"));

        Version v = done(vici.version());

        assertThat(v.daemon()).isEqualTo("charon");
        assertThat(v.version()).isEqualTo("5.9.8");
        assertThat(v.sysname()).isEqualTo("Linux");
        assertThat(v.release()).isEqualTo("6.18.44-fc-v657");
        assertThat(v.machine()).isEqualTo("x86_64");
        assertThat(v.raw()).isEqualTo(Fixtures.capture("version").response());
        assertThat(vici.last().command()).isEqualTo("version");
        assertThat(vici.last().message().isEmpty()).isTrue();
    }

    @Test
    void versionToleratesMissingAndUnknownKeys() {
        vici.answer("version", ViciSection.builder().add("daemon", "charon-systemd").add("build", "x").build());

        Version v = done(vici.version());

        assertThat(v.daemon()).isEqualTo("charon-systemd");
        assertThat(v.version()).isEmpty();
        assertThat(v.raw().string("build")).contains("x");
    }

    @Test
    void statsParsesRealAnswer() {
        vici.answer(Fixtures.capture("stats"));

        Stats s = done(vici.stats());

        assertThat(s.uptimeRunning()).isEqualTo("12 seconds");
        assertThat(s.uptimeSince()).isEqualTo("Nov 30 05:55:59 2026");
        assertThat(s.workersTotal()).isEqualTo(16);
        assertThat(s.workersIdle()).isEqualTo(7);
        assertThat(s.workersActive()).containsExactly(
                org.assertj.core.api.Assertions.entry("critical", 4L),
                org.assertj.core.api.Assertions.entry("high", 0L),
                org.assertj.core.api.Assertions.entry("medium", 5L),
                org.assertj.core.api.Assertions.entry("low", 0L));
        assertThat(s.queues()).containsKeys("critical", "high", "medium", "low");
        assertThat(s.ikeSasTotal()).isZero();
        assertThat(s.ikeSasHalfOpen()).isZero();
        assertThat(s.plugins()).startsWith("charon", "kernel-libipsec").contains("vici");
        assertThat(s.mallinfo()).containsKeys("sbrk", "mmap", "used", "free");
        assertThat(s.mem()).isEmpty();
    }

    @Test
    void statsOfEmptyAnswerIsAllDefaults() {
        vici.answer("stats", ViciSection.empty());

        Stats s = done(vici.stats());

        assertThat(s.workersTotal()).isZero();
        assertThat(s.uptimeRunning()).isEmpty();
        assertThat(s.plugins()).isEmpty();
        assertThat(s.workersActive()).isEmpty();
    }

    @Test
    void reloadSettingsSucceeds() {
        vici.answer(Fixtures.capture("reload-settings"));

        CommandResult r = done(vici.reloadSettings());

        assertThat(r.log()).isEmpty();
        assertThat(r.raw().string("success")).contains("yes");
        assertThat(vici.last().command()).isEqualTo("reload-settings");
    }

    @Test
    void reloadSettingsFailureCarriesErrmsg() {
        vici.answer("reload-settings",
                ViciSection.builder().add("success", "no").add("errmsg", "reloading '/etc/x' failed").build());

        CommandFailedException e = failure(vici.reloadSettings(), CommandFailedException.class);

        assertThat(e.command()).isEqualTo("reload-settings");
        assertThat(e.errmsg()).isEqualTo("reloading '/etc/x' failed");
        assertThat(e.log()).isEmpty();
    }

    @Test
    void getAlgorithmsParsesRealAnswer() {
        vici.answer(Fixtures.capture("get-algorithms"));

        Algorithms a = done(vici.getAlgorithms());

        assertThat(a.byType()).containsKeys("encryption", "integrity", "aead", "hasher", "prf", "dh", "rng",
                "nonce-gen");
        assertThat(a.of("encryption")).containsEntry("AES_CBC", "openssl");
        assertThat(a.of("dh")).containsEntry("CURVE_25519", "openssl");
        assertThat(a.of("nonce-gen")).containsEntry("NONCE_GEN", "nonce");
        assertThat(a.of("ke")).isEmpty();
        assertThat(a.byType().keySet()).first().isEqualTo("encryption");
    }

    @Test
    void getCountersWithoutPluginFailsWithCharonsErrmsg() {
        vici.answer(Fixtures.capture("get-counters"));

        CommandFailedException e = failure(vici.getCounters(), CommandFailedException.class);

        assertThat(e.command()).isEqualTo("get-counters");
        assertThat(e.errmsg()).isEqualTo("no counters available (plugin missing?)");
        assertThat(e.response()).isEqualTo(Fixtures.capture("get-counters").response());
    }

    @Test
    void getCountersParsesGlobalAndPerConnectionSections() {
        ViciSection answer = ViciSection.builder()
                .beginSection("counters")
                .beginSection("").add("ike-rekey-init", 3).add("ike-auth-in-req", 12).endSection()
                .beginSection("net").add("ike-rekey-init", 1).add("child-rekey", 4).add("future-counter", 9)
                .endSection()
                .endSection()
                .add("success", "yes").build();
        vici.answer("get-counters", answer);

        Counters c = done(vici.getCounters(CountersRequest.ALL));

        assertThat(c.global()).containsEntry("ike-rekey-init", 3L).containsEntry("ike-auth-in-req", 12L);
        assertThat(c.of("net")).containsEntry("child-rekey", 4L).containsEntry("future-counter", 9L);
        assertThat(c.of("other")).isEmpty();
        assertThat(vici.last().message()).isEqualTo(ViciSection.builder().add("all", "yes").build());
    }

    @Test
    void countersRequestsEncodeNameAndAll() {
        assertThat(CountersRequest.GLOBAL.toMessage().isEmpty()).isTrue();
        assertThat(CountersRequest.connection("net").toMessage())
                .isEqualTo(ViciSection.builder().add("name", "net").build());
        assertThat(CountersRequest.ALL.toMessage()).isEqualTo(ViciSection.builder().add("all", "yes").build());
    }

    @Test
    void resetCountersWithoutPluginFails() {
        vici.answer(Fixtures.capture("reset-counters"));

        CommandFailedException e = failure(vici.resetCounters(CountersRequest.GLOBAL), CommandFailedException.class);

        assertThat(e.errmsg()).isEqualTo("no counters available (plugin missing?)");
    }

    @Test
    void unknownCommandFailsWithUnknownCommandException() {
        vici.answer(Fixtures.capture("get-nosuch"));
        // a daemon without get-counters answers CMD_UNKNOWN: the typed method passes that failure on
        vici.fail("get-counters", new UnknownCommandException("get-counters"));

        UnknownCommandException e = failure(vici.getCounters(), UnknownCommandException.class);

        assertThat(e.command()).isEqualTo("get-counters");
    }
}
