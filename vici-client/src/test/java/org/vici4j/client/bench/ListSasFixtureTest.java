package org.vici4j.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/** Keeps the benchmark workload honest: it round-trips and looks like charon's list-sa events. */
class ListSasFixtureTest {

    @Test
    void streamHasOneEventPerIkeSaAndAFinalResponse() {
        List<ViciPacket> stream = ListSasFixture.listSasStream(3);
        assertThat(stream).hasSize(4);
        assertThat(stream.get(3).type()).isEqualTo(PacketType.CMD_RESPONSE);
        ViciSection ike = stream.get(1).message().section("conn-2").orElseThrow();
        assertThat(ike.keys()).contains("uniqueid", "state", "local-host", "remote-host", "initiator-spi",
                "responder-spi", "encr-alg", "dh-group", "established", "rekey-time", "tasks-active", "child-sas");
        ViciSection child = ike.section("child-sas").flatMap(c -> c.section("net-2")).orElseThrow();
        assertThat(child.string("state")).hasValue("INSTALLED");
        assertThat(child.list("local-ts")).containsExactly("198.51.100.0/24");
        for (ViciPacket packet : stream) {
            assertThat(ViciDecoder.decode(ViciEncoder.encode(packet))).isEqualTo(packet);
        }
    }

    @Test
    void nettyBenchmarkDecodesTheWholeStream() {
        ListSasBenchmark benchmark = new ListSasBenchmark();
        benchmark.ikeSas = 50;
        benchmark.setUp();
        List<Object> decoded = new java.util.ArrayList<>();
        assertThat(benchmark.decodeThroughNetty(decoded::add)).isEqualTo(51);
        assertThat(decoded).containsExactlyElementsOf(ListSasFixture.listSasStream(50));
        assertThat(benchmark.streamBytes()).isGreaterThan(50 * 700);
    }
}
