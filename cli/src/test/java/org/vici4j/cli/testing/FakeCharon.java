package org.vici4j.cli.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * A small fake charon for CLI tests: a VICI server on a real unix socket, built on the project's
 * codec. Commands are answered by registered handlers (which may stream events first); events can
 * be emitted to registered connections.
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

    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Function<ViciSection, Reply>> handlers = new ConcurrentHashMap<>();
    private final Set<String> knownEvents = ConcurrentHashMap.newKeySet();
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch registered = new CountDownLatch(1);
    private final Thread acceptor;

    private FakeCharon() throws IOException {
        dir = Files.createTempDirectory("vici-cli-fake");
        socket = dir.resolve("charon.vici");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        knownEvents.addAll(List.of("log", "control-log", "ike-updown", "child-updown", "ike-rekey", "child-rekey",
                "list-sa", "list-conn", "list-policy", "list-cert", "list-authority"));
        acceptor = new Thread(this::acceptLoop, "fake-charon-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a fake charon on a fresh socket. */
    public static FakeCharon start() {
        try {
            return new FakeCharon();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the unix:// URI of the socket */
    public String uri() {
        return "unix://" + socket;
    }

    /** Answers {@code command} with {@code handler}. */
    public FakeCharon on(String command, Function<ViciSection, Reply> handler) {
        handlers.put(command, handler);
        return this;
    }

    /** Answers {@code command} with a fixed response. */
    public FakeCharon respond(String command, ViciSection response) {
        return on(command, m -> Reply.of(response));
    }

    /** Makes charon answer EVENT_UNKNOWN to registrations of {@code event}. */
    public FakeCharon unknownEvent(String event) {
        knownEvents.remove(event);
        return this;
    }

    /** Makes charon know {@code event}. */
    public FakeCharon knownEvent(String event) {
        knownEvents.add(event);
        return this;
    }

    /** @return the requests received so far */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until some connection registered for an event. */
    public boolean awaitRegistration(long millis) throws InterruptedException {
        return registered.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code event} to every connection registered for it. */
    public void emit(String event, ViciSection message) {
        for (Conn c : conns) {
            if (c.events.contains(event)) {
                c.send(new ViciPacket(PacketType.EVENT, event, message));
            }
        }
    }

    /** Closes every client connection (the client sees the connection lost). */
    public void dropConnections() {
        for (Conn c : conns) {
            c.close();
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Conn c = new Conn(ch);
                conns.add(c);
                Thread t = new Thread(c::readLoop, "fake-charon-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class Conn {
        final SocketChannel ch;
        final Set<String> events = ConcurrentHashMap.newKeySet();

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        void readLoop() {
            try {
                while (true) {
                    ByteBuffer len = ByteBuffer.allocate(4);
                    readFully(len);
                    ByteBuffer body = ByteBuffer.allocate(len.flip().getInt());
                    readFully(body);
                    handle(ViciDecoder.decode(body.array()));
                }
            } catch (IOException e) {
                close();
            }
        }

        private void readFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new IOException("closed");
                }
            }
        }

        void handle(ViciPacket p) {
            switch (p.type()) {
                case CMD_REQUEST -> {
                    requests.add(new Request(p.name(), p.message()));
                    Function<ViciSection, Reply> h = handlers.get(p.name());
                    if (h == null) {
                        send(new ViciPacket(PacketType.CMD_UNKNOWN, null, ViciSection.empty()));
                        return;
                    }
                    Reply r = h.apply(p.message());
                    for (Event e : r.events()) {
                        if (events.contains(e.name())) {
                            send(new ViciPacket(PacketType.EVENT, e.name(), e.message()));
                        }
                    }
                    send(new ViciPacket(PacketType.CMD_RESPONSE, null, r.response()));
                }
                case EVENT_REGISTER -> {
                    if (knownEvents.contains(p.name())) {
                        events.add(p.name());
                        send(new ViciPacket(PacketType.EVENT_CONFIRM, null, ViciSection.empty()));
                        if (!p.name().startsWith("list-") && !p.name().equals("control-log")) {
                            registered.countDown();
                        }
                    } else {
                        send(new ViciPacket(PacketType.EVENT_UNKNOWN, null, ViciSection.empty()));
                    }
                }
                case EVENT_UNREGISTER -> {
                    events.remove(p.name());
                    send(new ViciPacket(PacketType.EVENT_CONFIRM, null, ViciSection.empty()));
                }
                default -> close();
            }
        }

        synchronized void send(ViciPacket p) {
            byte[] body = ViciEncoder.encode(p);
            ByteBuffer b = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            try {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already closed
            }
            conns.remove(this);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // best effort
        }
        dropConnections();
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** @return an empty list, for readability in tests */
    public static List<Event> noEvents() {
        return new ArrayList<>();
    }
}
