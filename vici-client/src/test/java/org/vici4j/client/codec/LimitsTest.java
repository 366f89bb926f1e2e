package org.vici4j.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/** Name, value, depth and segment limits on both the encoding and the decoding side. */
class LimitsTest {

    private static final int SEGMENT = ViciLimits.PROTOCOL_MAX_SEGMENT_SIZE;

    static ViciSection nested(int depth) {
        ViciSection.Builder builder = ViciSection.builder();
        for (int i = 0; i < depth; i++) {
            builder.beginSection("s" + i);
        }
        builder.add("leaf", "x");
        for (int i = 0; i < depth; i++) {
            builder.endSection();
        }
        return builder.build();
    }

    static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'v');
        return bytes;
    }

    /** A CMD_RESPONSE whose body is exactly {@code bodySize} bytes, using 65535-byte values plus a remainder. */
    static ViciPacket responseOfSize(int bodySize) {
        ViciSection.Builder builder = ViciSection.builder();
        int remaining = bodySize - 1;
        int index = 0;
        while (remaining > 0) {
            String key = String.format("k%04d", index++);
            int overhead = 1 + 1 + key.length() + 2;
            int valueLength = Math.min(ViciLimits.PROTOCOL_MAX_VALUE_LENGTH, remaining - overhead);
            builder.add(key, filled(valueLength));
            remaining -= overhead + valueLength;
        }
        return ViciPacket.response(builder.build());
    }

    @Nested
    class Encoder {

        @Test
        void acceptsNamesOf255BytesAndRejects256() {
            String max = "n".repeat(255);
            assertThat(ViciEncoder.encode(ViciPacket.response(ViciSection.builder().add(max, "v").build())))
                    .hasSize(1 + 1 + 1 + 255 + 2 + 1);

            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.response(
                    ViciSection.builder().beginSection("outer").add("n".repeat(256), "v").endSection().build())))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessage("cannot encode VICI CMD_RESPONSE: key 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...'"
                            + " in section 'outer' is 256 bytes in UTF-8, the limit is 255 bytes; use a shorter"
                            + " name");
        }

        @Test
        void countsNameLengthInUtf8Bytes() {
            String twoByteChars = "é".repeat(128); // 256 bytes
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.response(
                    ViciSection.builder().addList(twoByteChars, "x").build())))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageContaining("list name")
                    .hasMessageContaining("is 256 bytes in UTF-8, the limit is 255 bytes");
            assertThat(ViciDecoder.decode(ViciEncoder.encode(ViciPacket.response(
                    ViciSection.builder().addSection("é".repeat(127), ViciSection.empty()).build())))
                    .message().keys()).containsExactly("é".repeat(127));
        }

        @Test
        void rejectsPacketNamesOver255Bytes() {
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.request("c".repeat(256), ViciSection.empty())))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageContaining("the packet name 'cccc")
                    .hasMessageContaining("is 256 bytes in UTF-8, the limit is 255 bytes");
        }

        @Test
        void rejectsNamesWithUnpairedSurrogates() {
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.response(
                    ViciSection.builder().add("bad\uD800", "v").build())))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageContaining("key 'bad\uD800' contains an unpaired surrogate");
        }

        @Test
        void acceptsValuesOf65535BytesAndRejects65536() {
            ViciPacket max = ViciPacket.response(ViciSection.builder().add("k", filled(65535)).build());
            assertThat(ViciDecoder.decode(ViciEncoder.encode(max))).isEqualTo(max);

            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.request("load-cert",
                    ViciSection.builder().beginSection("a").add("data", filled(65536)).endSection().build())))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessage("cannot encode VICI CMD_REQUEST 'load-cert': the value of 'a.data' is 65536 bytes,"
                            + " the limit is 65535 bytes; split it or pass it by reference (e.g. a file)");
        }

        @Test
        void rejectsOversizedListItems() {
            ViciSection message = ViciSection.builder()
                    .add("certs", org.vici4j.client.message.ViciList.of(
                            java.util.List.of(ViciValue.of("ok"), ViciValue.of(filled(65536)))))
                    .build();
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.response(message)))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageContaining("the value of 'certs[1]' is 65536 bytes");
        }

        @Test
        void acceptsExactly512KiBAndRejectsOneByteMore() {
            ViciPacket exact = responseOfSize(SEGMENT);
            byte[] body = ViciEncoder.encode(exact);
            assertThat(body).hasSize(SEGMENT);
            assertThat(ViciDecoder.decode(body)).isEqualTo(exact);

            assertThatThrownBy(() -> ViciEncoder.encode(responseOfSize(SEGMENT + 1)))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageStartingWith("cannot encode VICI CMD_RESPONSE: the packet exceeds the segment"
                            + " limit of 524288 bytes")
                    .hasMessageEndingWith("split the request into several smaller ones");
        }

        @Test
        void segmentLimitIncludesTypeAndName() {
            // a message that fits alone but not with the packet header in front of it
            ViciSection message = responseOfSize(SEGMENT).message();
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.event("x", message)))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageContaining("exceeds the segment limit");
        }

        @Test
        void enforcesDepthLimit() {
            assertThat(ViciDecoder.decode(ViciEncoder.encode(ViciPacket.response(nested(64)))).message())
                    .isEqualTo(nested(64));
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.response(nested(65))))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageContaining("sections nest deeper than the limit of 64 levels at 's0.s1.s2")
                    .hasMessageContaining(".s63.s64'");
        }

        @Test
        void honoursLoweredLimits() {
            ViciLimits small = new ViciLimits(32, 4, 3, 1);
            ViciSection ok = ViciSection.builder().beginSection("sec").add("key", "val").endSection().build();
            assertThat(ViciEncoder.encode(ViciPacket.response(ok), small)).hasSize(1 + 5 + 10 + 1);

            assertThatThrownBy(() -> ViciEncoder.encode(
                    ViciPacket.response(ViciSection.builder().add("long5", "v").build()), small))
                    .hasMessageContaining("is 5 bytes in UTF-8, the limit is 4 bytes");
            assertThatThrownBy(() -> ViciEncoder.encode(
                    ViciPacket.response(ViciSection.builder().add("k", "four").build()), small))
                    .hasMessageContaining("is 4 bytes, the limit is 3 bytes");
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.response(nested(2)), small))
                    .hasMessageContaining("deeper than the limit of 1 levels");
            assertThatThrownBy(() -> ViciEncoder.encode(ViciPacket.response(ViciSection.builder()
                    .add("a", "vvv").add("b", "vvv").add("c", "vvv").add("d", "vvv").build()), small))
                    .hasMessageContaining("exceeds the segment limit of 32 bytes");
        }
    }

    @Nested
    class Decoder {

        @Test
        void rejectsNestingBeyond64WithOffset() {
            Bytes deep = Bytes.packet(1);
            for (int i = 0; i < 65; i++) {
                deep.sectionStart("s");
            }
            // section i starts at offset 1 + 3*i; the 65th (i = 64) at 193
            assertThatThrownBy(() -> ViciDecoder.decode(deep.bytes()))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessage("malformed VICI message at byte offset 193: section 's' nests deeper than the"
                            + " limit of 64 levels");
        }

        @Test
        void rejectsNamesAndValuesOverLoweredLimits() {
            ViciLimits small = new ViciLimits(1000, 4, 3, 2);
            assertThatThrownBy(() -> ViciDecoder.decode(Bytes.packet(1).keyValue("long5", "v").bytes(), small))
                    .hasMessage("malformed VICI message at byte offset 2: KEY_VALUE name is 5 bytes, the limit is 4");
            assertThatThrownBy(() -> ViciDecoder.decode(Bytes.packet(1).listStart("l").listItem("four").bytes(),
                    small))
                    .hasMessage("malformed VICI message at byte offset 5: item of list 'l' is 4 bytes, the limit"
                            + " is 3");
            assertThatThrownBy(() -> ViciDecoder.decode(Bytes.packet(7).name("event").bytes(), small))
                    .hasMessage("malformed VICI message at byte offset 1: packet name of EVENT is 5 bytes, the"
                            + " limit is 4");
        }

        @Test
        void rejectsBodiesOverTheSegmentLimitBeforeParsing() {
            byte[] body = new byte[SEGMENT + 1];
            body[0] = 1;
            assertThatThrownBy(() -> ViciDecoder.decode(body))
                    .isExactlyInstanceOf(ProtocolException.class)
                    .hasMessage("VICI packet of 524289 bytes exceeds the segment limit of 524288 bytes");
        }

        @Test
        void decodesARangeOfALargerArray() {
            byte[] body = Bytes.packet(1).keyValue("k", "v").bytes();
            byte[] padded = new byte[body.length + 6];
            System.arraycopy(body, 0, padded, 3, body.length);
            padded[0] = 9;
            padded[padded.length - 1] = 9;

            assertThat(ViciDecoder.decode(padded, 3, body.length, ViciLimits.DEFAULT).message().string("k"))
                    .hasValue("v");
            assertThatThrownBy(() -> ViciDecoder.decode(padded, 3, body.length - 1, ViciLimits.DEFAULT))
                    .hasMessage("truncated VICI message at byte offset 4: value of 'k' has length 1 but only 0"
                            + " byte(s) remain");
        }
    }

    @Test
    void limitsCannotExceedTheProtocol() {
        assertThatThrownBy(() -> new ViciLimits(SEGMENT + 1, 255, 65535, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxSegmentSize must be within 1..524288, got 524289");
        assertThatThrownBy(() -> new ViciLimits(SEGMENT, 256, 65535, 64))
                .hasMessage("maxNameLength must be within 0..255, got 256");
        assertThatThrownBy(() -> new ViciLimits(SEGMENT, 255, 65536, 64))
                .hasMessage("maxValueLength must be within 0..65535, got 65536");
        assertThatThrownBy(() -> new ViciLimits(SEGMENT, 255, 65535, -1))
                .hasMessage("maxDepth must be within 0..1024, got -1");
        assertThat(ViciLimits.DEFAULT).isEqualTo(new ViciLimits(524288, 255, 65535, 64));
    }
}
