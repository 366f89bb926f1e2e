package org.vici4j.client.internal;

import java.util.concurrent.CompletableFuture;

import org.vici4j.client.UnknownCommandException;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/** A plain command: CMD_REQUEST answered by CMD_RESPONSE or CMD_UNKNOWN. */
final class CommandOperation extends Operation {

    private final String command;
    private final ViciSection message;
    private final CompletableFuture<ViciSection> future = new CompletableFuture<>();

    CommandOperation(String command, ViciSection message) {
        super(command);
        this.command = command;
        this.message = message;
    }

    @Override
    public CompletableFuture<ViciSection> future() {
        return future;
    }

    @Override
    void start(ViciConnection connection) {
        connection.write(ViciPacket.request(command, message), this);
    }

    @Override
    boolean onReply(ViciConnection connection, ViciPacket reply) {
        switch (reply.type()) {
            case CMD_RESPONSE -> future.complete(reply.message());
            case CMD_UNKNOWN -> future.completeExceptionally(new UnknownCommandException(command));
            default -> throw unexpected(reply, "CMD_RESPONSE or CMD_UNKNOWN");
        }
        return true;
    }
}
