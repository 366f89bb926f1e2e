package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vici4j.client.command.Algorithms;
import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.CommandResult;
import org.vici4j.client.command.Connection;
import org.vici4j.client.command.GetPoolsRequest;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.InitiateRequest;
import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.command.LoadPoolRequest;
import org.vici4j.client.command.LoadSharedRequest;
import org.vici4j.client.command.LoadTokenRequest;
import org.vici4j.client.command.LogMessage;
import org.vici4j.client.command.Pool;
import org.vici4j.client.command.Stats;
import org.vici4j.client.command.TerminateRequest;
import org.vici4j.client.command.TerminateResult;
import org.vici4j.client.command.Version;
import org.vici4j.client.message.ViciSection;
import org.vici4j.lab.Backend;

/**
 * The typed commands of {@link ViciCommands} against real charon daemons of the lab; run against strongSwan 5.9
 * ({@link TypedCommandsIT}) and 6.x ({@link TypedCommandsStrongSwan6IT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TypedCommandsChecks extends LabClientChecks {

    @BeforeEach
    void configureResponder() {
        assertThat(lab().gateway("b").loadSwanctlConf(LabConfigs.netOnly(false)).exitCode()).isZero();
    }

    /** Gateway a's side of the working pair, loaded over VICI with the typed methods. */
    private void loadNetOnA() {
        vici.await(vici.loadConn("net", LabConfigs.netSectionOfA()));
        vici.await(vici.loadShared(LoadSharedRequest.ikePsk("ike-1", "s3cr3t", "a", "b")));
    }

    @Test
    @Order(1)
    void versionAndStats() {
        Version version = vici.await(vici.version());
        Stats stats = vici.await(vici.stats());

        assertThat(version.daemon()).isEqualTo("charon");
        assertThat(version.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(version.sysname()).isEqualTo("Linux");
        assertThat(version.machine()).isNotBlank();
        assertThat(stats.plugins()).contains("vici", "kernel-libipsec");
        assertThat(stats.workersTotal()).isPositive();
        assertThat(stats.uptimeSince()).isNotBlank();
        assertThat(stats.workersActive()).containsKeys("critical", "high", "medium", "low");
    }

    @Test
    @Order(2)
    void loadListGetAndUnloadAConnection() {
        ViciSection config = ViciSection.builder()
                .addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.77")
                .beginSection("local").add("auth", "psk").add("id", "typed-local").endSection()
                .beginSection("remote").add("auth", "psk").endSection()
                .beginSection("children").beginSection("c1")
                .addList("local_ts", "10.10.0.0/24").addList("remote_ts", "10.20.0.0/24").endSection().endSection()
                .build();

        vici.await(vici.loadConn("typed-conn", config));
        List<Connection> listed = vici.await(vici.listConns("typed-conn"));
        assertThat(vici.await(vici.getConns()).names()).contains("typed-conn");
        vici.await(vici.unloadConn("typed-conn"));

        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("typed-conn");
            assertThat(c.remoteAddrs()).containsExactly("192.0.2.77");
            assertThat(c.local()).singleElement().satisfies(r -> assertThat(r.id()).contains("typed-local"));
            assertThat(c.child("c1")).hasValueSatisfying(ch -> {
                assertThat(ch.mode()).isEqualTo("TUNNEL");
                assertThat(ch.localTs()).containsExactly("10.10.0.0/24");
                assertThat(ch.remoteTs()).containsExactly("10.20.0.0/24");
            });
        });
        assertThat(vici.await(vici.getConns()).names()).doesNotContain("typed-conn");
        assertThatThrownBy(() -> vici.await(vici.unloadConn("typed-conn")))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.command()).isEqualTo("unload-conn");
                    assertThat(e.errmsg()).isEqualTo("unload: connection 'typed-conn' not found");
                });
    }

    @Test
    @Order(3)
    void loadGetAndUnloadASharedSecret() {
        vici.await(vici.loadShared(LoadSharedRequest.ikePsk("typed-psk", "n0t-l0gged", "x@example.org")));
        List<String> loaded = vici.await(vici.getShared()).names();
        vici.await(vici.unloadShared("typed-psk"));

        assertThat(loaded).contains("typed-psk");
        assertThat(vici.await(vici.getShared()).names()).doesNotContain("typed-psk");
    }

    @Test
    @Order(4)
    void loadGetAndUnloadAPool() {
        vici.await(vici.loadPool(LoadPoolRequest.builder("typed-pool").addrs("10.99.0.0/28")
                .attribute("dns", "10.99.0.1").build()));
        List<Pool> pools = vici.await(vici.getPools(GetPoolsRequest.ALL_WITH_LEASES));
        vici.await(vici.unloadPool("typed-pool"));

        assertThat(pools).filteredOn(p -> p.name().equals("typed-pool")).singleElement().satisfies(p -> {
            // both leave out the network and broadcast addresses of a subnet; 5.9 reports the subnet's
            // address as the base, 6.x the first address it hands out
            assertThat(p.base()).isEqualTo(strongSwan6() ? "10.99.0.1" : "10.99.0.0");
            assertThat(p.size()).isEqualTo(14);
            assertThat(p.online()).isZero();
            assertThat(p.leases()).isEmpty();
        });
        assertThat(vici.await(vici.getPools())).extracting(Pool::name).doesNotContain("typed-pool");
        assertThatThrownBy(() -> vici.await(vici.unloadPool("typed-pool")))
                .isInstanceOfSatisfying(CommandFailedException.class,
                        e -> assertThat(e.errmsg()).isEqualTo("typed-pool not found"));
    }

    @Test
    @Order(5)
    void getAlgorithms() {
        Algorithms algorithms = vici.await(vici.getAlgorithms());

        assertThat(algorithms.of("encryption")).containsKey("AES_CBC");
        assertThat(algorithms.of("aead")).containsKey("AES_GCM_16");
        assertThat(algorithms.byType()).containsKey("nonce-gen");
        // 5.x names the key exchange section "dh", 6.x "ke"
        assertThat(algorithms.of("dh").isEmpty() && algorithms.of("ke").isEmpty()).isFalse();
    }

    @Test
    @Order(6)
    void getCountersWithoutTheCountersPluginFails() {
        // the lab loads no counters plugin: charon 5.9.8 knows the command but answers success = no
        assertThatThrownBy(() -> vici.await(vici.getCounters()))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.command()).isEqualTo("get-counters");
                    assertThat(e.errmsg()).isEqualTo("no counters available (plugin missing?)");
                });
    }

    @Test
    @Order(7)
    void initiateListAndTerminate() {
        loadNetOnA();
        List<LogMessage> live = Collections.synchronizedList(new ArrayList<>());

        CommandResult up = vici.await(vici.initiate(
                InitiateRequest.builder().child("net").timeout(Duration.ofSeconds(15)).build(), live::add));
        List<IkeSa> sas = vici.await(vici.listSas(ListSasRequest.ike("net")));
        List<String> streamed = Collections.synchronizedList(new ArrayList<>());
        long count = vici.await(vici.listSas(ListSasRequest.ALL.withNoblock(true), sa -> streamed.add(sa.name())));
        TerminateResult down = vici.await(vici.terminate(
                TerminateRequest.builder().ike("net").timeout(Duration.ofSeconds(15)).build()));

        assertThat(up.log()).anyMatch(l -> l.startsWith("[IKE] CHILD_SA net{") && l.contains("established"));
        assertThat(live).extracting(LogMessage::line).containsExactlyElementsOf(up.log());
        assertThat(sas).singleElement().satisfies(ike -> {
            assertThat(ike.isEstablished()).isTrue();
            assertThat(ike.localHost()).isEqualTo("192.0.2.1");
            assertThat(ike.remoteId()).isEqualTo("b");
            assertThat(ike.initiator()).isTrue();
            assertThat(ike.childSas()).singleElement().satisfies((ChildSa c) -> {
                assertThat(c.name()).isEqualTo("net");
                assertThat(c.isInstalled()).isTrue();
                assertThat(c.encrAlg()).contains("AES_GCM_16");
                assertThat(c.localTs()).containsExactly("198.18.0.0/22");
                assertThat(c.remoteTs()).containsExactly("198.18.4.0/22");
            });
        });
        assertThat(count).isEqualTo(1);
        assertThat(streamed).containsExactly("net");
        assertThat(down.matches()).hasValue(1);
        assertThat(down.terminated()).hasValue(1);
        assertThat(down.log()).anyMatch(l -> l.startsWith("[IKE] deleting IKE_SA net["));
        assertThat(vici.await(vici.listSas())).isEmpty();
    }

    @Test
    @Order(8)
    void initiateFailsWithTheLogWhenTheSadInstallFails() {
        vici.close();
        a.restart(Backend.NETLINK);
        try {
            vici = ViciClient.connect(a.viciUri());
            loadNetOnA();

            assertThatThrownBy(() -> vici.await(vici.initiate(
                    InitiateRequest.builder().child("net").timeout(Duration.ofSeconds(15)).build())))
                    .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                        assertThat(e.command()).isEqualTo("initiate");
                        assertThat(e.errmsg()).isEqualTo("establishing CHILD_SA 'net' failed");
                        assertThat(e.log()).contains(
                                "[IKE] unable to install inbound and outbound IPsec SA (SAD) in kernel");
                        assertThat(e.response().string("success")).contains("no");
                    });
            // the IKE_SA stays up without CHILD_SA
            assertThat(vici.await(vici.listSas())).singleElement()
                    .satisfies(ike -> assertThat(ike.childSas()).isEmpty());
        } finally {
            vici.close();
            a.restart(Backend.LIBIPSEC);
        }
    }
    @Test
    @Order(9)
    void initiateAndTerminateWithoutLogAreAnsweredAtOnce() throws InterruptedException {
        loadNetOnA();

        vici.await(vici.initiateWithoutLog(InitiateRequest.builder().child("net").ike("net").returnImmediately()
                .build()));
        assertThat(awaitSas(ikes -> ikes.size() == 1 && ikes.get(0).childSas().stream().anyMatch(ChildSa::isInstalled)))
                .as("the background initiate installs the CHILD_SA").isTrue();
        TerminateResult down = vici.await(vici.terminateWithoutLog(TerminateRequest.builder().ike("net")
                .returnImmediately().build()));
        assertThat(down.log()).isEmpty();
        assertThat(awaitSas(List::isEmpty)).as("the background terminate deletes the IKE_SA").isTrue();

        assertThatThrownBy(() -> vici.await(vici.terminateWithoutLog(TerminateRequest.builder().ike("net")
                .returnImmediately().build())))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.command()).isEqualTo("terminate");
                    assertThat(e.errmsg()).isEqualTo("no matching SAs to terminate found");
                });
        assertThatThrownBy(() -> vici.await(vici.initiateWithoutLog(InitiateRequest.builder().child("nope")
                .returnImmediately().build())))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.command()).isEqualTo("initiate");
                    assertThat(e.errmsg()).contains("'nope' not found");
                    assertThat(e.log()).isEmpty();
                });
    }

    @Test
    @Order(10)
    void loadTokenWithoutAPkcs11TokenIsRefusedWithoutShowingThePin() {
        // the lab loads no pkcs11 plugin: charon knows load-token but can load no key from a token
        LoadTokenRequest req = new LoadTokenRequest("0a1b2c", 0L, null, "t0k3npin".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> vici.await(vici.loadToken(req)))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.command()).isEqualTo("load-token");
                    assertThat(e.errmsg()).isNotEmpty();
                    assertThat(e.getMessage()).doesNotContain("t0k3npin");
                });
    }

    /** @return whether {@code list-sas} came to show what {@code done} accepts within 15 s */
    private boolean awaitSas(java.util.function.Predicate<List<IkeSa>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.test(vici.await(vici.listSas()))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
