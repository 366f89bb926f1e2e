package org.vici4j.client.internal;

import java.util.concurrent.CompletableFuture;

import org.vici4j.client.ProtocolException;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciPacket;

/**
 * One exchange on a {@link ViciConnection}: a command, a streamed command, or an event
 * (un)registration. A connection runs its operations one at a time, in FIFO order; the replies it
 * receives go to the operation at the head. All methods except {@link #fail} and
 * {@link #description()} are called on the connection's event loop.
 */
public abstract class Operation {

    private final String description;
    /** Guarded by the owner that assigns it (the pool or event hub); read on the event loop. */
    volatile ViciConnection connection;
    /** Written on the event loop once the first packet is written. */
    volatile boolean started;
    /** the latest packet of this operation was handed to the socket: only then can charon answer it */
    volatile boolean written;
    /** Called on the event loop when the connection has finished the operation (successfully or not). */
    volatile Runnable onFinished;

    protected Operation(String description) {
        this.description = description;
    }

    /** @return what the operation does, for logs and error messages (command or event name, never content) */
    public String description() {
        return description;
    }

    /** @return the future completed by this operation */
    public abstract CompletableFuture<?> future();

    /** @return whether the caller already has a result (completed, failed, timed out) */
    public boolean isDone() {
        return future().isDone();
    }

    /** Fails the operation; no effect if it already completed. @return whether this call completed it */
    public boolean fail(ViciException cause) {
        return future().completeExceptionally(cause);
    }

    /** Writes the first packet. */
    abstract void start(ViciConnection connection);

    /**
     * Handles a reply packet (CMD_RESPONSE, CMD_UNKNOWN, EVENT_CONFIRM, EVENT_UNKNOWN).
     *
     * @return true when the operation is finished and the next one may start
     * @throws ProtocolException if the reply cannot belong to this operation
     */
    abstract boolean onReply(ViciConnection connection, ViciPacket reply);

    /** Offers an EVENT packet to the operation. @return true if it consumed it */
    boolean onEvent(ViciConnection connection, ViciPacket event) {
        return false;
    }

    final ProtocolException unexpected(ViciPacket reply, String expected) {
        return new ProtocolException("charon sent " + reply.type() + " while the client expected " + expected
                + " for '" + description + "'; the connection is out of sync and is closed");
    }
}
