package org.vici4j.client.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.vici4j.client.ViciException;

/** Blocking for a future's value the way every vici4j client does (see {@code ViciClient.await}). */
public final class Await {

    private Await() {
    }

    /**
     * @return the value of {@code future}, waiting for it; a failure is rethrown as the
     *     {@link ViciException} (or other unchecked exception) it carries, anything else wrapped in one
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViciException("interrupted while waiting for charon's answer; the request may still complete", e);
        } catch (CancellationException e) {
            throw new ViciException("the request was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ViciException v) {
                throw v;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ViciException("the request failed: " + cause, cause);
        }
    }
}
