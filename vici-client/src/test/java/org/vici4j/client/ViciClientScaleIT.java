package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.client.message.ViciSection;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/** list-sas over 200 real IKE_SAs, each with an installed /32 CHILD_SA between distinct hosts. */
class ViciClientScaleIT {

    private static final int TUNNELS = 200;

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC)
            .hostsPerGateway(TUNNELS + 1).build();

    @Test
    void listSasStreamsTwoHundredEstablishedIkeSas() throws Exception {
        Gateway a = LAB.gateway("a");
        a.loadSwanctlConf(LabConfigs.many(true, TUNNELS));
        LAB.gateway("b").loadSwanctlConf(LabConfigs.many(false, TUNNELS));
        try (ViciClient vici = ViciClient.connect(ViciClientOptions.builder().uri(a.viciUri()).poolSize(4).build())) {
            List<CompletableFuture<ViciSection>> started = new ArrayList<>();
            for (int i = 1; i <= TUNNELS; i++) {
                // timeout -1: charon starts the initiation and answers at once
                started.add(vici.request("initiate", ViciSection.builder().add("child", "t" + i)
                        .add("timeout", -1).build()));
            }
            for (CompletableFuture<ViciSection> f : started) {
                assertThat(vici.await(f).bool("success")).isTrue();
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            List<ViciSection> sas;
            int installed;
            do {
                AtomicInteger streamed = new AtomicInteger();
                StreamedResponse r = vici.await(vici.streamed("list-sas", ViciSection.empty(), "list-sa",
                        e -> streamed.incrementAndGet()));
                sas = r.events();
                assertThat(streamed.get()).isEqualTo(sas.size());
                installed = (int) sas.stream().filter(ViciClientScaleIT::establishedWithInstalledChild).count();
                if (installed >= TUNNELS) {
                    break;
                }
                Thread.sleep(500); // polling a real daemon that is still negotiating
            } while (System.nanoTime() < deadline);
            assertThat(installed).as("IKE_SAs established with an INSTALLED CHILD_SA").isEqualTo(TUNNELS);
            assertThat(sas).hasSize(TUNNELS);
            // every tunnel appears exactly once, by name
            assertThat(sas.stream().flatMap(e -> e.keys().stream()).distinct().count()).isEqualTo(TUNNELS);
        }
    }

    private static boolean establishedWithInstalledChild(ViciSection event) {
        // a list-sa event holds one IKE_SA section named after its connection
        return event.sections().stream().anyMatch(ike -> ike.stringOr("state", "").equals("ESTABLISHED")
                && ike.section("child-sas").map(children -> children.sections().stream()
                        .anyMatch(c -> c.stringOr("state", "").equals("INSTALLED"))).orElse(false));
    }
}
