package org.vici4j.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.ViciPacket;

/**
 * Bounded fuzzing of the decoder with seeded random inputs: random and mutated bodies must either
 * decode or fail with a {@link ProtocolException} whose message names a byte offset inside the
 * input; nothing else, and no hang. Inputs that decode must re-encode to an equivalent packet.
 */
class DecoderFuzzTest {

    private static final byte[] INTERESTING = {'a', (byte) 0xff, (byte) 0x80, (byte) 0xc3, 0, 1, 2};

    private int decoded;
    private int rejected;

    /** Bytes biased towards valid packet and element codes and small lengths, to get deep into the parser. */
    static byte[] randomBody(Random random) {
        byte[] body = new byte[random.nextInt(201)];
        for (int i = 0; i < body.length; i++) {
            int kind = random.nextInt(7);
            body[i] = kind < 4 ? (byte) random.nextInt(8)
                    : kind < 6 ? (byte) random.nextInt(256)
                    : INTERESTING[random.nextInt(INTERESTING.length)];
        }
        return body;
    }

    /** A valid encoding with one to four mutations: overwrite, insert, delete or truncate. */
    static byte[] mutatedBody(RandomPackets gen) {
        Random random = gen.random();
        byte[] bytes = ViciEncoder.encode(gen.packet());
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            bytes = mutate(bytes, random.nextInt(4), random.nextInt(Integer.MAX_VALUE), (byte) random.nextInt(256));
        }
        return bytes;
    }

    static byte[] mutate(byte[] in, int kind, int position, byte value) {
        if (in.length == 0) {
            return kind == 1 ? new byte[] {value} : in;
        }
        int at = position % in.length;
        switch (kind) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] = value;
                return out;
            }
            case 1 -> {
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = value;
                System.arraycopy(in, at, out, at + 1, in.length - at);
                return out;
            }
            case 2 -> {
                byte[] out = new byte[in.length - 1];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + 1, out, at, in.length - at - 1);
                return out;
            }
            default -> {
                return Arrays.copyOf(in, at);
            }
        }
    }

    @Test
    void randomBytesDecodeOrFailWithProtocolException() {
        Cases.check(10_000, 3000, gen -> decodeOrProtocolError(randomBody(gen.random())));
        assertBothOutcomesSeen(1);
    }

    @Test
    void mutatedEncodingsDecodeOrFailWithProtocolException() {
        Cases.check(20_000, 3000, gen -> decodeOrProtocolError(mutatedBody(gen)));
        assertBothOutcomesSeen(20);
    }

    @Test
    void everyPrefixOfAValidEncodingDecodesOrFailsCleanly() {
        Cases.check(30_000, 100, gen -> {
            byte[] body = ViciEncoder.encode(gen.packet());
            for (int length = 0; length < body.length; length++) {
                decodeOrProtocolError(Arrays.copyOf(body, length));
            }
        });
        assertThat(rejected).isPositive();
        assertThat(decoded).as("prefixes that end between top-level elements decode").isPositive();
    }

    /** Guards the generators: a fuzz run that only ever decodes, or only ever fails, tests little. */
    private void assertBothOutcomesSeen(int minDecoded) {
        assertThat(decoded).as("inputs that decoded").isGreaterThanOrEqualTo(minDecoded);
        assertThat(rejected).as("inputs that were rejected").isGreaterThan(100);
    }

    private void decodeOrProtocolError(byte[] body) {
        ViciPacket packet;
        try {
            packet = ViciDecoder.decode(body);
        } catch (ProtocolException e) {
            assertThat(e.getMessage())
                    .matches("(?s)(malformed|truncated) VICI (packet|message) at byte offset \\d+: .+");
            int offset = Integer.parseInt(e.getMessage().replaceAll("(?s).*?at byte offset (\\d+):.*", "$1"));
            assertThat(offset).isBetween(0, body.length);
            rejected++;
            return;
        } catch (RuntimeException | Error e) {
            fail("decoder threw " + e + " instead of ProtocolException for " + Arrays.toString(body), e);
            return;
        }
        assertThat(ViciDecoder.decode(ViciEncoder.encode(packet))).isEqualTo(packet);
        decoded++;
    }
}
