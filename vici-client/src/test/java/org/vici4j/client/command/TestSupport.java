package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

final class TestSupport {

    private TestSupport() {
    }

    /** The value of an already completed future. */
    static <T> T done(CompletableFuture<T> f) {
        assertThat(f).isCompletedWithValueMatching(v -> true);
        return f.join();
    }

    /**
     * The exception an already failed future failed with, as seen by a dependent stage: it must be
     * the exception itself, not a CompletionException wrapping it.
     */
    static <T extends Throwable> T failure(CompletableFuture<?> f, Class<T> type) {
        assertThat(f).isCompletedExceptionally();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        f.whenComplete((r, ex) -> seen.set(ex));
        assertThat(seen.get()).isInstanceOf(type);
        return type.cast(seen.get());
    }
}
