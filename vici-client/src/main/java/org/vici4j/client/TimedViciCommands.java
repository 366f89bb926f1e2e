package org.vici4j.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.message.ViciSection;

/**
 * {@link ViciCommands} of a client with a client-side request timeout: its requests time out after
 * {@link ViciClientOptions#requestTimeout()}, those of its {@link #withTimeout(Duration)} views after another
 * timeout. What {@link ViciClient} and {@link BlockingViciClient} have in common: code that takes a
 * {@code TimedViciCommands} works with either.
 */
public interface TimedViciCommands extends ViciCommands {

    /** @return the options the client was created with */
    ViciClientOptions options();

    /**
     * @return a view of this client whose requests time out after {@code timeout} instead of
     *     {@link ViciClientOptions#requestTimeout()}; it shares this client's connections
     */
    ViciCommands withTimeout(Duration timeout);

    /** Sends {@code command} with the {@link ViciClientOptions#requestTimeout() request timeout}. */
    @Override
    default CompletableFuture<ViciSection> request(String command, ViciSection message) {
        return withTimeout(options().requestTimeout()).request(command, message);
    }

    /** Runs a streamed {@code command} with the {@link ViciClientOptions#requestTimeout() request timeout}. */
    @Override
    default CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        return withTimeout(options().requestTimeout()).streamed(command, message, event, onEvent);
    }

    /** As {@link #streamed}, handing the events to {@code onEvent} without collecting them. */
    @Override
    default CompletableFuture<StreamedResponse> forEachStreamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        return withTimeout(options().requestTimeout()).forEachStreamed(command, message, event, onEvent);
    }

    /**
     * Blocks until {@code future} completes and returns its value; a failure is rethrown as the
     * {@link ViciException} it carries (other exceptions are wrapped in one). Interruption ends the wait
     * with a {@link ViciException} and keeps the thread's interrupt flag set.
     */
    default <T> T await(CompletableFuture<T> future) {
        return Futures.await(future);
    }
}
