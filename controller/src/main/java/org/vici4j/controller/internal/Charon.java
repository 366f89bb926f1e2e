package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciSection;

/**
 * What the reconciler needs of charon: the two VICI primitives and event subscriptions. The reconciler sends every
 * command through the typed methods of {@link ViciCommands} built on the primitives (so charon's {@code success}
 * is checked in one place, the client's), and only implementations see command names. Implemented over a
 * {@link org.vici4j.client.ViciClient} by {@link ClientCharon}; tests use a fake.
 */
public interface Charon extends ViciCommands {

    /** A raw command; the response is not interpreted. */
    @Override
    CompletableFuture<ViciSection> request(String command, ViciSection message);

    /**
     * A streaming command with a client-side timeout of its own (null: the client's default).
     */
    CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent, Duration timeout);

    /** A streaming command with the client's default timeout. */
    @Override
    default CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        return streamed(command, message, event, onEvent, null);
    }

    /** @return the typed commands with {@code timeout} as the client-side timeout of streaming commands */
    default ViciCommands withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Charon self = this;
        return new ViciCommands() {
            @Override
            public CompletableFuture<ViciSection> request(String command, ViciSection message) {
                return self.request(command, message);
            }

            @Override
            public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
                    Consumer<ViciSection> onEvent) {
                return self.streamed(command, message, event, onEvent, timeout);
            }
        };
    }

    /** Subscribes to events; see {@link Events}. */
    EventHandle subscribe(Set<String> events, Events sink);

    /** Receives subscribed events, in charon's order. */
    interface Events {
        void onEvent(String name, ViciSection message);

        /**
         * Events were lost: state must be resynchronised.
         *
         * @param connectionLost true if the event connection was lost and re-established (charon may have
         *     restarted: everything must be re-applied), false if only events were dropped (buffer overflow)
         */
        void onGap(String reason, boolean connectionLost);

        /** The subscription ended; cause null if closed normally. */
        void onClosed(ViciException cause);
    }

    /** An active subscription. */
    interface EventHandle extends AutoCloseable {
        /** Completes when charon confirmed the registration; fails e.g. with UnknownEventException. */
        CompletableFuture<?> registered();

        boolean isClosed();

        @Override
        void close();
    }
}
