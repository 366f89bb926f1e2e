package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciClient;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.testing.TwoGatewayChecks;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.TunnelConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** bin/vici end to end against two real charon daemons whose CHILD_SAs install (libipsec). */
abstract class CliChecks extends TwoGatewayChecks {

    /** @return the lab ({@link CliIT}: strongSwan 5.9, {@link CliStrongSwan6IT}: 6.x) */
    abstract CharonLabExtension lab();

    @Override
    protected CharonLabExtension charonLab() {
        return lab();
    }

    /** Values that change from one second to the next. */
    static final Set<String> VOLATILE = Set.of("established", "rekey-time", "reauth-time", "life-time", "install-time",
            "bytes-in", "bytes-out", "packets-in", "packets-out", "use-in", "use-out");

    @BeforeEach
    void load() {
        a.loadSwanctlConf(TunnelConfig.psk("net", a, b).toSwanctlConf());
        b.loadSwanctlConf(TunnelConfig.psk("net", b, a).toSwanctlConf());
    }

    @AfterEach
    void terminate() {
        a.swanctl("--terminate", "--ike", "net", "--timeout", "5");
    }

    @Test
    void initiateAndTerminateATunnel() {
        ViciProcess.Result up = ViciProcess.run("--uri", a.viciUri(), "initiate", "--child", "net", "--timeout", "30s");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("[IKE] CHILD_SA net{").contains("initiate completed successfully");

        ViciProcess.Result sas = ViciProcess.run("--uri", a.viciUri(), "list-sas");
        assertThat(sas.exit()).as(sas.toString()).isZero();
        assertThat(sas.out()).startsWith("net: #").contains("ESTABLISHED, IKEv2").contains(", INSTALLED, TUNNEL")
                .contains("local  " + a.subnet()).contains("remote " + b.subnet());

        ViciProcess.Result down = ViciProcess.run("--uri", a.viciUri(), "terminate", "--ike", "net");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.out()).contains("terminate completed successfully");
        assertThat(ViciProcess.run("--uri", a.viciUri(), "list-sas", "-o", "json").out()).isEqualTo("[]\n");
    }

    @Test
    void listSasJsonEqualsTheMessagesCharonStreamed() throws Exception {
        assertThat(a.swanctl("--initiate", "--child", "net", "--timeout", "30").exitCode()).isZero();
        ViciProcess.Result r = ViciProcess.run("--uri", a.viciUri(), "list-sas", "-o", "json");
        assertThat(r.exit()).as(r.toString()).isZero();
        StreamedResponse direct;
        try (ViciClient client = ViciClient.connect(a.viciUri())) {
            direct = client.await(client.streamed("list-sas", ViciSection.empty(), "list-sa", null));
        }
        JsonNode printed = Fixtures.parse(r.out());
        ArrayNode expected = Fixtures.MAPPER.createArrayNode();
        direct.events().forEach(e -> expected.add(Fixtures.json(e)));
        assertThat(printed).hasSize(1);
        assertThat(stripVolatile(printed)).isEqualTo(stripVolatile(expected));
        List<String> keys = new ArrayList<>();
        printed.get(0).get("net").fieldNames().forEachRemaining(keys::add);
        List<String> charonKeys = new ArrayList<>(direct.events().get(0).section("net").orElseThrow().keys());
        assertThat(keys).isEqualTo(charonKeys);
    }

    @Test
    void monitorJsonShowsTheChildUpdownOfATunnelBroughtUpMeanwhile() throws Exception {
        ViciProcess monitor = ViciProcess.start("--uri", a.viciUri(), "monitor", "-o", "json", "--count", "2",
                "--duration", "60s");
        monitor.awaitStderr("vici: watching", Duration.ofSeconds(30));
        assertThat(a.swanctl("--initiate", "--child", "net", "--timeout", "30").exitCode()).isZero();
        ViciProcess.Result r = monitor.await(Duration.ofSeconds(60));
        assertThat(r.exit()).as(r.toString()).isZero();
        if (strongSwan6()) {
            assertThat(r.err()).doesNotContain("does not support 'alert' events");
        } else {
            // strongSwan 5.9 has no 'alert' event: a note, not a failure
            assertThat(r.err()).contains("does not support 'alert' events");
        }
        List<JsonNode> events = r.out().lines().map(Fixtures::parse).toList();
        assertThat(events).extracting(e -> e.path("event").asText()).containsExactly("ike-updown", "child-updown");
        JsonNode childUp = events.get(1).path("message");
        assertThat(childUp.path("up").asText()).isEqualTo("yes");
        JsonNode children = childUp.path("net").path("child-sas");
        assertThat(children.size()).isEqualTo(1);
        JsonNode child = children.elements().next();
        assertThat(child.path("name").asText()).isEqualTo("net");
        assertThat(child.path("state").asText()).isEqualTo("INSTALLED");
    }

    @Test
    void wrongSocketPathExitsThreeWithAClearMessage() {
        ViciProcess.Result r = ViciProcess.run("--uri", "unix:///tmp/vici4j-no-such-dir/charon.vici", "list-sas");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasLineCount(1).startsWith("vici: ").contains("/tmp/vici4j-no-such-dir/charon.vici")
                .contains("does not exist");
    }

    @Test
    void versionShowsTheDaemon() {
        ViciProcess.Result r = ViciProcess.start(ViciProcess.launcher(), Map.of("VICI_URI", a.viciUri()), "version")
                .await(Duration.ofSeconds(60));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("client   vici4j").contains(strongSwan6() ? "version  6." : "version  5.9");
    }

    static JsonNode stripVolatile(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(VOLATILE);
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                strip(e.getValue());
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(CliChecks::strip);
        }
    }
}
