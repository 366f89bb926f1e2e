package org.vici4j.controller.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.Futures;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * The reconciler's blocking access to charon: commands with a timeout, the two observations it builds on
 * ({@code list-conns}, {@code list-sas} of one connection), {@code terminate}, and the digest used to tell whether a
 * loaded object changed. Errors surface as the client's {@link org.vici4j.client.ViciException} hierarchy.
 */
final class CharonCalls {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

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

    /** A command whose response is returned as is. */
    ViciSection call(String command, ViciSection message) {
        return await(charon.request(command, message), callTimeout);
    }

    /** A command whose {@code success} must be yes; the error never includes the request (it may hold a secret). */
    ViciSection checked(String command, ViciSection message, String what) {
        ViciSection resp = call(command, message);
        if (!resp.bool("success")) {
            throw new IllegalStateException(command + " of " + what + " failed: "
                    + resp.stringOr("errmsg", "no reason given"));
        }
        return resp;
    }

    StreamedResponse streamed(String command, ViciSection message, String event, Duration timeout) {
        return await(charon.streamed(command, message, event, null, timeout), timeout.plus(Duration.ofSeconds(5)));
    }

    /** @return the connections {@code list-conns} shows for this name (0 or 1), by name */
    Map<String, ViciSection> listConns(String name) {
        StreamedResponse r = streamed("list-conns", ViciSection.builder().add("ike", name).build(), "list-conn",
                callTimeout);
        Map<String, ViciSection> out = new LinkedHashMap<>();
        for (ViciSection ev : r.events()) {
            for (var e : ev.entries()) {
                if (e.getValue() instanceof ViciSection s) {
                    out.put(e.getKey(), s);
                }
            }
        }
        return out;
    }

    /** @return the IKE_SAs of this connection ({@code list-sas}, {@code noblock}) */
    List<IkeSa> listSas(String name) {
        StreamedResponse r = streamed("list-sas", ViciSection.builder().add("noblock", true).add("ike", name).build(),
                "list-sa", callTimeout);
        List<IkeSa> out = new ArrayList<>();
        for (ViciSection ev : r.events()) {
            for (IkeSa ike : IkeSa.fromEvent(ev)) {
                if (ike.name().equals(name)) {
                    out.add(ike);
                }
            }
        }
        return out;
    }

    /** Starts terminating what {@code filter} selects, with an explicit charon-side timeout; a failure is only logged. */
    CompletableFuture<StreamedResponse> terminateAsync(ViciSection filter, Duration timeout) {
        ViciSection.Builder b = ViciSection.builder();
        filter.entries().forEach(e -> b.add(e.getKey(), e.getValue()));
        b.add("timeout", timeout.toMillis());
        return charon.streamed("terminate", b.build(), "control-log", null, timeout.plus(Duration.ofSeconds(5)))
                .whenComplete((resp, err) -> {
                    if (err == null && !resp.response().bool("success")) {
                        LOG.debug("terminate {}: {}", filter, resp.response().stringOr("errmsg", "failed"));
                    }
                });
    }

    /** Terminates what {@code filter} selects, with an explicit charon-side timeout; a failure is only logged. */
    void terminate(ViciSection filter, Duration timeout) {
        ViciSection.Builder b = ViciSection.builder();
        filter.entries().forEach(e -> b.add(e.getKey(), e.getValue()));
        b.add("timeout", timeout.toMillis());
        StreamedResponse resp = streamed("terminate", b.build(), "control-log", timeout.plus(Duration.ofSeconds(5)));
        if (!resp.response().bool("success")) {
            LOG.debug("terminate {}: {}", filter, resp.response().stringOr("errmsg", "failed"));
        }
    }

    /** Waits for a future, translating failures into unchecked exceptions (timeouts into {@link ViciTimeoutException}). */
    <T> T await(CompletableFuture<T> f, Duration timeout) {
        return Futures.await(f, timeout);
    }

    /** SHA-256 of the encoded request: equal digests mean charon would get exactly the same message. */
    static String digest(String command, ViciSection message) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(ViciEncoder.encode(new ViciPacket(PacketType.CMD_REQUEST, command,
                    message))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
