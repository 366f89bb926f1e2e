package org.vici4j.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.internal.BlockingConnection;
import org.vici4j.client.internal.BlockingConnection.Deadline;
import org.vici4j.client.internal.QuietLoggers;
import org.vici4j.client.internal.TimeoutView;
import org.vici4j.client.internal.ViciUri;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * A VICI client for a few requests in a row, on one connection driven by the calling thread: a plain JDK
 * {@link java.nio.channels.SocketChannel} (unix domain socket or TCP), no event loop, no connection pool,
 * no thread of its own. It starts in a fraction of the time of {@link ViciClient} and suits short-lived
 * programs and command lines ({@code vici list-sas} uses it); long-running programs, concurrent commands
 * and event subscriptions need {@link ViciClient}.
 *
 * <p>Every method of {@link ViciCommands} works, including the streamed ones (the event is registered,
 * the command sent, the events read and handed to {@code onEvent} on the calling thread until the
 * response, the event unregistered). The call blocks until the exchange is over and returns an already
 * completed future; {@link #await} unwraps it. Failures are the same {@link ViciException}s, with the same
 * messages, as {@link ViciClient}'s: {@link UnknownCommandException}, {@link UnknownEventException},
 * {@link ViciTimeoutException} (the client-side {@link ViciClientOptions#requestTimeout()}),
 * {@link ViciConnectionException} (cannot connect), {@link ConnectionLostException},
 * {@link ProtocolException}. The connection opens on the first request and is reopened after a
 * failure that closed it (timeout, lost connection, protocol error).
 *
 * <pre>{@code
 * try (BlockingViciClient client = BlockingViciClient.connect(ViciClientOptions.of("unix:///var/run/charon.vici"))) {
 *     Version v = client.await(client.version());
 *     client.await(client.listSas(ListSasRequest.ALL, sa -> System.out.println(sa.name())));
 * }
 * }</pre>
 *
 * <p>Thread-safe in that calls from several threads are serialised (one exchange at a time); a request
 * from inside an {@code onEvent} callback of a streamed command is refused with
 * {@link IllegalStateException}. Only {@link ViciClientOptions#uri()}, {@link ViciClientOptions#requestTimeout()}
 * and {@link ViciClientOptions#connectTimeout()} apply.
 */
public final class BlockingViciClient implements TimedViciCommands, AutoCloseable {

    private static final Logger LOG = QuietLoggers.of(BlockingViciClient.class);

    private final ViciClientOptions options;
    private final ViciUri uri;
    private final ViciLimits limits;
    private BlockingConnection connection; // guarded by this
    private boolean closed; // guarded by this
    private boolean inExchange; // guarded by this

    private BlockingViciClient(ViciClientOptions options, ViciLimits limits) {
        this.options = Objects.requireNonNull(options, "options");
        this.uri = ViciUri.parse(options.uri());
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Creates a client for {@code options}; nothing is opened until the first request. */
    public static BlockingViciClient connect(ViciClientOptions options) {
        return new BlockingViciClient(options, ViciLimits.DEFAULT);
    }

    /** Creates a client for {@code uri} ({@code unix:///path} or {@code tcp://host:port}) with default options. */
    public static BlockingViciClient connect(String uri) {
        return connect(ViciClientOptions.of(uri));
    }

    /**
     * Creates a client that enforces {@code limits} on what it sends and receives (default
     * {@link ViciLimits#DEFAULT}, the protocol's).
     */
    public static BlockingViciClient connect(ViciClientOptions options, ViciLimits limits) {
        return new BlockingViciClient(options, limits);
    }

    @Override
    public ViciClientOptions options() {
        return options;
    }

    /**
     * @return a view of this client whose requests time out after {@code timeout} instead of
     *     {@link ViciClientOptions#requestTimeout()}; it shares this client's connection
     */
    public ViciCommands withTimeout(Duration timeout) {
        return TimeoutView.of(timeout, this::request, this::streamed);
    }

    /** Closes the connection; later requests fail with {@link ViciConnectionException}. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private CompletableFuture<ViciSection> request(String command, ViciSection message, Duration timeout) {
        TimeoutView.checkName(command, "command");
        ViciSection msg = TimeoutView.orEmpty(message);
        try {
            return CompletableFuture.completedFuture(exchange(command, msg, timeout));
        } catch (ViciException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent, boolean collect, Duration timeout) {
        TimeoutView.checkName(command, "command");
        TimeoutView.checkName(event, "event");
        ViciSection msg = TimeoutView.orEmpty(message);
        try {
            return CompletableFuture.completedFuture(streamedExchange(command, msg, event, onEvent, null, collect,
                    timeout));
        } catch (ViciException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) { // thrown by onEvent: the exchange is over, the connection in step
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized ViciSection exchange(String command, ViciSection message, Duration timeout) {
        Deadline deadline = Deadline.in(timeout, command);
        byte[] frame = ViciEncoder.encodeFrame(ViciPacket.request(command, message), limits);
        BlockingConnection c = begin(deadline);
        try {
            LOG.debug("request '{}'", command);
            c.send(frame, deadline);
            while (true) {
                ViciPacket p = c.receive(deadline);
                switch (p.type()) {
                    case CMD_RESPONSE -> {
                        return p.message();
                    }
                    case CMD_UNKNOWN -> throw new UnknownCommandException(command);
                    case EVENT -> LOG.debug("dropping unsolicited '{}' event on a command connection", p.name());
                    default -> throw unexpected(c, p, "CMD_RESPONSE or CMD_UNKNOWN", command);
                }
            }
        } finally {
            end(c);
        }
    }

    /**
     * Runs the streamed command {@code command} and hands each event of {@code event} to {@code onEvent} as the
     * bytes charon sent, without decoding them: the exchange of {@link #streamed} (register, request, events up
     * to the response, unregister; the same timeouts and failures), for a consumer that reads the events' bytes
     * itself (see {@link RawEventConsumer}). An exception thrown by {@code onEvent} ends its calls; the exchange
     * runs to its end, then the exception is thrown.
     *
     * @param timeout the exchange's time limit
     * @return charon's response (not checked for {@code success})
     * @throws ViciException when the exchange fails
     */
    public ViciSection streamedRaw(String command, ViciSection message, String event, RawEventConsumer onEvent,
            Duration timeout) {
        TimeoutView.checkName(command, "command");
        TimeoutView.checkName(event, "event");
        Objects.requireNonNull(onEvent, "onEvent");
        Objects.requireNonNull(timeout, "timeout");
        return streamedExchange(command, TimeoutView.orEmpty(message), event, null, onEvent, false, timeout)
                .response();
    }

    private synchronized StreamedResponse streamedExchange(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent, RawEventConsumer onRaw, boolean collect, Duration timeout) {
        String description = command + " (streaming " + event + ")";
        Deadline deadline = Deadline.in(timeout, description);
        byte[] request = ViciEncoder.encodeFrame(ViciPacket.request(command, message), limits);
        byte[] eventName = onRaw == null ? null : event.getBytes(StandardCharsets.UTF_8);
        BlockingConnection c = begin(deadline);
        try {
            LOG.debug("streamed request '{}' (events '{}')", command, event);
            c.send(ViciEncoder.encodeFrame(ViciPacket.register(event), limits), deadline);
            if (!confirmed(c, deadline, event, "EVENT_CONFIRM or EVENT_UNKNOWN for register " + event, description)) {
                throw new UnknownEventException(event);
            }
            c.send(request, deadline);
            List<ViciSection> events = collect ? new ArrayList<>() : List.of();
            RuntimeException consumerFailure = null;
            ViciSection response = null;
            ViciException failure = null;
            while (response == null && failure == null) {
                c.receiveFrame(deadline);
                if (eventName != null && isEvent(c.frameBuffer(), c.frameOffset(), c.frameLength(), eventName)) {
                    if (consumerFailure == null) {
                        try {
                            onRaw.accept(c.frameBuffer(), c.frameOffset(), c.frameLength());
                        } catch (RuntimeException e) {
                            consumerFailure = e;
                        }
                    }
                    continue;
                }
                ViciPacket p = c.decodeFrame();
                switch (p.type()) {
                    case EVENT -> {
                        if (eventName != null || !event.equals(p.name())) {
                            LOG.debug("dropping unsolicited '{}' event on a command connection", p.name());
                        } else {
                            if (collect) {
                                events.add(p.message());
                            }
                            if (onEvent != null && consumerFailure == null) {
                                try {
                                    onEvent.accept(p.message());
                                } catch (RuntimeException e) {
                                    consumerFailure = e;
                                }
                            }
                        }
                    }
                    case CMD_RESPONSE -> response = p.message();
                    case CMD_UNKNOWN -> failure = new UnknownCommandException(command);
                    default -> throw unexpected(c, p, "CMD_RESPONSE or CMD_UNKNOWN", description);
                }
            }
            c.send(ViciEncoder.encodeFrame(ViciPacket.unregister(event), limits), deadline);
            confirmed(c, deadline, event, "EVENT_CONFIRM for unregister " + event, description);
            if (failure != null) {
                throw failure;
            }
            if (consumerFailure != null) {
                throw consumerFailure;
            }
            return new StreamedResponse(response, events);
        } finally {
            end(c);
        }
    }

    /** @return whether the packet body is an EVENT named {@code name} (UTF-8) */
    private static boolean isEvent(byte[] b, int offset, int length, byte[] name) {
        if (length < 2 + name.length || b[offset] != PacketType.EVENT.code() || (b[offset + 1] & 0xff) != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (b[offset + 2 + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads up to the answer to an (un)registration, discarding events of {@code event} (raised for all
     * clients, not part of the stream). @return true for EVENT_CONFIRM, false for EVENT_UNKNOWN
     */
    private boolean confirmed(BlockingConnection c, Deadline deadline, String event, String expected,
            String description) {
        while (true) {
            ViciPacket p = c.receive(deadline);
            switch (p.type()) {
                case EVENT_CONFIRM -> {
                    return true;
                }
                case EVENT_UNKNOWN -> {
                    return false;
                }
                case EVENT -> LOG.debug("discarding '{}' event outside the stream of '{}'", p.name(), description);
                default -> throw unexpected(c, p, expected, description);
            }
        }
    }

    /** Holds the lock. @return the open connection, opened now if needed */
    private BlockingConnection begin(Deadline deadline) {
        if (inExchange) {
            throw new IllegalStateException("a BlockingViciClient runs one exchange at a time on one connection;"
                    + " a request from inside onEvent of a streamed command cannot be sent: collect the events and"
                    + " send it after the stream, or use ViciClient");
        }
        if (closed) {
            throw new ViciConnectionException("the VICI client for " + uri + " is closed; create a new one");
        }
        if (connection == null || connection.isClosed()) {
            connection = BlockingConnection.open(uri, limits, options.connectTimeout(), deadline);
        }
        inExchange = true;
        return connection;
    }

    /** Holds the lock. */
    private void end(BlockingConnection c) {
        inExchange = false;
        if (c.isClosed() && connection == c) {
            connection = null;
        }
    }

    private static ProtocolException unexpected(BlockingConnection c, ViciPacket p, String expected,
            String description) {
        c.close();
        if (p.type() == PacketType.CMD_REQUEST || p.type() == PacketType.EVENT_REGISTER
                || p.type() == PacketType.EVENT_UNREGISTER) {
            return new ProtocolException("charon sent " + p.type() + ", which only a client may send; the"
                    + " connection is closed");
        }
        return new ProtocolException("charon sent " + p.type() + " while the client expected " + expected
                + " for '" + description + "'; the connection is out of sync and is closed");
    }

    @Override
    public String toString() {
        return "BlockingViciClient[" + uri + "]";
    }
}
