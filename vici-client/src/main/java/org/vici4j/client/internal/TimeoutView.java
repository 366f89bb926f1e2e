package org.vici4j.client.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.message.ViciSection;

/**
 * The {@code withTimeout(Duration)} view both clients (Netty's and the blocking one) give: their own requests with
 * another timeout, over the client's connections; and the checks both make of a request before sending it.
 */
public final class TimeoutView {

    /** A client's request with an explicit timeout. */
    @FunctionalInterface
    public interface TimedRequest {
        CompletableFuture<ViciSection> request(String command, ViciSection message, Duration timeout);
    }

    /** A client's streamed request with an explicit timeout; {@code collect} keeps the events in the response. */
    @FunctionalInterface
    public interface TimedStream {
        CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
                Consumer<ViciSection> onEvent, boolean collect, Duration timeout);
    }

    private TimeoutView() {
    }

    /**
     * Checks a command or event name as both clients do before sending it.
     *
     * @param what {@code command} or {@code event}
     * @throws IllegalArgumentException if the name is empty or longer than VICI's 255
     */
    public static void checkName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("VICI " + what + " name must be 1..255 characters, got "
                    + name.length() + " ('" + name + "')");
        }
    }

    /** @return {@code message}, or the empty message for null */
    public static ViciSection orEmpty(ViciSection message) {
        return message == null ? ViciSection.empty() : message;
    }

    /**
     * @return the commands of a client whose requests time out after {@code timeout}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static ViciCommands of(Duration timeout, TimedRequest request, TimedStream stream) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new ViciCommands() {
            @Override
            public CompletableFuture<ViciSection> request(String command, ViciSection message) {
                return request.request(command, message, timeout);
            }

            @Override
            public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
                    Consumer<ViciSection> onEvent) {
                return stream.streamed(command, message, event, onEvent, true, timeout);
            }

            @Override
            public CompletableFuture<StreamedResponse> forEachStreamed(String command, ViciSection message,
                    String event, Consumer<ViciSection> onEvent) {
                Objects.requireNonNull(onEvent, "onEvent");
                return stream.streamed(command, message, event, onEvent, false, timeout);
            }
        };
    }
}
