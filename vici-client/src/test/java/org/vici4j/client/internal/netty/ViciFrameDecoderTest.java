package org.vici4j.client.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.codec.ViciLimits;

class ViciFrameDecoderTest {

    private static ByteBuf buf(int... bytes) {
        ByteBuf buf = Unpooled.buffer(bytes.length);
        for (int b : bytes) {
            buf.writeByte(b);
        }
        return buf;
    }

    private static byte[] readBody(EmbeddedChannel channel) {
        ByteBuf body = channel.readInbound();
        try {
            return ByteBufUtil.getBytes(body);
        } finally {
            body.release();
        }
    }

    @Test
    void splitsConcatenatedFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciFrameDecoder());
        channel.writeInbound(buf(0, 0, 0, 2, 1, 9, 0, 0, 0, 1, 5, 0, 0));

        assertThat(readBody(channel)).containsExactly(1, 9);
        assertThat(readBody(channel)).containsExactly(5);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void reassemblesFramesFedOneByteAtATime() {
        ViciFrameDecoder decoder = new ViciFrameDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        int[] stream = {0, 0, 0, 3, 7, 1, 'x', 0, 0, 0, 1, 5};
        for (int i = 0; i < stream.length; i++) {
            channel.writeInbound(buf(stream[i]));
            if (i < 3) {
                assertThat(decoder.state()).isEqualTo(ViciFrameDecoder.State.READ_LENGTH);
            } else if (i < 6) {
                assertThat(decoder.state()).isEqualTo(ViciFrameDecoder.State.READ_BODY);
            }
        }
        assertThat(readBody(channel)).containsExactly(7, 1, 'x');
        assertThat(readBody(channel)).containsExactly(5);
        assertThat(decoder.state()).isEqualTo(ViciFrameDecoder.State.READ_LENGTH);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void rejectsZeroLength() {
        ViciFrameDecoder decoder = new ViciFrameDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);

        assertThatThrownBy(() -> channel.writeInbound(buf(0, 0, 0, 0, 1)))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("invalid VICI frame: length prefix is 0, but a packet needs at least its 1-byte type;"
                        + " the peer does not speak VICI or the stream is out of sync");
        assertThat(decoder.state()).isEqualTo(ViciFrameDecoder.State.FAILED);
    }

    @Test
    void rejectsLengthsOverTheSegmentLimitAndDiscardsTheRest() {
        ViciFrameDecoder decoder = new ViciFrameDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);

        assertThatThrownBy(() -> channel.writeInbound(buf(0, 8, 0, 1, 1, 2, 3)))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("invalid VICI frame: length prefix announces 524289 bytes, more than the segment limit"
                        + " of 524288 bytes; the peer does not speak VICI or the stream is out of sync");
        assertThat(decoder.state()).isEqualTo(ViciFrameDecoder.State.FAILED);

        // a valid frame after the error is not decoded: the stream cannot be resynchronised
        channel.writeInbound(buf(0, 0, 0, 1, 5));
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void readsTheLengthAsUnsigned() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciFrameDecoder());
        assertThatThrownBy(() -> channel.writeInbound(buf(0xff, 0xff, 0xff, 0xff)))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessageContaining("announces 4294967295 bytes");
    }

    @Test
    void acceptsExactlyTheSegmentLimit() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciFrameDecoder());
        int limit = ViciLimits.PROTOCOL_MAX_SEGMENT_SIZE;
        ByteBuf frame = Unpooled.buffer(limit + 4).writeInt(limit).writeZero(limit);

        channel.writeInbound(frame);
        ByteBuf body = channel.readInbound();
        assertThat(body.readableBytes()).isEqualTo(limit);
        body.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void honoursLoweredLimits() {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciFrameDecoder(new ViciLimits(16, 255, 65535, 64)));
        assertThatThrownBy(() -> channel.writeInbound(buf(0, 0, 0, 17)))
                .hasMessageContaining("announces 17 bytes, more than the segment limit of 16 bytes");
    }
}
