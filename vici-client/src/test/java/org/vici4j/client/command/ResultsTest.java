package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.client.command.TestSupport.failure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.ConnectionLostException;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.message.ViciSection;

class ResultsTest {

    @Test
    void commandFailureIsTheFuturesDirectCause() {
        FakeCommands vici = new FakeCommands().answer("load-conn",
                ViciSection.builder().add("success", "no").add("errmsg", "boom").build());

        CompletableFuture<CommandResult> f = vici.loadConn("x", ViciSection.empty());

        CommandFailedException e = failure(f, CommandFailedException.class);
        assertThat(e.errmsg()).isEqualTo("boom");
        assertThat(f).failsWithin(java.time.Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(CommandFailedException.class);
        assertThat(f.exceptionally(ex -> {
            assertThat(ex).isInstanceOf(CommandFailedException.class);
            return null;
        }).join()).isNull();
    }

    @Test
    void anySuccessValueOtherThanYesFails() {
        FakeCommands vici = new FakeCommands().answer("clear-creds",
                ViciSection.builder().add("success", "maybe").build());

        CommandFailedException e = failure(vici.clearCreds(), CommandFailedException.class);

        assertThat(e.errmsg()).isEmpty();
        assertThat(e.getMessage()).contains("without an error message");
    }

    @Test
    void primitiveFailuresPassThroughUnwrapped() {
        FakeCommands vici = new FakeCommands().fail("version", new ConnectionLostException("gone"));

        assertThat(failure(vici.version(), ConnectionLostException.class)).hasMessageContaining("gone");
    }

    @Test
    void cancellingTheTypedFutureCancelsThePrimitiveFuture() {
        CompletableFuture<ViciSection> pending = new CompletableFuture<>();
        ViciCommands vici = answeringWith(pending);

        CompletableFuture<Version> f = vici.version();
        assertThat(f).isNotDone();
        f.cancel(true);

        assertThat(pending).isCancelled();
    }

    @Test
    void resultCompletesWhenThePrimitiveCompletesLater() {
        CompletableFuture<ViciSection> pending = new CompletableFuture<>();
        ViciCommands vici = answeringWith(pending);

        CompletableFuture<NameList> f = vici.getConns();
        assertThat(f).isNotDone();
        pending.complete(ViciSection.builder().addList("conns", "a").build());

        assertThat(f.join().names()).containsExactly("a");
    }

    /** Commands whose every request answers with {@code pending} (streamed commands are not supported). */
    private static ViciCommands answeringWith(CompletableFuture<ViciSection> pending) {
        return new ViciCommands() {
            @Override
            public CompletableFuture<ViciSection> request(String command, ViciSection message) {
                return pending;
            }

            @Override
            public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
                    Consumer<ViciSection> onEvent) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
