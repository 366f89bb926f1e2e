package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.command.Version;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;
import org.vici4j.client.testing.FakeViciServer;

/**
 * {@link BlockingViciClient} against {@link FakeViciServer} and a raw socket: results, streamed commands,
 * and every failure, each compared with what {@link ViciClient} (Netty) says for the same situation.
 */
class BlockingViciClientTest {

    static final Duration SHORT = Duration.ofMillis(300);
    /** Long enough for an answer on a loaded machine; the timeout test uses {@link #SHORT}. */
    static final Duration NORMAL = Duration.ofSeconds(20);

    FakeViciServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = FakeViciServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    BlockingViciClient blocking() {
        return blocking(NORMAL);
    }

    BlockingViciClient blocking(Duration timeout) {
        return BlockingViciClient.connect(ViciClientOptions.builder().uri(server.uri()).requestTimeout(timeout).build());
    }

    ViciClient netty(Duration timeout) {
        return ViciClient.connect(ViciClientOptions.builder().uri(server.uri()).requestTimeout(timeout).build());
    }

    /** Runs {@code call} on a fresh blocking and a fresh Netty client; both must fail alike. @return the failure */
    Throwable sameFailure(Function<ViciCommands, CompletableFuture<?>> call) {
        return sameFailure(NORMAL, call);
    }

    Throwable sameFailure(Duration timeout, Function<ViciCommands, CompletableFuture<?>> call) {
        Throwable b;
        try (BlockingViciClient c = blocking(timeout)) {
            b = catchFailure(() -> c.await(call.apply(c)));
        }
        Throwable n;
        try (ViciClient c = netty(timeout)) {
            n = catchFailure(() -> c.await(call.apply(c)));
        }
        assertThat(b).as("blocking client's failure").isNotNull();
        assertThat(b.getClass()).as(b.toString()).isEqualTo(n.getClass());
        assertThat(b.getMessage()).isEqualTo(n.getMessage());
        return b;
    }

