package org.vici4j.client.internal;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.message.ViciPacket;

/** EVENT_REGISTER or EVENT_UNREGISTER, answered by EVENT_CONFIRM or EVENT_UNKNOWN. */
final class EventOperation extends Operation {

    private static final Logger LOG = LoggerFactory.getLogger(EventOperation.class);

    private final String event;
    private final boolean register;
    private final CompletableFuture<Void> future = new CompletableFuture<>();

    EventOperation(String event, boolean register) {
        super((register ? "register " : "unregister ") + event);
        this.event = event;
        this.register = register;
    }

    String event() {
        return event;
    }

    @Override
    public CompletableFuture<Void> future() {
        return future;
    }

    @Override
    void start(ViciConnection connection) {
        connection.write(register ? ViciPacket.register(event) : ViciPacket.unregister(event), this);
    }

    @Override
    boolean onReply(ViciConnection connection, ViciPacket reply) {
        switch (reply.type()) {
            case EVENT_CONFIRM -> future.complete(null);
            case EVENT_UNKNOWN -> {
                if (register) {
                    future.completeExceptionally(new UnknownEventException(event));
                } else {
                    // charon answers EVENT_UNKNOWN to an unregister it has nothing to remove for: done either way
                    LOG.debug("{}: charon had no registration to remove for '{}'", connection, event);
                    future.complete(null);
                }
            }
            default -> throw unexpected(reply, "EVENT_CONFIRM or EVENT_UNKNOWN");
        }
        return true;
    }
}
