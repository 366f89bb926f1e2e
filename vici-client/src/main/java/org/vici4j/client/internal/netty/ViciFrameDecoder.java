package org.vici4j.client.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.internal.FrameLength;

/**
 * Splits the VICI byte stream into packet bodies: a 4-byte big-endian length, then that many bytes.
 *
 * <p>An explicit state machine: {@link State#READ_LENGTH} waits for 4 bytes and validates the length
 * (1..segment limit), {@link State#READ_BODY} waits for the whole body and emits it as a retained
 * slice. An invalid length moves the decoder to {@link State#FAILED}, in which all further input is
 * discarded (the stream cannot be resynchronised), and a {@link ProtocolException} is fired down the
 * pipeline as is (not wrapped in Netty's {@code DecoderException}).
 *
 * <p>Why not Netty's {@code LengthFieldBasedFrameDecoder(max, 0, 4, 0, 4)}: it passes a length of 0 on as an
 * empty frame (VICI needs at least the type byte), reports an oversized length as its own
 * {@code TooLongFrameException} and then skips that many bytes and goes on decoding what follows, as if the stream
 * could be resynchronised. VICI has no frame marker to resynchronise on: after a bad length every following byte
 * is garbage. Bending it (overriding {@code getUnadjustedFrameLength} to throw, plus a discard-everything flag)
 * would leave as much code as this state machine, which gives both transports the same {@link FrameLength}
 * errors and which the decoder tests (one byte at a time, {@link #state()}, nothing left at {@code finish()})
 * pin down.
 */
public final class ViciFrameDecoder extends ByteToMessageDecoder {

    /** Decoder states. */
    public enum State {
        /** Waiting for the 4-byte length prefix. */
        READ_LENGTH,
        /** Waiting for the packet body of the announced length. */
        READ_BODY,
        /** A protocol error occurred; input is discarded. */
        FAILED
    }

    private final int maxSegmentSize;
    private State state = State.READ_LENGTH;
    private int bodyLength;

    /** Creates a decoder enforcing charon's 512 KiB segment limit. */
    public ViciFrameDecoder() {
        this(ViciLimits.DEFAULT);
    }

    /**
     * @param limits limits whose {@link ViciLimits#maxSegmentSize()} bounds the accepted length
     */
    public ViciFrameDecoder(ViciLimits limits) {
        this.maxSegmentSize = limits.maxSegmentSize();
    }

    /** @return the current state (for tests and diagnostics) */
    public State state() {
        return state;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case READ_LENGTH -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    long length = in.readUnsignedInt();
                    ProtocolException bad = FrameLength.check(length, maxSegmentSize);
                    if (bad != null) {
                        state = State.FAILED;
                        in.skipBytes(in.readableBytes());
                        throw bad;
                    }
                    bodyLength = (int) length;
                    state = State.READ_BODY;
                }
                case READ_BODY -> {
                    if (in.readableBytes() < bodyLength) {
                        return;
                    }
                    out.add(in.readRetainedSlice(bodyLength));
                    state = State.READ_LENGTH;
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof DecoderException && cause.getCause() instanceof ProtocolException protocol) {
            ctx.fireExceptionCaught(protocol);
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }
}
