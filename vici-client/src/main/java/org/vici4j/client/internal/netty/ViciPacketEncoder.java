package org.vici4j.client.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.ViciPacket;

/**
 * Encodes outbound {@link ViciPacket}s into length-prefixed frames. Other messages pass through.
 * If a packet exceeds a limit, nothing is written and the write's promise fails with the
 * {@link ProtocolException} itself (not wrapped). Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class ViciPacketEncoder extends ChannelOutboundHandlerAdapter {

    private final ViciLimits limits;

    /** Creates an encoder with the default limits. */
    public ViciPacketEncoder() {
        this(ViciLimits.DEFAULT);
    }

    /** @param limits the limits to enforce */
    public ViciPacketEncoder(ViciLimits limits) {
        this.limits = limits;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ViciPacket packet)) {
            ctx.write(msg, promise);
            return;
        }
        byte[] frame;
        try {
            frame = ViciEncoder.encodeFrame(packet, limits);
        } catch (ProtocolException e) {
            promise.setFailure(e);
            return;
        }
        ctx.write(Unpooled.wrappedBuffer(frame), promise);
    }
}
