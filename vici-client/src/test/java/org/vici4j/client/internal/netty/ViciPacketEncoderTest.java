package org.vici4j.client.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

class ViciPacketEncoderTest {

    @Test
    void writesLengthPrefixedFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciPacketEncoder());
        ViciPacket packet = ViciPacket.request("initiate", ViciSection.builder().add("child", "net").build());

        assertThat(channel.writeOutbound(packet)).isTrue();
        ByteBuf out = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(out)).containsExactly(
                0, 0, 0, 22,
                0, 8, 'i', 'n', 'i', 't', 'i', 'a', 't', 'e',
                3, 5, 'c', 'h', 'i', 'l', 'd', 0, 3, 'n', 'e', 't');
        out.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void failsTheWriteWithoutWritingWhenALimitIsExceeded() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciPacketEncoder());
        ViciPacket tooLong = ViciPacket.request("x".repeat(256), ViciSection.empty());

        ChannelFuture write = channel.writeOneOutbound(tooLong);
        channel.flushOutbound();

        assertThat(write.isDone()).isTrue();
        assertThat(write.cause()).isExactlyInstanceOf(ProtocolException.class)
                .hasMessageContaining("the packet name 'xxxx");
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void roundTripsThroughTheDecoders() {
        EmbeddedChannel out = new EmbeddedChannel(new ViciPacketEncoder());
        EmbeddedChannel in = ViciPacketDecoderTest.pipeline();
        for (ViciPacket packet : ViciPacketDecoderTest.PACKETS) {
            out.writeOutbound(packet);
        }
        for (Object buf; (buf = out.readOutbound()) != null; ) {
            in.writeInbound(buf);
        }
        assertThat(ViciPacketDecoderTest.drain(in)).containsExactlyElementsOf(ViciPacketDecoderTest.PACKETS);
        assertThat(in.finish()).isFalse();
    }

    @Test
    void passesOtherMessagesThrough() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciPacketEncoder());
        channel.writeOutbound("raw");
        assertThat(channel.<Object>readOutbound()).isEqualTo("raw");
    }
}
