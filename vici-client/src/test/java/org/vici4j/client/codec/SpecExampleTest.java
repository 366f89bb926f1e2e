package org.vici4j.client.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * The encoding example of strongSwan's VICI README as a golden vector, both ways. The bytes are
 * written out literally from the spec's description of each element.
 */
class SpecExampleTest {

    /** key1 = value1, section1 = { sub-section = { key2 = value2 }, list1 = [item1, item2] }. */
    static final byte[] SPEC_MESSAGE = {
            3, 4, 'k', 'e', 'y', '1', 0, 6, 'v', 'a', 'l', 'u', 'e', '1',
            1, 8, 's', 'e', 'c', 't', 'i', 'o', 'n', '1',
            1, 11, 's', 'u', 'b', '-', 's', 'e', 'c', 't', 'i', 'o', 'n',
            3, 4, 'k', 'e', 'y', '2', 0, 6, 'v', 'a', 'l', 'u', 'e', '2',
            2,
            4, 5, 'l', 'i', 's', 't', '1',
            5, 0, 5, 'i', 't', 'e', 'm', '1',
            5, 0, 5, 'i', 't', 'e', 'm', '2',
            6,
            2,
    };

    static ViciSection specTree() {
        return ViciSection.builder()
                .add("key1", "value1")
                .beginSection("section1")
                .beginSection("sub-section")
                .add("key2", "value2")
                .endSection()
                .addList("list1", "item1", "item2")
                .endSection()
                .build();
    }

    /** CMD_RESPONSE (1) has no name: the message follows the type byte directly. */
    static byte[] responsePacket() {
        byte[] packet = new byte[SPEC_MESSAGE.length + 1];
        packet[0] = 1;
        System.arraycopy(SPEC_MESSAGE, 0, packet, 1, SPEC_MESSAGE.length);
        return packet;
    }

    @Test
    void encodesTheSpecExampleToTheSpecBytes() {
        assertThat(ViciEncoder.encode(ViciPacket.response(specTree()))).containsExactly(responsePacket());
    }

    @Test
    void decodesTheSpecBytesToTheSpecTree() {
        ViciPacket packet = ViciDecoder.decode(responsePacket());

        assertThat(packet.type()).isEqualTo(PacketType.CMD_RESPONSE);
        assertThat(packet.name()).isNull();
        ViciSection message = packet.message();
        assertThat(message).isEqualTo(specTree());
        assertThat(message.keys()).containsExactly("key1", "section1");
        assertThat(message.string("key1")).hasValue("value1");
        ViciSection section1 = message.section("section1").orElseThrow();
        assertThat(section1.keys()).containsExactly("sub-section", "list1");
        assertThat(section1.section("sub-section").orElseThrow().string("key2")).hasValue("value2");
        assertThat(section1.get("list1")).containsInstanceOf(ViciList.class);
        assertThat(section1.list("list1")).containsExactly("item1", "item2");
    }

    @Test
    void namedPacketCarriesTheNameBeforeTheMessage() {
        byte[] expected = Bytes.packet(0).name("initiate").raw(SPEC_MESSAGE).bytes();

        assertThat(ViciEncoder.encode(ViciPacket.request("initiate", specTree()))).containsExactly(expected);
        assertThat(ViciDecoder.decode(expected)).isEqualTo(ViciPacket.request("initiate", specTree()));
    }

    @Test
    void frameHasBigEndianLengthPrefixOfTheBodyOnly() {
        byte[] frame = ViciEncoder.encodeFrame(ViciPacket.response(specTree()), ViciLimits.DEFAULT);
        int bodyLength = SPEC_MESSAGE.length + 1;

        assertThat(frame).startsWith(0, 0, 0, bodyLength);
        assertThat(frame).hasSize(4 + bodyLength);
        assertThat(ViciEncoder.encodedLength(ViciPacket.response(specTree()), ViciLimits.DEFAULT))
                .isEqualTo(bodyLength);
    }

    @Test
    void packetsWithoutMessageAreTypeAndName() {
        assertThat(ViciEncoder.encode(ViciPacket.register("list-sa")))
                .containsExactly(Bytes.packet(3).name("list-sa").bytes());
        assertThat(ViciEncoder.encode(ViciPacket.unregister("log")))
                .containsExactly(Bytes.packet(4).name("log").bytes());
        assertThat(ViciEncoder.encode(ViciPacket.of(PacketType.EVENT_CONFIRM))).containsExactly(5);
        assertThat(ViciDecoder.decode(new byte[] {2})).isEqualTo(ViciPacket.of(PacketType.CMD_UNKNOWN));
        assertThat(ViciDecoder.decode(new byte[] {6})).isEqualTo(ViciPacket.of(PacketType.EVENT_UNKNOWN));
        assertThat(ViciDecoder.decode(Bytes.packet(7).name("log").keyValue("msg", "hi").bytes()))
                .isEqualTo(ViciPacket.event("log", ViciSection.builder().add("msg", "hi").build()));
    }

    @Test
    void emptyListsAndSectionsAndBinaryValuesSurvive() {
        ViciSection tree = ViciSection.builder()
                .addList("empty-list")
                .addSection("empty-section", ViciSection.empty())
                .add("binary", new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x28})
                .add("dup", "1")
                .add("dup", "2")
                .build();
        byte[] expected = Bytes.packet(1)
                .listStart("empty-list").listEnd()
                .sectionStart("empty-section").sectionEnd()
                .u8(3).name("binary").u16(4).raw(new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x28})
                .keyValue("dup", "1")
                .keyValue("dup", "2")
                .bytes();

        assertThat(ViciEncoder.encode(ViciPacket.response(tree))).containsExactly(expected);
        ViciSection decoded = ViciDecoder.decode(expected).message();
        assertThat(decoded).isEqualTo(tree);
        assertThat(decoded.size()).isEqualTo(5);
        assertThat(decoded.string("dup")).hasValue("1");
    }
}
