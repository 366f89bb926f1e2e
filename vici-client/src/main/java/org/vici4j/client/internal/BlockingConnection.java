package org.vici4j.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import org.slf4j.Logger;
import org.vici4j.client.ConnectionLostException;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.ViciPacket;

/**
 * One VICI connection on a JDK {@link SocketChannel} (unix domain or TCP), driven by the calling thread:
 * no event loop, no other thread. The channel is non-blocking and waits on a {@link Selector} so that
 * every wait has a deadline. Frames are split here (4-byte length checked by {@link FrameLength}) and
 * bodies decoded by {@link ViciDecoder} straight out of the read buffer. Not thread-safe: the owner
 * ({@code BlockingViciClient}) runs one exchange at a time.
 *
 * <p>Every failure is a {@link ViciException} with the same message the Netty transport gives for the
 * same situation; after a timeout, an I/O error or a protocol error the connection is closed (its
 * stream can no longer be trusted to be in step).
 */
public final class BlockingConnection implements AutoCloseable {

    private static final Logger LOG = QuietLoggers.of(BlockingConnection.class);
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final ViciUri uri;
    private final ViciLimits limits;
    private final SocketChannel channel;
    private final Selector selector;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    /** the size (with its length prefix) of the frame at {@code start} handed out by receiveFrame, else 0 */
    private int pendingFrame;
    private boolean closed;

    private BlockingConnection(ViciUri uri, ViciLimits limits, SocketChannel channel, Selector selector) {
        this.uri = uri;
        this.limits = limits;
        this.channel = channel;
        this.selector = selector;
    }

