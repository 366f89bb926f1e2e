package org.vici4j.client.command.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.Futures;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.command.LogMessage;
import org.vici4j.client.message.ViciSection;

/**
 * Glue between the two raw primitives of {@link ViciCommands} and the typed results. Internal;
 * not part of the public API.
 *
 * <p>Every future returned from here fails with the exception itself (for example a
 * {@link CommandFailedException}), not with a {@link CompletionException} wrapping it, so
 * {@code exceptionally}/{@code handle} callbacks see the real type; cancelling it cancels the
 * underlying request future.
 */
public final class Results {

    private static final Logger LOG = LoggerFactory.getLogger(Results.class);

    private Results() {
    }

    /** Maps a raw response future through {@code fn}; an exception thrown by {@code fn} fails the result. */
    public static <S, T> CompletableFuture<T> map(CompletableFuture<S> source, Function<? super S, ? extends T> fn) {
        Objects.requireNonNull(source, "the primitive returned a null future");
        CompletableFuture<T> out = new CompletableFuture<>();
        out.whenComplete((r, ex) -> {
            if (ex instanceof CancellationException) {
                source.cancel(true);
            }
        });
        source.whenComplete((r, ex) -> {
            if (ex != null) {
                out.completeExceptionally(Futures.unwrap(ex));
                return;
            }
            try {
                out.complete(fn.apply(r));
            } catch (RuntimeException | Error e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /**
     * Throws {@link CommandFailedException} if {@code response} says {@code success = no} (any
     * value other than "yes"); a response without a {@code success} key counts as success.
     */
    public static ViciSection checkSuccess(String command, ViciSection response, List<String> log) {
        return CommandFailedException.check(command, response, log);
    }

    /** {@code request(command, message)}, checked for {@code success}, mapped through {@code fn}. */
    public static <T> CompletableFuture<T> checked(ViciCommands commands, String command, ViciSection message,
            Function<ViciSection, ? extends T> fn) {
        return map(commands.request(command, message), r -> fn.apply(checkSuccess(command, r, List.of())));
    }

    /** {@code request(command, message)}, unchecked (the answer has no success key), mapped through {@code fn}. */
    public static <T> CompletableFuture<T> plain(ViciCommands commands, String command, ViciSection message,
            Function<ViciSection, ? extends T> fn) {
        return map(commands.request(command, message), fn);
    }

    /** The result of a command that streams {@code control-log}: its response and formatted log lines. */
    public record Logged(ViciSection response, List<String> log) {
    }

    /**
     * Runs a command that streams {@code control-log} events (initiate, terminate): each event is
     * turned into a {@link LogMessage} and handed to {@code onLog} (may be null) as it arrives;
     * the response is checked for {@code success}, and the log lines ("[GROUP] msg", as swanctl
     * prints them) go into the result or into the {@link CommandFailedException}.
     */
    public static <T> CompletableFuture<T> logged(ViciCommands commands, String command, ViciSection message,
            Consumer<? super LogMessage> onLog, Function<Logged, ? extends T> fn) {
        Consumer<ViciSection> onEvent = onLog == null ? null : event -> {
            try {
                onLog.accept(LogMessage.from(event));
            } catch (RuntimeException e) {
                LOG.warn("control-log consumer of '{}' threw; the command goes on", command, e);
            }
        };
        return map(commands.streamed(command, message, "control-log", onEvent), (StreamedResponse sr) -> {
            List<String> log = new ArrayList<>(sr.events().size());
            for (ViciSection event : sr.events()) {
                log.add(LogMessage.from(event).line());
            }
            List<String> lines = List.copyOf(log);
            ViciSection response = checkSuccess(command, sr.response(), lines);
            return fn.apply(new Logged(response, lines));
        });
    }

    /**
     * Runs a streamed listing and parses all collected events with {@code parse}. Listings answer without
     * {@code success} when they work; one that says {@code success = no} fails like any other command.
     */
    public static <T> CompletableFuture<List<T>> listing(ViciCommands commands, String command, ViciSection message,
            String event, Function<ViciSection, List<T>> parse) {
        return map(commands.streamed(command, message, event, null), (StreamedResponse sr) -> {
            checkSuccess(command, sr.response(), List.of());
            List<T> out = new ArrayList<>();
            for (ViciSection e : sr.events()) {
                out.addAll(parse.apply(e));
            }
            return List.copyOf(out);
        });
    }

    /**
     * Runs a streamed listing, parsing each event as it arrives and handing the items to
     * {@code onItem}. Completes with the number of items delivered; if {@code onItem} throws,
     * no further items are delivered and the future fails with that exception once the
     * command has completed.
     */
    public static <T> CompletableFuture<Long> streaming(ViciCommands commands, String command, ViciSection message,
            String event, Function<ViciSection, List<T>> parse, Consumer<? super T> onItem) {
        Objects.requireNonNull(onItem, "onItem");
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicLong count = new AtomicLong();
        Consumer<ViciSection> onEvent = e -> {
            if (failure.get() != null) {
                return;
            }
            try {
                for (T item : parse.apply(e)) {
                    onItem.accept(item);
                    count.incrementAndGet();
                }
            } catch (RuntimeException ex) {
                failure.compareAndSet(null, ex);
            }
        };
        return map(commands.forEachStreamed(command, message, event, onEvent), sr -> {
            checkSuccess(command, sr.response(), List.of());
            RuntimeException ex = failure.get();
            if (ex != null) {
                throw ex;
            }
            return count.get();
        });
    }
}
