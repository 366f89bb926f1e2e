package org.vici4j.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.ViciPacket;

/**
 * Bounded fuzzing of the decoder: random and mutated inputs must either decode or fail with a
 * {@link ProtocolException}; nothing else, and no hang. Inputs that decode must re-encode to an
 * equivalent packet.
 */
class DecoderFuzzTest {

    /** Bytes biased towards valid packet and element codes and small lengths, to get deep into the parser. */
    @Provide
    Arbitrary<byte[]> randomBodies() {
        Arbitrary<Byte> interesting = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.bytes().between((byte) 0, (byte) 7)),
                Tuple.of(2, Arbitraries.bytes()),
                Tuple.of(1, Arbitraries.of((byte) 'a', (byte) 0xff, (byte) 0x80, (byte) 0xc3)));
        return interesting.list().ofMaxSize(200).map(DecoderFuzzTest::toArray);
    }

    /** Valid encodings with one to four random mutations (overwrite, insert, delete, truncate). */
    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.bytes()).as(Mutation::new);
        return Combinators.combine(ViciArbitraries.packets(), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((packet, mutations) -> {
                    byte[] bytes = ViciEncoder.encode(packet);
                    for (Mutation m : mutations) {
                        bytes = m.apply(bytes);
                    }
                    return bytes;
                });
    }

    record Mutation(int kind, int position, byte value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return kind == 1 ? new byte[] {value} : in;
            }
            int at = position % in.length;
            return switch (kind) {
                case 0 -> {
                    byte[] out = in.clone();
                    out[at] = value;
                    yield out;
                }
                case 1 -> {
                    byte[] out = new byte[in.length + 1];
                    System.arraycopy(in, 0, out, 0, at);
                    out[at] = value;
                    System.arraycopy(in, at, out, at + 1, in.length - at);
                    yield out;
                }
                case 2 -> {
                    byte[] out = new byte[in.length - 1];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, at + 1, out, at, in.length - at - 1);
                    yield out;
                }
                default -> Arrays.copyOf(in, at);
            };
        }
    }

    @Property(tries = 2000)
    void randomBytesDecodeOrFailWithProtocolException(@ForAll("randomBodies") byte[] body) {
        recordAndRequireBothOutcomes(decodeOrProtocolError(body));
    }

    @Property(tries = 2000)
    void mutatedEncodingsDecodeOrFailWithProtocolException(@ForAll("mutatedBodies") byte[] body) {
        recordAndRequireBothOutcomes(decodeOrProtocolError(body));
    }

    /** Guards the generators: a fuzz run that only ever decodes, or only ever fails, tests little. */
    private static void recordAndRequireBothOutcomes(String outcome) {
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("decoded").count(n -> n > 0);
            coverage.check("rejected").count(n -> n > 0);
        });
    }

    private static String decodeOrProtocolError(byte[] body) {
        ViciPacket packet;
        try {
            packet = ViciDecoder.decode(body);
        } catch (ProtocolException e) {
            assertThat(e.getMessage()).matches("(?s)(malformed|truncated) VICI (packet|message) at byte offset \\d+: .+");
            int offset = Integer.parseInt(e.getMessage().replaceAll("(?s).*at byte offset (\\d+):.*", "$1"));
            assertThat(offset).isBetween(0, body.length);
            return "rejected";
        } catch (RuntimeException | Error e) {
            return fail("decoder threw " + e + " instead of ProtocolException for " + Arrays.toString(body), e);
        }
        assertThat(ViciDecoder.decode(ViciEncoder.encode(packet))).isEqualTo(packet);
        return "decoded";
    }

    private static byte[] toArray(java.util.List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