    static Throwable catchFailure(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    static ViciSection sa(String name, int id) {
        return ViciSection.builder().beginSection(name).add("uniqueid", id).add("state", "ESTABLISHED").endSection()
                .build();
    }

    @Test
    void typedCommandOverUnixAndTcp() {
        try (BlockingViciClient c = blocking()) {
            Version v = c.await(c.version());
            assertThat(v.version()).isEqualTo("5.9.8");
            assertThat(c.await(c.version()).daemon()).isEqualTo("charon");
        }
        assertThat(server.acceptedConnections()).as("one connection for both requests").isEqualTo(1);
        try (FakeViciServer tcp = FakeViciServer.startTcp();
                BlockingViciClient c = BlockingViciClient.connect(tcp.uri())) {
            assertThat(c.await(c.version()).version()).isEqualTo("5.9.8");
        }
    }

    @Test
    void streamedCommandRegistersSendsReadsEventsUnregisters() {
        server.command("list-sas", r -> {
            for (int i = 1; i <= 300; i++) {
                r.event("list-sa", sa("net-" + i, i));
            }
            r.event("ike-updown", sa("other", 0)); // not registered: never sent
            return ViciSection.empty();
        });
        try (BlockingViciClient c = blocking()) {
            List<String> seen = new ArrayList<>();
            StreamedResponse r = c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa",
                    e -> seen.add(e.keys().iterator().next())));
            assertThat(r.events()).hasSize(300);
            assertThat(seen).hasSize(300).startsWith("net-1", "net-2").endsWith("net-300");
            List<IkeSa> sas = c.await(c.listSas());
            assertThat(sas).extracting(IkeSa::name).startsWith("net-1").hasSize(300);
            List<String> each = new ArrayList<>();
            assertThat(c.await(c.listSas(ListSasRequest.ALL, sa -> each.add(sa.name())))).isEqualTo(300L);
            assertThat(each).hasSize(300);
            StreamedResponse flat = c.await(c.forEachStreamed("list-sas", ViciSection.empty(), "list-sa", e -> { }));
            assertThat(flat.events()).isEmpty();
        }
        assertThat(server.received()).startsWith("EVENT_REGISTER list-sa", "CMD_REQUEST list-sas",
                "EVENT_UNREGISTER list-sa", "EVENT_REGISTER list-sa");
        assertThat(server.registrations("list-sa")).isZero();
    }

    @Test
    void eventsOfTheStreamOutsideItAreDiscardedAndUnrelatedEventsDropped() {
        server.hook((conn, p) -> {
            if (p.type() == PacketType.CMD_REQUEST && p.name().equals("list-sas")) {
                conn.send(ViciPacket.event("ike-updown", sa("x", 9))); // unrelated event on the command connection
                conn.send(ViciPacket.event("list-sa", sa("a", 1)));
                conn.send(ViciPacket.response(ViciSection.empty()));
                conn.send(ViciPacket.event("list-sa", sa("late", 2))); // after the response: a broadcast
                return true;
            }
            return false;
        });
        try (BlockingViciClient c = blocking()) {
            StreamedResponse r = c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa", null));
            assertThat(r.events()).hasSize(1);
            assertThat(r.events().get(0).keys()).containsExactly("a");
            assertThat(c.await(c.version()).version()).as("still in step").isEqualTo("5.9.8");
        }
    }

    @Test
    void rawStreamHandsOverTheBytesOfTheStreamsEventsOnly() {
        server.hook((conn, p) -> {
            if (p.type() == PacketType.CMD_REQUEST && p.name().equals("list-sas")) {
                conn.send(ViciPacket.event("ike-updown", sa("x", 9))); // unrelated: dropped
                conn.send(ViciPacket.event("list-sas", sa("y", 8))); // a longer name with the same start: dropped
                for (int i = 1; i <= 200; i++) {
                    conn.send(ViciPacket.event("list-sa", sa("net-" + i, i)));
                }
                conn.send(ViciPacket.response(ViciSection.builder().add("done", "yes").build()));
                conn.send(ViciPacket.event("list-sa", sa("late", 2))); // after the response: a broadcast
                return true;
            }
            return false;
        });
        List<ViciSection> seen = new ArrayList<>();
        try (BlockingViciClient c = blocking()) {
            ViciSection response = c.streamedRaw("list-sas", ViciSection.empty(), "list-sa", (b, offset, length) -> {
                assertThat(RawEventConsumer.messageOffset(b, offset)).isEqualTo(offset + 2 + "list-sa".length());
                ViciPacket p = ViciDecoder.decode(Arrays.copyOfRange(b, offset, offset + length));
                assertThat(p.type()).isEqualTo(PacketType.EVENT);
                assertThat(p.name()).isEqualTo("list-sa");
                seen.add(p.message());
            }, NORMAL);
            assertThat(response.string("done")).contains("yes");
            assertThat(seen).hasSize(200).first().isEqualTo(sa("net-1", 1));
            assertThat(seen.get(199)).isEqualTo(sa("net-200", 200));
            assertThat(c.await(c.version()).version()).as("still in step").isEqualTo("5.9.8");
        }
        assertThat(server.received()).startsWith("EVENT_REGISTER list-sa", "CMD_REQUEST list-sas",
                "EVENT_UNREGISTER list-sa");
        assertThat(server.registrations("list-sa")).isZero();
    }

    @Test
    void rawStreamFailsAsTheDecodedOneAndAConsumersExceptionEndsOnlyItsCalls() {
        server.command("list-sas", r -> {
            for (int i = 1; i <= 5; i++) {
                r.event("list-sa", sa("net-" + i, i));
            }
            return ViciSection.empty();
        });
        try (BlockingViciClient c = blocking()) {
            int[] calls = {0};
            assertThatThrownBy(() -> c.streamedRaw("list-sas", null, "list-sa", (b, o, l) -> {
                if (++calls[0] == 2) {
                    throw new IllegalStateException("consumer");
                }
            }, NORMAL)).isInstanceOf(IllegalStateException.class).hasMessage("consumer");
            assertThat(calls[0]).as("no call after the failure").isEqualTo(2);
            assertThat(c.await(c.version()).version()).as("the exchange ran to its end").isEqualTo("5.9.8");
            server.unknownEvent("alert");
            assertThatThrownBy(() -> c.streamedRaw("list-sas", null, "alert", (b, o, l) -> { }, NORMAL))
                    .isInstanceOf(UnknownEventException.class);
            assertThatThrownBy(() -> c.streamedRaw("no-such", null, "list-sa", (b, o, l) -> { }, NORMAL))
                    .isInstanceOf(UnknownCommandException.class);
            server.command("stats", r -> null); // never answers
            assertThatThrownBy(() -> c.streamedRaw("stats", null, "list-sa", (b, o, l) -> { }, SHORT))
                    .isInstanceOf(ViciTimeoutException.class)
                    .hasMessageContaining("'stats (streaming list-sa)' within PT0.3S");
        }
        assertThat(server.registrations("list-sa")).isZero();
    }

    @Test
    void unknownCommandAndUnknownEventFailAsWithNettyAndKeepTheConnection() {
        assertThat(sameFailure(c -> c.request("no-such", ViciSection.empty())))
                .isInstanceOf(UnknownCommandException.class);
        server.unknownEvent("alert");
        assertThat(sameFailure(c -> c.streamed("list-sas", ViciSection.empty(), "alert", null)))
                .isInstanceOf(UnknownEventException.class);
        assertThat(sameFailure(c -> c.streamed("no-such", ViciSection.empty(), "list-sa", null)))
                .isInstanceOf(UnknownCommandException.class);
        try (BlockingViciClient c = blocking()) {
            assertThatThrownBy(() -> c.await(c.request("no-such", null))).isInstanceOf(UnknownCommandException.class);
            assertThat(c.await(c.version()).version()).isEqualTo("5.9.8");
        }
        assertThat(server.registrations("list-sa")).isZero();
    }

    @Test
    void timeoutFailsAsWithNettyAndTheNextRequestUsesANewConnection() {
        server.command("stats", r -> null); // never answers
        Throwable t = sameFailure(SHORT, c -> c.request("stats", ViciSection.empty()));
        assertThat(t).isInstanceOf(ViciTimeoutException.class).hasMessageContaining("'stats' within PT0.3S");
        int before = server.acceptedConnections();
        try (BlockingViciClient c = blocking()) {
            assertThatThrownBy(() -> c.await(c.withTimeout(Duration.ofMillis(100)).request("stats", null)))
                    .isInstanceOf(ViciTimeoutException.class).hasMessageContaining("PT0.1S");
            assertThat(c.await(c.version()).version()).isEqualTo("5.9.8");
        }
        assertThat(server.acceptedConnections() - before).as("discarded after the timeout").isEqualTo(2);
    }

    @Test
    void connectionClosedByCharonMidStreamFailsAsWithNetty() {
        server.command("list-sas", r -> {
            r.event("list-sa", sa("a", 1));
            r.connection().close();
            return null;
        });
        assertThat(sameFailure(c -> c.streamed("list-sas", ViciSection.empty(), "list-sa", null)))
                .isInstanceOf(ConnectionLostException.class).hasMessageContaining("(closed by charon)");
    }

    @Test
    void badFrameLengthsAndMalformedPacketsFailAsWithNetty() {
        for (byte[] raw : List.of(new byte[] {0, 0, 0, 0}, new byte[] {0, 0x08, 0, 1},
                new byte[] {0, 0, 0, 3, 1, 9, 9}, new byte[] {0, 0, 0, 2, 42, 0})) {
            server.hook((conn, p) -> {
                if (p.type() == PacketType.CMD_REQUEST) {
                    conn.sendRaw(raw);
                    return true;
                }
                return false;
            });
            assertThat(sameFailure(c -> c.request("version", ViciSection.empty())))
                    .as(HexFormat.of().formatHex(raw)).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void outOfStepRepliesFailAsWithNetty() {
        server.hook((conn, p) -> {
            if (p.type() == PacketType.CMD_REQUEST) {
                conn.send(ViciPacket.of(PacketType.EVENT_CONFIRM));
                return true;
            }
            return false;
        });
        assertThat(sameFailure(c -> c.request("version", ViciSection.empty()))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("out of sync");
        server.hook((conn, p) -> {
            if (p.type() == PacketType.EVENT_REGISTER) {
                conn.send(ViciPacket.response(ViciSection.empty()));
                return true;
            }
            return false;
        });
        assertThat(sameFailure(c -> c.streamed("list-sas", ViciSection.empty(), "list-sa", null)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("for register list-sa");
    }

    @Test
    void requestOverTheLimitsIsRefusedBeforeAnythingIsSent() {
        ViciSection big = ViciSection.builder().add("data", ViciValue.of(new byte[70_000])).build();
        try (BlockingViciClient c = blocking()) {
            assertThatThrownBy(() -> c.await(c.request("load-key", big))).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("the value of 'data' is 70000 bytes");
            assertThat(c.await(c.version()).version()).isEqualTo("5.9.8");
        }
        assertThat(server.received()).containsExactly("CMD_REQUEST version");
    }

    @Test
    void missingAndStaleSocketsAndRefusedPortsFailAsWithNetty() throws Exception {
        Path missing = dir.resolve("none.vici");
        Path stale = dir.resolve("stale.vici");
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(UnixDomainSocketAddress.of(stale));
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        for (String uri : List.of("unix://" + missing, "unix://" + stale, "tcp://127.0.0.1:" + port)) {
            Throwable b;
            try (BlockingViciClient c = BlockingViciClient.connect(uri)) {
                b = catchFailure(() -> c.await(c.version()));
            }
            Throwable n;
            try (ViciClient c = ViciClient.connect(uri)) {
                n = catchFailure(() -> c.await(c.version()));
            }
            assertThat(b).as(uri).isInstanceOf(ViciConnectionException.class).isNotInstanceOf(ConnectionLostException.class);
            assertThat(b.getMessage()).as(uri).isEqualTo(n.getMessage());
        }
    }

    @Test
    void closedClientAndRequestsFromInsideACallbackAreRefused() {
        server.command("list-sas", r -> {
            r.event("list-sa", sa("a", 1));
            r.event("list-sa", sa("b", 2));
            return ViciSection.empty();
        });
        BlockingViciClient c = blocking();
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> c.await(c.streamed("list-sas", ViciSection.empty(), "list-sa", e -> {
            seen.add(e.keys().iterator().next());
            c.await(c.version());
        }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("one exchange at a time");
        assertThat(seen).as("no event after the callback failed").containsExactly("a");
        assertThat(c.await(c.version()).version()).as("the exchange was finished").isEqualTo("5.9.8");
        c.close();
        assertThatThrownBy(() -> c.await(c.version())).isInstanceOf(ViciConnectionException.class)
                .hasMessageContaining("is closed; create a new one");
    }

    /** The bytes on the wire, against a raw socket that answers one byte at a time. */
    @Test
    void goldenBytesAndAnswersInPieces() throws Exception {
        Path socket = dir.resolve("raw.vici");
        byte[] response = HexFormat.of().parseHex("00000011" + "01" + "03" + "06" + hex("daemon") + "0006"
                + hex("charon"));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> {
                try (SocketChannel ch = ss.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(13);
                    while (in.hasRemaining() && ch.read(in) >= 0) {
                        // read the whole request
                    }
                    got.write(in.array());
                    for (byte b : response) {
                        ch.write(ByteBuffer.wrap(new byte[] {b}));
                        Thread.sleep(2);
                    }
                    ch.read(ByteBuffer.allocate(1)); // until the client closes
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            try (BlockingViciClient c = BlockingViciClient.connect("unix://" + socket)) {
                ViciSection r = c.await(c.request("version", ViciSection.empty()));
                assertThat(r.string("daemon")).hasValue("charon");
            }
            t.join(5_000);
        }
        assertThat(HexFormat.of().formatHex(got.toByteArray())).isEqualTo("00000009" + "00" + "07" + hex("version"));
    }

    static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
