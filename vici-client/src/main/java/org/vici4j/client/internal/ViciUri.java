package org.vici4j.client.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A parsed VICI URI, as accepted by {@code swanctl --uri}: {@code unix:///path} or {@code tcp://host:port}.
 *
 * @param text the URI as given
 * @param socketPath the socket path of a unix URI, else null
 * @param host the host of a tcp URI, else null
 * @param port the port of a tcp URI, else -1
 */
public record ViciUri(String text, Path socketPath, String host, int port) {

    /** @return whether this is a unix domain socket URI */
    public boolean isUnix() {
        return socketPath != null;
    }

    /** @return the JDK address to connect to (unresolved host for tcp) */
    public SocketAddress address() {
        return isUnix() ? UnixDomainSocketAddress.of(socketPath) : InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Parses {@code uri}.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static ViciUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        String hint = "; expected unix:///path/to/charon.vici or tcp://host:port (as for swanctl --uri)";
        if (uri.startsWith("unix://")) {
            String path = uri.substring("unix://".length());
            if (path.isEmpty() || !path.startsWith("/")) {
                throw new IllegalArgumentException("VICI URI '" + uri + "' has no absolute socket path" + hint);
            }
            return new ViciUri(uri, Path.of(path), null, -1);
        }
        if (uri.startsWith("tcp://")) {
            String rest = uri.substring("tcp://".length());
            if (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                throw new IllegalArgumentException("VICI URI '" + uri + "' needs a host and a port" + hint);
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("VICI URI '" + uri + "' has a port that is not a number" + hint);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("VICI URI '" + uri + "' has port " + port + " outside 1..65535" + hint);
            }
            return new ViciUri(uri, null, host, port);
        }
        throw new IllegalArgumentException("unsupported VICI URI '" + uri + "'" + hint);
    }

    @Override
    public String toString() {
        return text;
    }
}
