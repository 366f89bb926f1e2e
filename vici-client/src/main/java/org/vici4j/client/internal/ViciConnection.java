package org.vici4j.client.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.ConnectionLostException;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.internal.netty.ViciFrameDecoder;
import org.vici4j.client.internal.netty.ViciPacketDecoder;
import org.vici4j.client.internal.netty.ViciPacketEncoder;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * One VICI connection. charon processes the packets of a connection one at a time and answers in order,
 * and VICI has no request ids, so the connection keeps a FIFO of {@link Operation}s and runs them one at a
 * time: every reply (CMD_RESPONSE, CMD_UNKNOWN, EVENT_CONFIRM, EVENT_UNKNOWN) belongs to the head
 * operation; EVENT packets are offered to the head operation (a streamed command) and otherwise go to
 * the connection's {@link Listener}. All state is confined to the channel's event loop.
 */
public final class ViciConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ViciConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    /** Receives what a connection does not hand to an operation. Called on the event loop. */
    public interface Listener {
        /** An EVENT packet no operation consumed. */
        void onEvent(ViciConnection connection, String name, ViciSection message);

        /** The connection is closed (called once). */
        void onClosed(ViciConnection connection, ViciException cause);

        /**
         * Operations queued on the connection that never started because it closed: handed back (not
         * failed) so that they can run on another connection.
         */
        void onUnstarted(ViciConnection connection, List<Operation> unstarted);
    }

    private final ViciUri uri;
    private final Listener listener;
    private final String name;
    private final ArrayDeque<Operation> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private Channel channel;
    private Operation current;
    private ViciException closeCause;
    private volatile boolean closed;

    private ViciConnection(ViciUri uri, Listener listener, String role) {
        this.uri = uri;
        this.listener = listener;
        this.name = "vici-" + role + "#" + IDS.incrementAndGet();
    }

    /**
     * Connects to {@code uri}. The future fails with a {@link ViciConnectionException} that says why and
     * how to fix it.
     */
    public static CompletableFuture<ViciConnection> connect(Transport transport, ViciUri uri, Duration timeout,
            String role, Listener listener) {
        ViciConnection conn = new ViciConnection(uri, listener, role);
        CompletableFuture<ViciConnection> result = new CompletableFuture<>();
        transport.connect(uri, timeout, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                conn.channel = ch;
                ch.pipeline().addLast("frame", new ViciFrameDecoder())
                        .addLast("packet", new ViciPacketDecoder())
                        .addLast("encoder", new ViciPacketEncoder())
                        .addLast("client", conn.new Handler());
            }
        }).addListener(f -> {
            if (f.isSuccess()) {
                LOG.debug("{} connected to {}", conn, uri);
                result.complete(conn);
            } else {
                result.completeExceptionally(ConnectErrors.translate(uri, f.cause()));
            }
        });
        return result;
    }

    /** @return whether the connection is closed or closing */
    public boolean isClosed() {
        return closed;
    }

    /** @return completes when the connection is closed */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Queues {@code op}; it starts when every earlier operation has finished. Thread-safe. */
    public void execute(Operation op) {
        op.connection = this;
        channel.eventLoop().execute(() -> {
            if (closed) {
                listener.onUnstarted(this, List.of(op));
                return;
            }
            queue.add(op);
            pump();
        });
    }

    /**
     * The caller gave up on {@code op} (client-side timeout). If it is already on the wire its reply can
     * still arrive and would be taken for the reply of the next operation, so the connection is closed.
     * Thread-safe.
     */
    public void abandon(Operation op, String reason) {
        channel.eventLoop().execute(() -> {
            if (current == op) {
                close(new ViciConnectionException(reason + "; connection discarded because its late reply"
                        + " could not be told apart from the next one"));
            } else if (queue.remove(op)) {
                finished(op);
            }
        });
    }

    /** Closes the connection; operations in flight fail with {@code cause}. Thread-safe, idempotent. */
    public void close(ViciException cause) {
        if (channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (closeCause == null) {
                closeCause = cause;
            }
            closed = true; // from now on nothing starts here: operations queued meanwhile are handed back
            channel.close();
        });
    }

    void write(ViciPacket packet, Operation op) {
        op.started = true;
        op.written = false;
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {} {}", this, packet.type(), packet.name() == null ? "" : packet.name());
        }
        channel.writeAndFlush(packet).addListener(f -> {
            if (f.isSuccess()) {
                op.written = true;
            } else {
                Throwable t = f.cause();
                ViciException cause = t instanceof ViciException v ? v
                        : new ConnectionLostException("could not send '" + op.description() + "' to charon at " + uri
                                + ": " + t.getMessage(), t);
                op.fail(cause);
                close(cause);
            }
        });
    }

    private void pump() {
        while (current == null && !queue.isEmpty() && !closed) {
            Operation op = queue.poll();
            if (op.isDone()) {
                finished(op);
                continue;
            }
            current = op;
            op.start(this);
        }
    }

    private void finished(Operation op) {
        Runnable hook = op.onFinished;
        if (hook != null) {
            hook.run();
        }
    }

    private void onPacket(ViciPacket packet) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} <- {} {}", this, packet.type(), packet.name() == null ? "" : packet.name());
        }
        switch (packet.type()) {
            case EVENT -> {
                if (current == null || !current.onEvent(this, packet)) {
                    listener.onEvent(this, packet.name(), packet.message());
                }
            }
            case CMD_RESPONSE, CMD_UNKNOWN, EVENT_CONFIRM, EVENT_UNKNOWN -> {
                Operation op = current;
                if (op == null) {
                    throw new ProtocolException("charon sent " + packet.type() + " but no request is pending on "
                            + this + "; the connection is out of sync and is closed");
                }
                if (!op.written) {
                    // the write completes on this event loop before any answer to it can be read
                    throw new ProtocolException("charon sent " + packet.type() + " before the request '"
                            + op.description() + "' was sent on " + this + "; the connection is out of sync and is"
                            + " closed");
                }
                if (op.onReply(this, packet)) {
                    current = null;
                    finished(op);
                    pump();
                }
            }
            default -> throw new ProtocolException("charon sent " + packet.type()
                    + ", which only a client may send; the connection is closed");
        }
    }

    private void onInactive() {
        closed = true;
        ViciException cause = closeCause;
        Operation op = current;
        current = null;
        if (op != null) {
            ViciException failure = cause instanceof ProtocolException ? cause
                    : new ConnectionLostException("connection to charon at " + uri + " was lost while '"
                            + op.description() + "' was in flight" + (cause == null ? " (closed by charon)"
                            : ": " + cause.getMessage()) + "; the command may or may not have been executed", cause);
            op.fail(failure);
        }
        List<Operation> unstarted = new ArrayList<>(queue);
        queue.clear();
        LOG.debug("{} closed{}", this, cause == null ? "" : ": " + cause.getMessage());
        listener.onClosed(this, cause);
        if (!unstarted.isEmpty()) {
            listener.onUnstarted(this, unstarted);
        }
        closeFuture.complete(null);
    }

    @Override
    public String toString() {
        return name;
    }

    private final class Handler extends SimpleChannelInboundHandler<ViciPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ViciPacket packet) {
            onPacket(packet);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
            ViciException cause;
            if (t instanceof ViciException v) {
                cause = v;
            } else if (t.getCause() instanceof ViciException v) {
                cause = v; // e.g. a DecoderException wrapping a ProtocolException
            } else {
                cause = new ConnectionLostException("I/O error on the connection to charon at " + uri + ": "
                        + t.getMessage(), t);
            }
            LOG.debug("{} failed: {}", ViciConnection.this, cause.getMessage());
            if (closeCause == null) {
                closeCause = cause;
            }
            closed = true; // as in close(): operations queued before channelInactive are handed back, not written
            ctx.close();
        }
    }
}
