package org.vici4j.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.ViciConnectionException;

class ConnectErrorsTest {

    @TempDir
    Path dir;

    @Test
    void permissionDeniedNamesTheSocketItsGroupAndTheFix() throws Exception {
        Path socket = dir.resolve("charon.vici");
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(UnixDomainSocketAddress.of(socket));
            // as root the kernel never refuses; the message the JDK/netty give a non-root user is used instead
            ViciConnectionException e = ConnectErrors.translate(ViciUri.parse("unix://" + socket),
                    new java.net.SocketException("connect(..) failed: Permission denied"));
            assertThat(e.getMessage()).contains(socket.toString()).contains("permission denied")
                    .contains("group ").contains("run as root or as a member of the socket's group");
        }
    }

    @Test
    void timeoutSuggestsTheSetting() {
        ViciConnectionException e = ConnectErrors.translate(ViciUri.parse("tcp://10.0.0.1:4502"),
                new io.netty.channel.ConnectTimeoutException("connection timed out"));
        assertThat(e.getMessage()).contains("tcp://10.0.0.1:4502").contains("connectTimeout");
    }
}
