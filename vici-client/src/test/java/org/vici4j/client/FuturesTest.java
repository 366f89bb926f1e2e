package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void unwrapStripsEveryCompletionAndExecutionLayer() {
        ViciTimeoutException inner = new ViciTimeoutException("slow");
        Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(inner)));
        assertThat(Futures.unwrap(wrapped)).isSameAs(inner);
        assertThat(Futures.unwrap(inner)).isSameAs(inner);
    }

    @Test
    void awaitRethrowsTheFailureItself() {
        CommandFailedException failure = new CommandFailedException("load-conn", "duplicate", java.util.List.of(), null);
        assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(failure))).isSameAs(failure);
        assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(failure), Duration.ofSeconds(1)))
                .isSameAs(failure);
    }

    @Test
    void awaitWrapsACheckedFailureInAViciException() {
        IOException io = new IOException("socket closed");
        assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(io)))
                .isInstanceOf(ViciException.class).hasCause(io);
    }

    @Test
    void awaitWithATimeoutCancelsTheFutureAndThrowsATimeout() {
        CompletableFuture<String> never = new CompletableFuture<>();
        assertThatThrownBy(() -> Futures.await(never, Duration.ofMillis(1)))
                .isInstanceOf(ViciTimeoutException.class).hasMessageContaining("within 1 ms");
        assertThat(never).isCancelled();
    }

    @Test
    void awaitReturnsTheValue() {
        assertThat(Futures.await(CompletableFuture.completedFuture("5.9.8"))).isEqualTo("5.9.8");
        assertThat(Futures.await(CompletableFuture.completedFuture("6.1"), Duration.ofSeconds(1))).isEqualTo("6.1");
    }
}
