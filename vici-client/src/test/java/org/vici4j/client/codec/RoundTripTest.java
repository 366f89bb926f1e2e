package org.vici4j.client.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciPacket;

/** Round-trip properties of the codec over seeded random packets. */
class RoundTripTest {

    @Test
    void decodeInvertsEncode() {
        Cases.check(1_000, 500, gen -> {
            ViciPacket packet = gen.packet();
            assertThat(ViciDecoder.decode(ViciEncoder.encode(packet))).isEqualTo(packet);
        });
    }

    @Test
    void encodingIsCanonical() {
        Cases.check(2_000, 300, gen -> {
            byte[] encoded = ViciEncoder.encode(gen.packet());
            assertThat(ViciEncoder.encode(ViciDecoder.decode(encoded))).containsExactly(encoded);
        });
    }

    @Test
    void measuredLengthAndFrameMatchTheEncoding() {
        Cases.check(3_000, 300, gen -> {
            ViciPacket packet = gen.packet();
            byte[] body = ViciEncoder.encode(packet);
            byte[] frame = ViciEncoder.encodeFrame(packet, ViciLimits.DEFAULT);

            assertThat(ViciEncoder.encodedLength(packet, ViciLimits.DEFAULT)).isEqualTo(body.length);
            assertThat(frame).hasSize(body.length + 4);
            int prefix = ((frame[0] & 0xff) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8)
                    | (frame[3] & 0xff);
            assertThat(prefix).isEqualTo(body.length);
            assertThat(Arrays.copyOfRange(frame, 4, frame.length)).containsExactly(body);
        });
    }

    @Test
    void generatorCoversTheMessageModel() {
        int[] seen = new int[4]; // sections, lists, binary values, non-ASCII names
        Cases.check(4_000, 200, gen -> {
            String encoded = ViciDecoder.decode(ViciEncoder.encode(gen.packet())).toString();
            seen[0] += encoded.contains("={") ? 1 : 0;
            seen[1] += encoded.contains("=[") ? 1 : 0;
            seen[2] += encoded.contains("=0x") ? 1 : 0;
            seen[3] += encoded.chars().anyMatch(c -> c > 0x7f) ? 1 : 0;
        });
        assertThat(Arrays.stream(seen).boxed().toList())
                .as("packets with sections, lists, binary values, non-ASCII names")
                .allMatch(count -> count >= 10);
    }
}
