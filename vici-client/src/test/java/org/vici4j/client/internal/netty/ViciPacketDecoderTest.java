package org.vici4j.client.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.codec.Cases;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/** Frame decoder and packet decoder together, as in the client's pipeline. */
class ViciPacketDecoderTest {

    static final List<ViciPacket> PACKETS = List.of(
            ViciPacket.of(PacketType.EVENT_CONFIRM),
            ViciPacket.event("list-sa", ViciSection.builder()
                    .beginSection("net")
                    .add("uniqueid", "1")
                    .add("state", "ESTABLISHED")
                    .addList("tasks-active", "CHILD_CREATE")
                    .beginSection("child-sas").beginSection("net-1").add("mode", "TUNNEL").endSection().endSection()
                    .endSection()
                    .build()),
            ViciPacket.response(ViciSection.empty()),
            ViciPacket.of(PacketType.CMD_UNKNOWN),
            ViciPacket.response(ViciSection.builder().add("success", "yes").build()));

    static EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new ViciFrameDecoder(), new ViciPacketDecoder());
    }

    static byte[] stream(List<ViciPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ViciPacket packet : packets) {
            out.writeBytes(ViciEncoder.encodeFrame(packet, ViciLimits.DEFAULT));
        }
        return out.toByteArray();
    }

    static List<ViciPacket> drain(EmbeddedChannel channel) {
        List<ViciPacket> out = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            out.add((ViciPacket) msg);
        }
        return out;
    }

    @Test
    void decodesPacketsFedOneByteAtATime() {
        EmbeddedChannel channel = pipeline();
        byte[] bytes = stream(PACKETS);
        List<ViciPacket> received = new ArrayList<>();
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            received.addAll(drain(channel));
        }
        assertThat(received).containsExactlyElementsOf(PACKETS);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void malformedBodyRaisesProtocolExceptionAndReleasesTheBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciPacketDecoder());
        ByteBuf body = Unpooled.wrappedBuffer(new byte[] {1, 5, 0, 0});

        assertThatThrownBy(() -> channel.writeInbound(body))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("malformed VICI message at byte offset 1: LIST_ITEM (5) outside a list; it must follow"
                        + " LIST_START");
        assertThat(body.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesDirectBuffersAndSlices() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciPacketDecoder());
        byte[] body = ViciEncoder.encode(PACKETS.get(1));
        ByteBuf direct = Unpooled.directBuffer().writeBytes(body);
        ByteBuf padded = Unpooled.buffer().writeZero(3).writeBytes(body).writeZero(2);

        channel.writeInbound(direct, padded.slice(3, body.length));
        assertThat(drain(channel)).containsExactly(PACKETS.get(1), PACKETS.get(1));
        assertThat(direct.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void passesOtherMessagesThrough() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciPacketDecoder());
        channel.writeInbound("not a buffer");
        assertThat(channel.<Object>readInbound()).isEqualTo("not a buffer");
    }

    @Test
    void decodesRandomStreamsSplitAtRandomPoints() {
        Cases.check(5_000, 150, gen -> {
            List<ViciPacket> packets = gen.packets(5);
            int chunk = 1 + gen.random().nextInt(64);
            EmbeddedChannel channel = pipeline();
            byte[] bytes = stream(packets);
            for (int at = 0; at < bytes.length; at += chunk) {
                channel.writeInbound(Unpooled.copiedBuffer(bytes, at, Math.min(chunk, bytes.length - at)));
            }
            assertThat(drain(channel)).containsExactlyElementsOf(packets);
            assertThat(channel.finish()).isFalse();
        });
    }
}
