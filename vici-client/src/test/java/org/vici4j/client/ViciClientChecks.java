package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.RecordingListener;
import org.vici4j.lab.Backend;

/**
 * The client's raw primitives against a real charon pair (both on libipsec, so CHILD_SAs install); run against
 * strongSwan 5.9 ({@link ViciClientIT}) and 6.x ({@link ViciClientStrongSwan6IT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ViciClientChecks extends LabClientChecks {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    void configure() {
        lab().gateway("a").loadSwanctlConf(LabConfigs.net(true));
        lab().gateway("b").loadSwanctlConf(LabConfigs.net(false));
    }

    private static ViciSection child(String name, long timeoutMillis) {
        return ViciSection.builder().add("child", name).add("timeout", timeoutMillis).build();
    }

    @Test
    @Order(1)
    void versionAndStats() {
        ViciSection version = vici.await(vici.request("version", ViciSection.empty()));
        assertThat(version.string("daemon")).contains("charon");
        assertThat(version.string("version").orElseThrow()).startsWith(strongSwan6() ? "6." : "5.9.8");
        ViciSection stats = vici.await(vici.request("stats", ViciSection.empty()));
        assertThat(stats.section("uptime")).isPresent();
        assertThat(stats.section("workers").flatMap(w -> w.longValue("total").isPresent()
                ? java.util.Optional.of(w.longValue("total").getAsLong()) : java.util.Optional.empty()))
                .hasValueSatisfying(total -> assertThat(total).isPositive());
    }

    @Test
    @Order(2)
    void loadConnListGetUnload() {
        ViciSection conn = ViciSection.builder().beginSection("it-conn")
                .addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.77")
                .beginSection("local").add("auth", "psk").add("id", "it-local").endSection()
                .beginSection("remote").add("auth", "psk").add("id", "it-remote").endSection()
                .beginSection("children").beginSection("it-child")
                .addList("local_ts", "198.18.1.0/24").addList("remote_ts", "10.77.0.0/16")
                .endSection().endSection()
                .endSection().build();
        ViciSection loaded = vici.await(vici.request("load-conn", conn));
        assertThat(loaded.bool("success")).as("load-conn: %s", loaded).isTrue();

        StreamedResponse listed = vici.await(vici.streamed("list-conns", ViciSection.empty(), "list-conn", null));
        assertThat(listed.events()).anySatisfy(e -> assertThat(e.section("it-conn")).isPresent());
        ViciSection itConn = listed.events().stream().flatMap(e -> e.section("it-conn").stream()).findFirst().orElseThrow();
        assertThat(itConn.list("remote_addrs")).containsExactly("192.0.2.77");
        assertThat(itConn.section("children").flatMap(ch -> ch.section("it-child"))).isPresent();

        assertThat(vici.await(vici.request("get-conns", ViciSection.empty())).list("conns")).contains("it-conn", "net");

        ViciSection unloaded = vici.await(vici.request("unload-conn", ViciSection.builder().add("name", "it-conn").build()));
        assertThat(unloaded.bool("success")).isTrue();
        assertThat(vici.await(vici.request("get-conns", ViciSection.empty())).list("conns")).doesNotContain("it-conn")
                .contains("net");
    }

    @Test
    @Order(3)
    void loadGetUnloadShared() {
        ViciSection shared = ViciSection.builder().add("id", "it-psk").add("type", "IKE").add("data", "it-s3cr3t")
                .addList("owners", "it-owner-1", "it-owner-2").build();
        assertThat(vici.await(vici.request("load-shared", shared)).bool("success")).isTrue();
        assertThat(vici.await(vici.request("get-shared", ViciSection.empty())).list("keys")).contains("it-psk");
        assertThat(vici.await(vici.request("unload-shared", ViciSection.builder().add("id", "it-psk").build()))
                .bool("success")).isTrue();
        assertThat(vici.await(vici.request("get-shared", ViciSection.empty())).list("keys")).doesNotContain("it-psk");
    }

    @Test
    @Order(4)
    void unknownCommandAndUnknownEvent() {
        assertThatThrownBy(() -> vici.await(vici.request("no-such-command", ViciSection.empty())))
                .isInstanceOf(UnknownCommandException.class);
        RecordingListener l = new RecordingListener();
        Subscription s = vici.subscribe("no-such-event", l);
        assertThatThrownBy(() -> vici.await(s.registered())).isInstanceOf(UnknownEventException.class)
                .hasMessageContaining("no-such-event");
        assertThat(l.next(WAIT)).isEqualTo("closed UnknownEventException");
        assertThatThrownBy(() -> vici.await(vici.streamed("initiate", child("net", 1000), "no-such-event", null)))
                .isInstanceOf(UnknownEventException.class);
        // charon 5.9.8 does not know 'alert' (6.0.3+ does)
        Subscription alert = vici.subscribe("alert", new RecordingListener());
        if (strongSwan6()) {
            vici.await(alert.registered());
            alert.close();
        } else {
            assertThatThrownBy(() -> vici.await(alert.registered())).isInstanceOf(UnknownEventException.class)
                    .hasMessageContaining("alert");
        }
        // the client is still fine
        assertThat(vici.await(vici.request("version", ViciSection.empty())).string("daemon")).contains("charon");
    }

    @Test
    @Order(5)
    void subscriberGetsUpdownEventsWhileALongInitiateRunsOnTheSameClient() {
        RecordingListener updown = new RecordingListener();
        vici.await(vici.subscribe(Set.of("ike-updown", "child-updown"), updown).registered());
        // 'stuck' has a peer that never answers: this initiate holds its connection for 8 s
        CompletableFuture<ViciSection> stuck = vici.withTimeout(Duration.ofSeconds(60))
                .request("initiate", child("stuck", 8000));
        List<ViciSection> controlLog = new CopyOnWriteArrayList<>();
        StreamedResponse net = vici.await(vici.streamed("initiate", child("net", 20000), "control-log",
                controlLog::add));
        assertThat(net.response().bool("success")).as("initiate net: %s", net.response()).isTrue();
        assertThat(net.events()).isNotEmpty();
        assertThat(controlLog).containsExactlyElementsOf(net.events());
        assertThat(net.events()).anySatisfy(e -> assertThat(e.stringOr("msg", "")).contains("CHILD_SA net{"));

        waitFor(updown, "event ike-updown");
        waitFor(updown, "event child-updown");
        assertThat(stuck).as("the long initiate is still running").isNotDone();
        assertThat(updown.messages()).allSatisfy(m -> {
            assertThat(m.bool("up")).isTrue();
            assertThat(m.section("net")).isPresent();
        });

        ViciSection stuckResult = vici.await(stuck);
        assertThat(stuckResult.bool("success")).isFalse();
    }

    static void waitFor(RecordingListener l, String prefix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (l.calls().stream().noneMatch(c -> c.startsWith(prefix))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + prefix + "' call within " + WAIT + ": " + l.calls());
            }
            l.next(Duration.ofNanos(left));
        }
    }

    @Test
    @Order(6)
    void terminateStreamsControlLogAndRaisesIkeDown() {
        vici.await(vici.streamed("initiate", child("net", 20000), "control-log", null)); // idempotent if up
        RecordingListener updown = new RecordingListener();
        vici.await(vici.subscribe("ike-updown", updown).registered());
        StreamedResponse r = vici.await(vici.streamed("terminate",
                ViciSection.builder().add("ike", "net").add("timeout", 20000).build(), "control-log", null));
        assertThat(r.response().bool("success")).as("terminate: %s", r.response()).isTrue();
        assertThat(r.events()).anySatisfy(e -> assertThat(e.stringOr("msg", "")).containsIgnoringCase("delet"));
        updown.next(WAIT);
        assertThat(updown.messages()).anySatisfy(m -> {
            assertThat(m.section("net")).isPresent();
            assertThat(m.bool("up")).isFalse();
        });
    }
}
