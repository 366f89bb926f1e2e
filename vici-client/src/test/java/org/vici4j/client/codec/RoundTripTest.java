package org.vici4j.client.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vici4j.client.message.ViciPacket;

/** Round-trip properties of the codec over generated packets. */
class RoundTripTest {

    @Provide
    Arbitrary<ViciPacket> packets() {
        return ViciArbitraries.packets();
    }

    @Property(tries = 500)
    void decodeInvertsEncode(@ForAll("packets") ViciPacket packet) {
        assertThat(ViciDecoder.decode(ViciEncoder.encode(packet))).isEqualTo(packet);
    }

    @Property(tries = 300)
    void encodingIsCanonical(@ForAll("packets") ViciPacket packet) {
        byte[] encoded = ViciEncoder.encode(packet);
        assertThat(ViciEncoder.encode(ViciDecoder.decode(encoded))).containsExactly(encoded);
    }

    @Property(tries = 300)
    void measuredLengthAndFrameMatchTheEncoding(@ForAll("packets") ViciPacket packet) {
        byte[] body = ViciEncoder.encode(packet);
        byte[] frame = ViciEncoder.encodeFrame(packet, ViciLimits.DEFAULT);

        assertThat(ViciEncoder.encodedLength(packet, ViciLimits.DEFAULT)).isEqualTo(body.length);
        assertThat(frame).hasSize(body.length + 4);
        int prefix = ((frame[0] & 0xff) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8)
                | (frame[3] & 0xff);
        assertThat(prefix).isEqualTo(body.length);
        assertThat(java.util.Arrays.copyOfRange(frame, 4, frame.length)).containsExactly(body);
    }
}
