package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.controller.testing.ReferenceSections.installed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;
import org.vici4j.controller.testing.ReferenceSections;

/**
 * {@link Observer}: one full observation is the 7 documented requests, and the {@link ObservedState} it builds from
 * charon's answers (sections as charon sends them) is what the planner reads.
 */
class ObserverTest {

    /** A charon that answers each command from a script and logs what it was asked. */
    private static final class Scripted implements Charon {
        final Map<String, ViciSection> replies = new HashMap<>();
        final Map<String, List<ViciSection>> streams = new HashMap<>();
        final Map<String, RuntimeException> failures = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        final List<ViciSection> messages = new ArrayList<>();

        @Override
        public CompletableFuture<ViciSection> request(String command, ViciSection message) {
            asked.add(command);
            messages.add(message);
            if (failures.containsKey(command)) {
                return CompletableFuture.failedFuture(failures.get(command));
            }
            return CompletableFuture.completedFuture(replies.getOrDefault(command, ViciSection.builder()
                    .add("success", false).add("errmsg", "unknown command").build()));
        }

        @Override
        public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
                Consumer<ViciSection> onEvent, Duration timeout) {
            asked.add(command);
            messages.add(message);
            if (failures.containsKey(command)) {
                return CompletableFuture.failedFuture(failures.get(command));
            }
            List<ViciSection> events = streams.getOrDefault(command, List.of());
            return CompletableFuture.completedFuture(new StreamedResponse(ViciSection.empty(), events));
        }

