package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.vici4j.client.CommandFailedException;
import org.vici4j.client.Futures;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.command.Connection;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.command.TerminateRequest;
import org.vici4j.client.command.TerminateResult;
import org.vici4j.client.message.ViciSection;

/**
 * The reconciler's blocking access to charon's typed commands: waiting with a timeout, listings with a client-side
 * timeout of their own, the two targeted observations it builds on ({@code list-conns}, {@code list-sas} of one
 * connection) and {@code terminate} with a charon-side timeout. Errors surface as the client's
 * {@link org.vici4j.client.ViciException} hierarchy; {@code success = no} as its
 * {@link org.vici4j.client.CommandFailedException}.
 */
final class CharonCalls {

    /** How much longer than a streaming command's own timeout its answer is waited for. */
    private static final Duration STREAM_GRACE = Duration.ofSeconds(5);

    private final Charon charon;
    private final Duration callTimeout;

    CharonCalls(Charon charon, Duration callTimeout) {
        this.charon = Objects.requireNonNull(charon, "charon");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    Charon charon() {
        return charon;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    /** Waits at most the call timeout for a command's answer. */
    <T> T await(CompletableFuture<T> f) {
        return await(f, callTimeout);
    }

    /** Waits for a future, translating failures into unchecked exceptions (timeouts into {@link ViciTimeoutException}). */
    <T> T await(CompletableFuture<T> f, Duration timeout) {
        return Futures.await(f, timeout);
    }

    /**
     * Waits at most the call timeout for a command whose refusal is not an error.
     *
     * @return charon's refusal ({@code success = no}), empty if it succeeded
     */
    Optional<CommandFailedException> refusal(CompletableFuture<?> f) {
        try {
            await(f);
            return Optional.empty();
        } catch (CommandFailedException e) {
            return Optional.of(e);
        }
    }

    /** Runs a listing with the call timeout as its client-side timeout and waits for it (a little longer). */
    <T> T listing(Function<ViciCommands, CompletableFuture<T>> command) {
        return await(command.apply(charon.withTimeout(callTimeout)), callTimeout.plus(STREAM_GRACE));
    }

    /** @return the connections {@code list-conns} shows for this name (0 or 1): their sections, by name */
    Map<String, ViciSection> listConns(String name) {
        return sectionsByName(listing(c -> c.listConns(name)));
    }

    /** @return each connection's {@code list-conns} section, by name */
    static Map<String, ViciSection> sectionsByName(List<Connection> connections) {
        Map<String, ViciSection> out = new LinkedHashMap<>();
        for (Connection c : connections) {
            out.put(c.name(), c.raw());
        }
        return out;
    }

    /** @return the IKE_SAs of this connection ({@code list-sas}, {@code noblock}) */
    List<IkeSa> listSas(String name) {
        return listing(c -> c.listSas(ListSasRequest.ike(name).withNoblock(true))).stream()
                .filter(ike -> ike.name().equals(name)).toList();
    }

    /**
     * Starts terminating the IKE_SAs of connection {@code ike} with an explicit charon-side timeout; fails (with
     * {@link org.vici4j.client.CommandFailedException}) if charon found nothing to terminate or gave up.
     */
    CompletableFuture<TerminateResult> terminateIke(String ike, Duration timeout) {
        return charon.withTimeout(timeout.plus(STREAM_GRACE))
                .terminate(TerminateRequest.builder().ike(ike).timeoutMillis(timeout.toMillis()).build());
    }
}
