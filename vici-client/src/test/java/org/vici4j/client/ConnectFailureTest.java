package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.internal.DefaultViciClient;
import org.vici4j.client.message.ViciSection;

class ConnectFailureTest {

    @TempDir
    Path dir;

    @Test
    void missingSocketNamesThePathAndTheFix() {
        Path socket = dir.resolve("charon.vici");
        try (ViciClient c = ViciClient.connect("unix://" + socket)) {
            assertThatThrownBy(() -> c.await(c.request("version", ViciSection.empty())))
                    .isInstanceOf(ViciConnectionException.class)
                    .isNotInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining(socket.toString())
                    .hasMessageContaining("does not exist")
                    .hasMessageContaining("start charon");
        }
    }

    @Test
    void staleSocketWithoutListenerIsReportedAsSuch() throws Exception {
        Path socket = dir.resolve("stale.vici");
        // a socket file left behind by a process that stopped listening
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(Files.exists(socket)).isTrue();
        for (ViciClient c : new ViciClient[] {ViciClient.connect("unix://" + socket),
                DefaultViciClient.createWithNio(ViciClientOptions.of("unix://" + socket))}) {
            try (c) {
                assertThatThrownBy(() -> c.await(c.request("version", ViciSection.empty())))
                        .isInstanceOf(ViciConnectionException.class)
                        .hasMessageContaining(socket.toString())
                        .hasMessageContaining("nothing listens");
            }
        }
    }

    @Test
    void refusedTcpPortSaysWhereCharonShouldListen() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ViciClient c = ViciClient.connect("tcp://127.0.0.1:" + port)) {
            assertThatThrownBy(() -> c.await(c.request("version", ViciSection.empty())))
                    .isInstanceOf(ViciConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("charon.plugins.vici.socket");
        }
    }

    @Test
    void clientCreationDoesNotConnect() {
        try (ViciClient c = ViciClient.connect("unix://" + dir.resolve("later.vici"))) {
            assertThat(c.options().uri()).endsWith("later.vici");
        }
    }
}
