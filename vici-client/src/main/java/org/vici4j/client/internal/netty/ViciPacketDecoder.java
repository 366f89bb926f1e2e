package org.vici4j.client.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.ViciPacket;

/**
 * Decodes packet bodies (as emitted by {@link ViciFrameDecoder}) into {@link ViciPacket}s. Other
 * messages pass through. A malformed body raises a {@link ProtocolException} into the pipeline; the
 * buffer is always released. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class ViciPacketDecoder extends ChannelInboundHandlerAdapter {

    private final ViciLimits limits;

    /** Creates a decoder with the default limits. */
    public ViciPacketDecoder() {
        this(ViciLimits.DEFAULT);
    }

    /** @param limits the limits to enforce */
    public ViciPacketDecoder(ViciLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ViciPacket packet;
        try {
            packet = decode(buf);
        } finally {
            buf.release();
        }
        ctx.fireChannelRead(packet);
    }

    private ViciPacket decode(ByteBuf buf) {
        int length = buf.readableBytes();
        if (buf.hasArray()) {
            return ViciDecoder.decode(buf.array(), buf.arrayOffset() + buf.readerIndex(), length, limits);
        }
        return ViciDecoder.decode(ByteBufUtil.getBytes(buf), 0, length, limits);
    }
}