    /**
     * Connects to {@code uri}, waiting at most {@code connectTimeout} and at most until {@code deadline}
     * (the first request's deadline).
     *
     * @throws ViciConnectionException saying why and what to check
     */
    public static BlockingConnection open(ViciUri uri, ViciLimits limits, Duration connectTimeout, Deadline deadline) {
        long connectDeadline = System.nanoTime() + connectTimeout.toNanos();
        boolean requestFirst = deadline.nanos() - connectDeadline < 0;
        long until = requestFirst ? deadline.nanos() : connectDeadline;
        SocketChannel ch = null;
        Selector sel = null;
        try {
            SocketAddress address;
            if (uri.isUnix()) {
                address = uri.address();
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            } else {
                InetSocketAddress inet = new InetSocketAddress(uri.host(), uri.port());
                if (inet.isUnresolved()) {
                    throw new UnknownHostException(uri.host() + ": name or service not known");
                }
                address = inet;
                ch = SocketChannel.open();
            }
            ch.configureBlocking(false);
            sel = Selector.open();
            if (!ch.connect(address)) {
                ch.register(sel, SelectionKey.OP_CONNECT);
                while (!ch.finishConnect()) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        if (requestFirst) {
                            throw new ViciConnectionException("cannot connect to charon at " + uri
                                    + ": no connection within " + deadline.timeout().toMillis() + " ms; check that"
                                    + " charon runs and that the address is right and reachable");
                        }
                        throw new SocketTimeoutException("connection timed out");
                    }
                    sel.select(Math.max(1, left / 1_000_000));
                    sel.selectedKeys().clear();
                }
                ch.keyFor(sel).cancel();
                sel.selectNow(); // deregisters the cancelled key before the channel is registered again
            }
            LOG.debug("vici-blocking connected to {}", uri);
            return new BlockingConnection(uri, limits, ch, sel);
        } catch (ViciException e) {
            closeQuietly(ch, sel);
            throw e;
        } catch (IOException | UnresolvedAddressException e) {
            closeQuietly(ch, sel);
            throw ConnectErrors.translate(uri, e);
        }
    }

    /** @return whether the connection was closed (by the owner or after a failure) */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Writes a whole frame (length prefix and body, as made by {@code ViciEncoder.encodeFrame}).
     *
     * @throws ViciTimeoutException if the socket does not take it before {@code deadline}
     * @throws ConnectionLostException on an I/O error
     */
    public void send(byte[] frame, Deadline deadline) {
        ByteBuffer out = ByteBuffer.wrap(frame);
        try {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(SelectionKey.OP_WRITE, deadline);
                }
            }
        } catch (IOException e) {
            throw fail(new ConnectionLostException("could not send '" + deadline.description() + "' to charon at "
                    + uri + ": " + e.getMessage(), e));
        }
    }

    /**
     * Reads the next packet.
     *
     * @throws ViciTimeoutException if none arrives before {@code deadline}
     * @throws ProtocolException on a malformed frame or packet
     * @throws ConnectionLostException when charon closes the connection or on an I/O error
     */
    public ViciPacket receive(Deadline deadline) {
        receiveFrame(deadline);
        return decodeFrame();
    }

    /**
     * Reads the next frame without decoding it: its packet body (type byte, name, message) is then
     * {@link #frameLength()} bytes of {@link #frameBuffer()} from {@link #frameOffset()}, until the next receive.
     *
     * @throws ViciTimeoutException if none arrives before {@code deadline}
     * @throws ProtocolException on a frame length over the limits
     * @throws ConnectionLostException when charon closes the connection or on an I/O error
     */
    public void receiveFrame(Deadline deadline) {
        start += pendingFrame; // the frame handed out last
        pendingFrame = 0;
        if (start == end) {
            start = 0;
            end = 0;
        }
        while (end - start < 4) {
            fill(deadline);
        }
        long length = ((buf[start] & 0xffL) << 24) | ((buf[start + 1] & 0xff) << 16)
                | ((buf[start + 2] & 0xff) << 8) | (buf[start + 3] & 0xff);
        ProtocolException bad = FrameLength.check(length, limits.maxSegmentSize());
        if (bad != null) {
            throw fail(bad);
        }
        int frame = 4 + (int) length;
        if (buf.length - start < frame) {
            makeRoom(frame);
        }
        while (end - start < frame) {
            fill(deadline);
        }
        pendingFrame = frame;
    }

    /** @return the array holding the packet body of the frame last received by {@link #receiveFrame} */
    public byte[] frameBuffer() {
        return buf;
    }

    /** @return the index of that packet body's first byte (its type) */
    public int frameOffset() {
        return start + 4;
    }

    /** @return the length of that packet body */
    public int frameLength() {
        return pendingFrame - 4;
    }

    /**
     * Decodes the frame last received by {@link #receiveFrame}.
     *
     * @throws ProtocolException if it is not a valid VICI packet within the limits (the connection is closed)
     */
    public ViciPacket decodeFrame() {
        try {
            return ViciDecoder.decode(buf, start + 4, pendingFrame - 4, limits);
        } catch (ProtocolException e) {
            throw fail(e);
        }
    }

    private void fill(Deadline deadline) {
        if (end == buf.length) {
            makeRoom(end - start + 1);
        }
        int n;
        try {
            n = channel.read(ByteBuffer.wrap(buf, end, buf.length - end));
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
                n = channel.read(ByteBuffer.wrap(buf, end, buf.length - end));
            }
        } catch (IOException e) {
            ConnectionLostException io = new ConnectionLostException("I/O error on the connection to charon at " + uri
                    + ": " + e.getMessage(), e);
            throw fail(lost(deadline, io));
        }
        if (n < 0) {
            throw fail(lost(deadline, null));
        }
        end += n;
    }

    private ConnectionLostException lost(Deadline deadline, ViciException cause) {
        return new ConnectionLostException("connection to charon at " + uri + " was lost while '"
                + deadline.description() + "' was in flight" + (cause == null ? " (closed by charon)"
                : ": " + cause.getMessage()) + "; the command may or may not have been executed", cause);
    }

    /** Makes {@code buf} hold at least {@code frame} bytes from {@code start}: compacts, grows if needed. */
    private void makeRoom(int frame) {
        int pending = end - start;
        byte[] target = frame > buf.length ? new byte[Math.max(frame, Math.min(buf.length * 2, 4 + limits.maxSegmentSize()))]
                : buf;
        System.arraycopy(buf, start, target, 0, pending);
        buf = target;
        start = 0;
        end = pending;
    }

    private void await(int op, Deadline deadline) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            key = channel.register(selector, op);
        } else {
            key.interestOps(op);
        }
        while (true) {
            long left = deadline.nanos() - System.nanoTime();
            if (left <= 0) {
                throw fail(deadline.timeoutException());
            }
            int ready = selector.select(Math.max(1, (left + 999_999) / 1_000_000));
            selector.selectedKeys().clear();
            if (ready > 0) {
                return;
            }
        }
    }

    private <E extends ViciException> E fail(E cause) {
        LOG.debug("vici-blocking to {} failed: {}", uri, cause.getMessage());
        close();
        return cause;
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(channel, selector);
        }
    }

    private static void closeQuietly(SocketChannel ch, Selector sel) {
        try {
            if (sel != null) {
                sel.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }

    /**
     * When an exchange must be over, and what to say when it is not.
     *
     * @param nanos the {@link System#nanoTime()} of the deadline
     * @param timeout the request timeout it was computed from
     * @param description the exchange ({@code list-sas (streaming list-sa)}), for messages
     */
    public record Deadline(long nanos, Duration timeout, String description) {

        /** @return a deadline {@code timeout} from now */
        public static Deadline in(Duration timeout, String description) {
            return new Deadline(System.nanoTime() + timeout.toNanos(), timeout, description);
        }

        ViciTimeoutException timeoutException() {
            return new ViciTimeoutException("charon did not answer '" + description + "' within " + timeout
                    + " (client-side request timeout); raise ViciClientOptions.requestTimeout or use"
                    + " ViciClient.withTimeout for long commands such as initiate");
        }
    }
}