        @Override
        public EventHandle subscribe(Set<String> events, Events sink) {
            throw new UnsupportedOperationException();
        }
    }

    private static Scripted charon59() {
        Scripted c = new Scripted();
        c.replies.put("version", ViciSection.builder().add("daemon", "charon").add("version", "5.9.8").build());
        c.replies.put("get-shared", ViciSection.builder().addList("keys", "ike-ab", "eap-carol").build());
        c.replies.put("get-pools", ViciSection.builder().beginSection("p1").add("base", "10.3.0.0").add("size", 254)
                .endSection().beginSection("p2").add("base", "10.4.0.0").endSection().build());
        c.replies.put("get-authorities", ViciSection.builder().addList("authorities", "ca", "ca2").build());
        c.streams.put("list-conns", List.of(
                ViciSection.builder().beginSection("net").addList("local_addrs", "192.0.2.1").beginSection("children")
                        .beginSection("net").add("mode", "TUNNEL").endSection().endSection().endSection().build(),
                ViciSection.builder().beginSection("rw").addList("local_addrs", "%any").endSection().build()));
        c.streams.put("list-sas", List.of(
                ViciSection.builder().addSection("net", ReferenceSections.ike(1, "ESTABLISHED", installed("net", 1)))
                        .build(),
                ViciSection.builder().addSection("net", ReferenceSections.ike(2, "CONNECTING")).build(),
                ViciSection.builder().addSection("peer-only", ReferenceSections.ike(3, "ESTABLISHED")).build()));
        c.streams.put("list-policies", List.of(
                ViciSection.builder().beginSection("net/web").add("child", "web").add("ike", "net")
                        .add("mode", "TUNNEL").endSection().build(),
                ViciSection.builder().beginSection("trapped/t").add("mode", "TUNNEL").endSection().build(),
                ViciSection.builder().beginSection("noike").add("child", "noike").endSection().build()));
        return c;
    }

    @Test
    void oneObservationIsTheSevenDocumentedRequests() {
        Scripted c = charon59();
        Observer.over(c, Duration.ofSeconds(1)).observe();
        assertThat(c.asked).containsExactlyInAnyOrder("version", "list-conns", "list-sas", "list-policies",
                "get-shared", "get-pools", "get-authorities");
        assertThat(Observer.REQUESTS).isEqualTo(c.asked.size());
        // list-sas without blocking charon's IKE_SA manager, list-policies of trap policies only
        assertThat(c.messages.get(c.asked.indexOf("list-sas")).bool("noblock")).isTrue();
        assertThat(c.messages.get(c.asked.indexOf("list-policies")).bool("trap")).isTrue();
    }

    @Test
    void theObservationHoldsWhatCharonListed() {
        ObservedState s = Observer.over(charon59(), Duration.ofSeconds(1)).observe();
        assertThat(s.version()).isEqualTo("5.9.8");
        // every name charon has anything of: loaded, with IKE_SAs, or with trap policies
        assertThat(s.connections()).containsOnlyKeys("net", "rw", "peer-only", "trapped");
        ObservedConnection net = s.connection("net");
        assertThat(net.loaded()).isTrue();
        assertThat(net.hasChildConfig("net")).isTrue();
        assertThat(net.ikeSas()).hasSize(2);
        assertThat(net.installedSa("net").orElseThrow().uniqueId()).isEqualTo(1);
        assertThat(net.trapped("web")).isTrue();
        assertThat(s.connection("rw").loaded()).isTrue();
        assertThat(s.connection("rw").ikeSas()).isEmpty();
        assertThat(s.connection("peer-only").loaded()).isFalse();
        assertThat(s.connection("peer-only").ikeEstablished()).isTrue();
        // a policy without ike/child fields is read from its key; one without an IKE_SA name is nobody's
        assertThat(s.connection("trapped").trapped("t")).isTrue();
        assertThat(s.connection("trapped").loaded()).isFalse();
        assertThat(s.connection("noike").isEmpty()).isTrue();
        assertThat(s.sharedIds()).contains(Set.of("ike-ab", "eap-carol"));
        assertThat(s.pools()).contains(Set.of("p1", "p2"));
        assertThat(s.authorities()).contains(Set.of("ca", "ca2"));
    }

    @Test
    void whatCharonCannotListIsUnknownNotEmpty() {
        Scripted c = charon59();
        c.replies.put("get-shared", ViciSection.builder().add("success", false).add("errmsg", "unknown request")
                .build());
        c.replies.put("get-pools", ViciSection.builder().add("success", false).add("errmsg", "no").build());
        c.failures.put("get-authorities", new IllegalStateException("command failed"));
        c.failures.put("version", new IllegalStateException("command failed"));
        ObservedState s = Observer.over(c, Duration.ofSeconds(1)).observe();
        assertThat(s.sharedIds()).isEmpty();
        assertThat(s.pools()).isEmpty();
        assertThat(s.authorities()).isEmpty();
        assertThat(s.version()).isNull();
        assertThat(s.connection("net").loaded()).isTrue();
    }

    @Test
    void aCharonWithNothingIsObservedAsEmpty() {
        Scripted c = new Scripted();
        c.replies.put("version", ViciSection.builder().add("version", "6.0.1").build());
        c.replies.put("get-shared", ViciSection.builder().addList("keys", List.of()).build());
        c.replies.put("get-pools", ViciSection.empty());
        c.replies.put("get-authorities", ViciSection.empty());
        ObservedState s = Observer.over(c, Duration.ofSeconds(1)).observe();
        assertThat(s).isEqualTo(new ObservedState("6.0.1", Map.of(), ObservedState.empty().sharedIds(),
                ObservedState.empty().pools(), ObservedState.empty().authorities()));
    }

    @Test
    void losingCharonIsNotTakenForAnEmptyList() {
        for (String command : List.of("version", "get-shared", "get-pools", "get-authorities", "list-conns")) {
            Scripted c = charon59();
            c.failures.put(command, new ViciConnectionException("connection refused"));
            assertThatThrownBy(() -> Observer.over(c, Duration.ofSeconds(1)).observe()).as(command)
                    .satisfies(e -> assertThat(org.vici4j.client.Futures.unwrap(e)).isInstanceOf(ViciConnectionException.class));
        }
    }
}
