package org.vici4j.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for the futures of the vici4j clients the one way the whole project does: the failure a future carries
 * comes out as itself (a {@link ViciException} or another unchecked exception), never wrapped in an
 * {@link ExecutionException} or {@link CompletionException}.
 */
public final class Futures {

    private Futures() {
    }

    /** @return {@code t} without its {@link CompletionException} and {@link ExecutionException} layers */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * @return the value of {@code future}, waiting as long as it takes
     * @throws ViciException or the other unchecked exception the future failed with; an interrupt (the thread's flag
     *     is set again) or a cancellation as a {@link ViciException}
     */
    public static <T> T await(CompletableFuture<T> future) {
        return get(future, null);
    }

    /**
     * Like {@link #await(CompletableFuture)}, but gives up after {@code timeout}: the future is then cancelled and a
     * {@link ViciTimeoutException} thrown.
     */
    public static <T> T await(CompletableFuture<T> future, Duration timeout) {
        return get(future, Objects.requireNonNull(timeout, "timeout"));
    }

    private static <T> T get(CompletableFuture<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        try {
            return timeout == null ? future.get() : future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ViciTimeoutException("no answer from charon within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViciException("interrupted while waiting for charon's answer; the request may still complete", e);
        } catch (CancellationException e) {
            throw new ViciException("the request was cancelled", e);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /** @return the unchecked exception to throw for a future's failure {@code t} (unwrapped; a checked one wrapped) */
    public static RuntimeException rethrow(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof RuntimeException re) {
            return re;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new ViciException("the request failed: " + c, c);
    }
}
