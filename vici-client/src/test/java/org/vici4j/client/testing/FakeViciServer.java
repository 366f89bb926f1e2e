package org.vici4j.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * An in-process VICI server for tests, behaving like charon's vici plugin where it matters to a client:
 * <ul>
 * <li>each connection's packets are processed one at a time, in order, on the connection's own thread
 *     (a command handler that blocks holds only its connection, like a long {@code initiate});</li>
 * <li>unknown commands get CMD_UNKNOWN; registering an unknown event gets EVENT_UNKNOWN (by default
 *     {@code alert} is unknown, as on charon 5.9.8); unregistering an event the connection did not
 *     register gets EVENT_UNKNOWN;</li>
 * <li>{@link Request#event} sends a stream event only to the requesting connection and only if it
 *     registered the event (charon's id-targeted raise); {@link #raise} sends to every registered
 *     connection (charon's broadcast).</li>
 * </ul>
 * Command handlers are programmed with {@link #command}; a handler returning {@code null} sends no
 * response (a server that stops answering). {@link #hook} sees every packet before the default
 * processing and can inject packets (for interleavings) or swallow the packet. Thread-safe.
 *
 * <p>Usable by any module's tests: it depends only on the public codec and message model.
 */
public final class FakeViciServer implements AutoCloseable {

    /** Handles one command. */
    @FunctionalInterface
    public interface CommandHandler {
        /** @return the response message, or null to send no response at all */
        ViciSection handle(Request request) throws Exception;
    }

    /** Sees each received packet first. */
    @FunctionalInterface
    public interface PacketHook {
        /** @return true if the hook handled the packet completely (the default processing is skipped) */
        boolean onPacket(Conn connection, ViciPacket packet) throws Exception;
    }

    /** A command being handled. */
    public record Request(String command, ViciSection message, Conn connection) {
        /** Streams {@code event} to the requesting connection if it registered it (like charon). */
        public void event(String event, ViciSection msg) {
            connection.eventIfRegistered(event, msg);
        }
    }

    /** Events charon 5.9.8 knows (stream events of commands included). */
    public static final Set<String> CHARON_5_9_8_EVENTS = Set.of("log", "control-log", "ike-updown", "ike-rekey",
            "ike-update", "child-updown", "child-rekey", "list-sa", "list-policy", "list-conn", "list-cert",
            "list-authority");

    private final boolean unix;
    private final Path socketPath;
    private final Map<String, CommandHandler> commands = new ConcurrentHashMap<>();
    private final Set<String> knownEvents = ConcurrentHashMap.newKeySet();
    private final List<Conn> connections = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile PacketHook hook = (c, p) -> false;
    private volatile ServerSocketChannel server;
    private volatile Thread acceptor;
    private volatile InetSocketAddress tcpAddress;

    private FakeViciServer(boolean unix, Path socketPath) {
        this.unix = unix;
        this.socketPath = socketPath;
        knownEvents.addAll(CHARON_5_9_8_EVENTS);
        command("version", r -> ViciSection.builder().add("daemon", "charon").add("version", "5.9.8")
                .add("sysname", "Linux").add("release", "fake").add("machine", "x86_64").build());
    }

    /** Starts a server on a unix socket in a fresh temporary directory. */
    public static FakeViciServer start() {
        try {
            Path dir = Files.createTempDirectory("fake-vici");
            FakeViciServer s = new FakeViciServer(true, dir.resolve("charon.vici"));
            s.listen();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server on 127.0.0.1 and an ephemeral TCP port. */
    public static FakeViciServer startTcp() {
        FakeViciServer s = new FakeViciServer(false, null);
        s.listen();
        return s;
    }

    private synchronized void listen() {
        try {
            ServerSocketChannel ss;
            if (unix) {
                Files.deleteIfExists(socketPath);
                ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ss.bind(UnixDomainSocketAddress.of(socketPath));
            } else {
                ss = ServerSocketChannel.open();
                ss.bind(tcpAddress == null ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0) : tcpAddress);
                tcpAddress = (InetSocketAddress) ss.getLocalAddress();
            }
            server = ss;
            Thread t = new Thread(() -> acceptLoop(ss), "fake-vici-accept");
            t.setDaemon(true);
            acceptor = t;
            t.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the URI to give a client */
    public String uri() {
        if (unix) {
            return "unix://" + socketPath;
        }
        return "tcp://127.0.0.1:" + tcpAddress.getPort();
    }

    /** @return the unix socket path (null for TCP) */
    public Path socketPath() {
        return socketPath;
    }

    /** Programs {@code name}; replaces an earlier handler. */
    public FakeViciServer command(String name, CommandHandler handler) {
        commands.put(name, handler);
        return this;
    }

    /** Removes a command so that it is answered with CMD_UNKNOWN. */
    public FakeViciServer removeCommand(String name) {
        commands.remove(name);
        return this;
    }

    /** Makes {@code names} registrable. */
    public FakeViciServer knownEvents(String... names) {
        knownEvents.addAll(List.of(names));
        return this;
    }

    /** Makes {@code name} unknown (EVENT_UNKNOWN on register). */
    public FakeViciServer unknownEvent(String name) {
        knownEvents.remove(name);
        return this;
    }

    /** Installs a hook that sees every packet before the default processing. */
    public FakeViciServer hook(PacketHook packetHook) {
        this.hook = packetHook == null ? (c, p) -> false : packetHook;
        return this;
    }

    /** Sends {@code event} to every connection registered for it (charon's broadcast raise). */
    public void raise(String event, ViciSection message) {
        for (Conn c : connections) {
            c.eventIfRegistered(event, message);
        }
    }

    /** @return the live connections */
    public List<Conn> connections() {
        return List.copyOf(connections);
    }

    /** @return connections accepted since start */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** @return how many live connections registered {@code event} */
    public int registrations(String event) {
        return (int) connections.stream().filter(c -> c.registered(event)).count();
    }

    /** @return every packet received, as "TYPE name" in arrival order (for assertions) */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Waits until {@code n} live connections registered {@code event}. */
    public void awaitRegistrations(String event, int n, Duration timeout) {
        awaitCondition(() -> registrations(event) >= n, timeout, n + " registration(s) of " + event);
    }

    /** Waits until {@code n} packets matching "TYPE name" have been received. */
    public void awaitReceived(String typeAndName, int n, Duration timeout) {
        awaitCondition(() -> received.stream().filter(typeAndName::equals).count() >= n, timeout,
                n + " x '" + typeAndName + "' in " + received);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier cond, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /** Closes every client connection (the server keeps listening). */
    public void dropConnections() {
        for (Conn c : connections) {
            c.close();
        }
    }

    /** Stops listening and closes every connection, like a daemon that exits. */
    public synchronized void stop() {
        ServerSocketChannel ss = server;
        try {
            if (ss != null) {
                ss.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
        if (unix) {
            try {
                Files.deleteIfExists(socketPath);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Listens again at the same address after {@link #stop()}, keeping the programmed behaviour. */
    public synchronized void restart() {
        listen();
    }

    @Override
    public void close() {
        stop();
        if (unix) {
            try {
                Files.deleteIfExists(socketPath.getParent());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private void acceptLoop(ServerSocketChannel ss) {
        while (ss.isOpen()) {
            try {
                SocketChannel ch = ss.accept();
                accepted.incrementAndGet();
                Conn c = new Conn(ch, accepted.get());
                connections.add(c);
                Thread t = new Thread(c::readLoop, "fake-vici-conn-" + c.id);
                t.setDaemon(true);
                t.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!ss.isOpen()) {
                    return;
                }
            }
        }
    }

    /** One client connection. */
    public final class Conn {
        private final SocketChannel channel;
        private final int id;
        private final Set<String> registered = ConcurrentHashMap.newKeySet();

        private Conn(SocketChannel channel, int id) {
            this.channel = channel;
            this.id = id;
        }

        /** @return a 1-based id in accept order */
        public int id() {
            return id;
        }

        /** @return whether this connection registered {@code event} */
        public boolean registered(String event) {
            return registered.contains(event);
        }

        /** Sends a packet (thread-safe). */
        public void send(ViciPacket packet) {
            byte[] frame = ViciEncoder.encodeFrame(packet, ViciLimits.DEFAULT);
            synchronized (this) {
                try {
                    ByteBuffer buf = ByteBuffer.wrap(frame);
                    while (buf.hasRemaining()) {
                        channel.write(buf);
                    }
                } catch (IOException e) {
                    close();
                }
            }
        }

        /** Sends raw bytes (to test malformed input). */
        public void sendRaw(byte[] bytes) {
            synchronized (this) {
                try {
                    channel.write(ByteBuffer.wrap(bytes));
                } catch (IOException e) {
                    close();
                }
            }
        }

        void eventIfRegistered(String event, ViciSection msg) {
            if (registered.contains(event)) {
                send(ViciPacket.event(event, msg));
            }
        }

        /** Closes the connection. */
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            connections.remove(this);
        }

        private void readLoop() {
            try {
                ByteBuffer len = ByteBuffer.allocate(4);
                while (true) {
                    len.clear();
                    if (!readFully(len)) {
                        return;
                    }
                    len.flip();
                    ByteBuffer body = ByteBuffer.allocate(len.getInt());
                    if (!readFully(body)) {
                        return;
                    }
                    process(ViciDecoder.decode(body.array()));
                }
            } catch (Exception e) {
                // connection ends
            } finally {
                close();
            }
        }

        private boolean readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (channel.read(buf) < 0) {
                    return false;
                }
            }
            return true;
        }

        private void process(ViciPacket p) throws Exception {
            received.add(p.type() + (p.name() == null ? "" : " " + p.name()));
            if (hook.onPacket(this, p)) {
                return;
            }
            switch (p.type()) {
                case EVENT_REGISTER -> {
                    if (knownEvents.contains(p.name())) {
                        registered.add(p.name());
                        send(ViciPacket.of(PacketType.EVENT_CONFIRM));
                    } else {
                        send(ViciPacket.of(PacketType.EVENT_UNKNOWN));
                    }
                }
                case EVENT_UNREGISTER -> send(ViciPacket.of(registered.remove(p.name())
                        ? PacketType.EVENT_CONFIRM : PacketType.EVENT_UNKNOWN));
                case CMD_REQUEST -> {
                    CommandHandler h = commands.get(p.name());
                    if (h == null) {
                        send(ViciPacket.of(PacketType.CMD_UNKNOWN));
                    } else {
                        ViciSection response = h.handle(new Request(p.name(), p.message(), this));
                        if (response != null) {
                            send(ViciPacket.response(response));
                        }
                    }
                }
                default -> {
                    // charon logs and ignores packets only it may send
                }
            }
        }

        @Override
        public String toString() {
            return "Conn#" + id;
        }
    }

    /** @return a simple list of the commands programmed (for diagnostics) */
    public List<String> programmedCommands() {
        return new ArrayList<>(commands.keySet());
    }
}
