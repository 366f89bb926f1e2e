package org.vici4j.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.vici4j.cli.SignalSource;
import org.vici4j.cli.Vici;
import org.vici4j.cli.ViciCli;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * The training run of {@code bin/vici}'s start-up archive (AppCDS on Java 17-24, the AOT cache on 25+):
 * runs the everyday one-shot commands ({@code version}, {@code list-sas} as table, JSON and YAML,
 * {@code list-conns}, {@code stats}) on their success path, against a small VICI responder on a
 * temporary unix socket in this JVM, so that the archive holds the classes a real run loads (not only
 * those of a failed connect). Output is discarded. Run as
 * {@code java -cp vici.jar org.vici4j.cli.internal.Training}; exits 0 whatever happens.
 */
public final class Training {

    private Training() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        // as Vici.main runs a command without --debug: its class and slf4j's no-operation loggers in the archive too,
        // so that a listing never opens the jar (reading its directory of 4,000 entries is 5-10 ms at start-up)
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        Class.forName(Vici.class.getName());
        Path dir = Files.createTempDirectory("vici-training");
        Path socket = dir.resolve("charon.vici");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread responder = new Thread(new Responder(server), "vici-training");
            responder.setDaemon(true);
            responder.start();
            PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
            String uri = "unix://" + socket;
            String[][] runs = {{"version"}, {"version", "-o", "json"}, {"list-sas"}, {"list-sas", "-o", "json"},
                {"list-sas", "-o", "yaml"}, {"list-sas", "-i", "net-1", "-o", "json"}, {"list-conns"}, {"stats"}, {"--version"}};
            for (String[] run : runs) {
                try {
                    if (QuickListSas.run(run, Map.of("VICI_URI", uri), OutputStream.nullOutputStream(),
                            OutputStream.nullOutputStream()) != null) {
                        continue; // the quick path's classes, as bin/vici runs them
                    }
                    ViciCli.builder().env(Map.of("VICI_URI", uri)).out(nowhere).err(nowhere)
                            .signals(SignalSource.none()).buildFor(run).execute(run);
                } catch (RuntimeException e) {
                    // training only
                }
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }

    private static ViciSection listSa(int i) {
        return ViciSection.builder().beginSection("net-" + i)
                .add("uniqueid", i).add("version", 2).add("state", "ESTABLISHED")
                .add("local-host", "192.0.2.1").add("local-port", 4500).add("local-id", "a")
                .add("remote-host", "192.0.2.2").add("remote-port", 4500).add("remote-id", "b")
                .add("initiator", "yes").add("initiator-spi", "3d7aab930fa962db").add("responder-spi", "5b180765e3907b1d")
                .add("encr-alg", "AES_CBC").add("encr-keysize", 128).add("integ-alg", "HMAC_SHA2_256_128")
                .add("prf-alg", "PRF_HMAC_SHA2_256").add("dh-group", "CURVE_25519")
                .add("established", 268).add("rekey-time", 12976).addList("tasks-active", "CHILD_CREATE")
                .beginSection("child-sas").beginSection("net-" + i)
                .add("name", "net").add("uniqueid", i).add("reqid", i).add("state", "INSTALLED").add("mode", "TUNNEL")
                .add("protocol", "ESP").add("encap", "yes").add("spi-in", "ac6306f0").add("spi-out", "1422e9f0")
                .add("encr-alg", "AES_GCM_16").add("encr-keysize", 128).add("bytes-in", 0).add("packets-in", 0)
                .add("bytes-out", 0).add("packets-out", 0).add("rekey-time", 3201).add("life-time", 3692)
                .add("install-time", 268).addList("local-ts", "198.18.0.0/22").addList("remote-ts", "198.18.4.0/22")
                .endSection().endSection().endSection().build();
    }

    /** Answers like charon, one connection at a time. */
    private static final class Responder implements Runnable {
        private final ServerSocketChannel server;

        Responder(ServerSocketChannel server) {
            this.server = server;
        }

        @Override
        public void run() {
            while (true) {
                try (SocketChannel ch = server.accept()) {
                    serve(ch);
                } catch (IOException | RuntimeException e) {
                    if (!server.isOpen()) {
                        return;
                    }
                }
            }
        }

        private static void serve(SocketChannel ch) throws IOException {
            ByteBuffer length = ByteBuffer.allocate(4);
            while (true) {
                length.clear();
                if (!readFully(ch, length)) {
                    return;
                }
                ByteBuffer body = ByteBuffer.allocate(length.getInt(0));
                if (!readFully(ch, body)) {
                    return;
                }
                ViciPacket p = ViciDecoder.decode(body.array());
                switch (p.type()) {
                    case EVENT_REGISTER, EVENT_UNREGISTER -> send(ch, ViciPacket.of(PacketType.EVENT_CONFIRM));
                    case CMD_REQUEST -> answer(ch, p.name());
                    default -> {
                        return;
                    }
                }
            }
        }

        private static void answer(SocketChannel ch, String command) throws IOException {
            switch (command) {
                case "list-sas" -> {
                    for (int i = 1; i <= 3; i++) {
                        send(ch, ViciPacket.event("list-sa", listSa(i)));
                    }
                    send(ch, ViciPacket.response(ViciSection.empty()));
                }
                case "list-conns" -> {
                    send(ch, ViciPacket.event("list-conn", ViciSection.builder().beginSection("net")
                            .addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.2")
                            .add("version", "IKEv2").add("reauth_time", 0).add("rekey_time", 14400)
                            .beginSection("children").beginSection("net").add("mode", "TUNNEL")
                            .addList("local-ts", "198.18.0.0/22").addList("remote-ts", "198.18.4.0/22")
                            .endSection().endSection().endSection().build()));
                    send(ch, ViciPacket.response(ViciSection.empty()));
                }
                case "version" -> send(ch, ViciPacket.response(ViciSection.builder().add("daemon", "charon")
                        .add("version", "5.9.8").add("sysname", "Linux").add("release", "6.1.0")
                        .add("machine", "x86_64").build()));
                default -> send(ch, ViciPacket.response(ViciSection.builder().add("success", "yes").build()));
            }
        }

        private static void send(SocketChannel ch, ViciPacket packet) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(ViciEncoder.encodeFrame(packet, ViciLimits.DEFAULT));
            while (out.hasRemaining()) {
                ch.write(out);
            }
        }

        private static boolean readFully(SocketChannel ch, ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
