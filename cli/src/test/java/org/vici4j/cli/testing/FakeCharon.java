package org.vici4j.cli.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.FakeViciServer;

/**
 * A small fake charon for CLI tests, on vici-client's {@link FakeViciServer} (a VICI server on a real unix
 * socket): commands are answered by registered handlers (which may stream events first); events can be
 * emitted to registered connections; every request is recorded. Unlike a bare {@link FakeViciServer} it
 * knows no command until one is programmed.
 */
public final class FakeCharon implements AutoCloseable {

    /** A handler's answer: events streamed before the response (sent only if registered), then the response. */
    public record Reply(List<Event> events, ViciSection response) {
        public static Reply of(ViciSection response) {
            return new Reply(List.of(), response);
        }
    }

    /** A named event. */
    public record Event(String name, ViciSection message) {
    }

    /** A request the server received. */
    public record Request(String command, ViciSection message) {
    }

    /** The events this fake knows at start (those of charon 5.9.8 the CLI uses). */
    private static final List<String> EVENTS = List.of("log", "control-log", "ike-updown", "child-updown",
            "ike-rekey", "child-rekey", "list-sa", "list-conn", "list-policy", "list-cert", "list-authority");

    private final FakeViciServer server;
    private final Set<String> knownEvents = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeCharon() {
        server = FakeViciServer.start();
        server.removeCommand("version");
        for (String e : FakeViciServer.CHARON_5_9_8_EVENTS) {
            if (!EVENTS.contains(e)) {
                server.unknownEvent(e);
            }
        }
        knownEvents.addAll(EVENTS);
        server.hook((conn, p) -> {
            if (p.type() == PacketType.CMD_REQUEST) {
                requests.add(new Request(p.name(), p.message()));
            }
            return false;
        });
    }

    /** Starts a fake charon on a fresh socket. */
    public static FakeCharon start() {
        return new FakeCharon();
    }

    /** @return the unix:// URI of the socket */
    public String uri() {
        return server.uri();
    }

    /** Answers {@code command} with {@code handler}. */
    public FakeCharon on(String command, Function<ViciSection, Reply> handler) {
        server.command(command, r -> {
            Reply reply = handler.apply(r.message());
            for (Event e : reply.events()) {
                r.event(e.name(), e.message());
            }
            return reply.response();
        });
        return this;
    }

    /** Answers {@code command} with a fixed response. */
    public FakeCharon respond(String command, ViciSection response) {
        return on(command, m -> Reply.of(response));
    }

    /** Makes charon answer EVENT_UNKNOWN to registrations of {@code event}. */
    public FakeCharon unknownEvent(String event) {
        knownEvents.remove(event);
        server.unknownEvent(event);
        return this;
    }

    /** Makes charon know {@code event}. */
    public FakeCharon knownEvent(String event) {
        knownEvents.add(event);
        server.knownEvents(event);
        return this;
    }

    /** @return the requests received so far */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until some connection registered for an event (stream events of commands not counted). */
    public boolean awaitRegistration(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (knownEvents.stream().noneMatch(e -> !e.startsWith("list-") && !e.equals("control-log")
                && server.registrations(e) > 0)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Sends {@code event} to every connection registered for it. */
    public void emit(String event, ViciSection message) {
        server.raise(event, message);
    }

    /** Closes every client connection (the client sees the connection lost). */
    public void dropConnections() {
        server.dropConnections();
    }

    @Override
    public void close() {
        server.close();
    }

    /** @return an empty list, for readability in tests */
    public static List<Event> noEvents() {
        return new ArrayList<>();
    }
}
