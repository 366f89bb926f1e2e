package org.vici4j.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.message.ViciSection;

/**
 * The VICI commands of charon: two raw primitives, implemented by the client, and typed
 * default methods built on them.
 */
public interface ViciCommands {

    /**
     * Sends {@code command} with {@code message} and completes with the raw response. Does not
     * interpret {@code success}; fails with {@link UnknownCommandException},
     * {@link ViciTimeoutException}, {@link ConnectionLostException}, ...
     */
    CompletableFuture<ViciSection> request(String command, ViciSection message);

    /**
     * Registers {@code event}, sends the command, delivers each event in order to
     * {@code onEvent} (may be null) and collects them; completes after the response and the
     * unregister.
     */
    CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent);
}
