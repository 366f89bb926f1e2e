package org.vici4j.client.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.UnknownCommandException;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.message.ViciSection;

/**
 * An in-test implementation of the two primitives: answers each command with a canned
 * response (and, for streamed commands, canned events delivered in order before completing),
 * and records what was sent.
 */
final class FakeCommands implements ViciCommands {

    /** One request as the typed method sent it. */
    record Sent(String command, ViciSection message, String event) {
    }

    private record Answer(ViciSection response, List<ViciSection> events, RuntimeException failure) {
    }

    private final Map<String, Answer> answers = new HashMap<>();
    final List<Sent> sent = new ArrayList<>();

    FakeCommands answer(String command, ViciSection response) {
        answers.put(command, new Answer(response, List.of(), null));
        return this;
    }

    FakeCommands answer(String command, ViciSection response, List<ViciSection> events) {
        answers.put(command, new Answer(response, List.copyOf(events), null));
        return this;
    }

    FakeCommands fail(String command, RuntimeException failure) {
        answers.put(command, new Answer(null, List.of(), failure));
        return this;
    }

    /** Answers with a real charon capture (a CMD_UNKNOWN capture fails with UnknownCommandException). */
    FakeCommands answer(Fixtures.Capture capture) {
        if (capture.unknownCommand()) {
            return fail(capture.command(), new UnknownCommandException(capture.command()));
        }
        return answer(capture.command(), capture.response(), capture.events());
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    @Override
    public CompletableFuture<ViciSection> request(String command, ViciSection message) {
        sent.add(new Sent(command, message, null));
        Answer a = answers.get(command);
        if (a == null) {
            return CompletableFuture.failedFuture(new UnknownCommandException(command));
        }
        if (a.failure() != null) {
            return CompletableFuture.failedFuture(a.failure());
        }
        return CompletableFuture.completedFuture(a.response());
    }

    @Override
    public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        sent.add(new Sent(command, message, event));
        Answer a = answers.get(command);
        if (a == null) {
            return CompletableFuture.failedFuture(new UnknownCommandException(command));
        }
        if (a.failure() != null) {
            return CompletableFuture.failedFuture(a.failure());
        }
        for (ViciSection e : a.events()) {
            if (onEvent != null) {
                onEvent.accept(e);
            }
        }
        return CompletableFuture.completedFuture(new StreamedResponse(a.response(), a.events()));
    }
}
