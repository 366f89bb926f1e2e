package org.vici4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.UnknownCommandException;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * A streamed command: EVENT_REGISTER(event) -&gt; EVENT_CONFIRM, CMD_REQUEST -&gt; EVENTs ... CMD_RESPONSE,
 * EVENT_UNREGISTER(event) -&gt; EVENT_CONFIRM.
 *
 * <p>charon raises a command's stream events (list-sa, control-log, ...) addressed to the requesting
 * connection, synchronously while it executes the command, so they all precede the CMD_RESPONSE;
 * {@code unregister} waits until no raise of that event is in progress. Events of the stream's name that
 * arrive after the response and before the unregister confirm were therefore raised for all clients
 * (id 0) and are not part of the result: they are discarded (logged at debug). The operation holds the
 * connection until the unregister is confirmed, so no stream event can reach the next command.
 *
 * <p>{@code onEvent} and the completion run on a serial executor (the listener executor), never on the
 * I/O thread; the future completes after {@code onEvent} has seen every event. If {@code onEvent} throws,
 * the future fails with that exception once the exchange is over.
 */
final class StreamOperation extends Operation {

    private static final Logger LOG = LoggerFactory.getLogger(StreamOperation.class);

    private enum State { REGISTERING, COMMAND, UNREGISTERING }

    private final String command;
    private final ViciSection message;
    private final String event;
    private final Consumer<ViciSection> onEvent;
    private final boolean collect;
    private final SerialExecutor delivery;
    private final CompletableFuture<StreamedResponse> future = new CompletableFuture<>();
    private final List<ViciSection> events = new ArrayList<>(); // event loop only
    private State state = State.REGISTERING;
    private ViciSection response;
    private ViciException failure;
    private volatile RuntimeException consumerFailure;

    /**
     * @param collect whether to keep the events for the result; without, each event only goes to
     *     {@code onEvent} and the result's event list is empty (memory stays flat for large listings)
     */
    StreamOperation(String command, ViciSection message, String event, Consumer<ViciSection> onEvent,
            boolean collect, Executor listenerExecutor) {
        super(command + " (streaming " + event + ")");
        this.command = command;
        this.message = message;
        this.event = event;
        this.onEvent = onEvent;
        this.collect = collect;
        this.delivery = new SerialExecutor(listenerExecutor);
    }

    @Override
    public CompletableFuture<StreamedResponse> future() {
        return future;
    }

    @Override
    void start(ViciConnection connection) {
        connection.write(ViciPacket.register(event), this);
    }

    @Override
    boolean onEvent(ViciConnection connection, ViciPacket packet) {
        if (!event.equals(packet.name())) {
            return false;
        }
        if (state != State.COMMAND) {
            LOG.debug("{}: discarding '{}' event received after the response of '{}' (not part of its stream)",
                    connection, event, command);
            return true;
        }
        ViciSection msg = packet.message();
        if (collect) {
            events.add(msg);
        }
        if (onEvent != null) {
            delivery.execute(() -> {
                if (!future.isDone() && consumerFailure == null) {
                    try {
                        onEvent.accept(msg);
                    } catch (RuntimeException e) {
                        consumerFailure = e;
                    }
                }
            });
        }
        return true;
    }

    @Override
    boolean onReply(ViciConnection connection, ViciPacket reply) {
        switch (state) {
            case REGISTERING -> {
                switch (reply.type()) {
                    case EVENT_CONFIRM -> {
                        state = State.COMMAND;
                        connection.write(ViciPacket.request(command, message), this);
                        return false;
                    }
                    case EVENT_UNKNOWN -> {
                        finish(new UnknownEventException(event));
                        return true;
                    }
                    default -> throw unexpected(reply, "EVENT_CONFIRM or EVENT_UNKNOWN for register " + event);
                }
            }
            case COMMAND -> {
                switch (reply.type()) {
                    case CMD_RESPONSE -> response = reply.message();
                    case CMD_UNKNOWN -> failure = new UnknownCommandException(command);
                    default -> throw unexpected(reply, "CMD_RESPONSE or CMD_UNKNOWN");
                }
                state = State.UNREGISTERING;
                connection.write(ViciPacket.unregister(event), this);
                return false;
            }
            case UNREGISTERING -> {
                switch (reply.type()) {
                    case EVENT_CONFIRM, EVENT_UNKNOWN -> {
                        finish(failure);
                        return true;
                    }
                    default -> throw unexpected(reply, "EVENT_CONFIRM for unregister " + event);
                }
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private void finish(ViciException error) {
        ViciSection resp = response;
        List<ViciSection> collected = List.copyOf(events);
        delivery.execute(() -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else if (consumerFailure != null) {
                future.completeExceptionally(consumerFailure);
            } else {
                future.complete(new StreamedResponse(resp, collected));
            }
        });
    }
}
