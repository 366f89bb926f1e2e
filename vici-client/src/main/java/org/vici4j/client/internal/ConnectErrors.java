package org.vici4j.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Locale;

import org.vici4j.client.ViciConnectionException;

import io.netty.channel.ConnectTimeoutException;

/** Turns a failed connect into a {@link ViciConnectionException} that names the socket and the fix. */
final class ConnectErrors {

    private ConnectErrors() {
    }

    static ViciConnectionException translate(ViciUri uri, Throwable t) {
        String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof ConnectTimeoutException || msg.contains("timed out")) {
            return new ViciConnectionException("timed out connecting to charon at " + uri
                    + "; check that charon is running and not overloaded, or raise connectTimeout", t);
        }
        if (uri.isUnix()) {
            Path path = uri.socketPath();
            if (msg.contains("permission denied") || msg.contains("access denied")) {
                return new ViciConnectionException("permission denied on charon's VICI socket " + path
                        + " (" + describe(path) + "); run as root or as a member of the socket's group", t);
            }
            if (!Files.exists(path) || msg.contains("no such file")) {
                return new ViciConnectionException("charon's VICI socket " + path + " does not exist; start charon"
                        + " (for example 'systemctl start strongswan') or pass the socket it really uses"
                        + " (charon.plugins.vici.socket in strongswan.conf) as unix:///path", t);
            }
            if (msg.contains("refused")) {
                return new ViciConnectionException("nothing listens on charon's VICI socket " + path
                        + " (a stale socket of a stopped charon?); start charon or check that the vici plugin is loaded", t);
            }
            return new ViciConnectionException("cannot connect to charon's VICI socket " + path + ": " + t.getMessage()
                    + "; check that charon is running and that this process may use the socket", t);
        }
        if (msg.contains("refused")) {
            return new ViciConnectionException("connection refused by " + uri.host() + ":" + uri.port()
                    + "; check that charon's vici plugin listens there (charon.plugins.vici.socket = " + uri + ")", t);
        }
        return new ViciConnectionException("cannot connect to charon at " + uri + ": " + t.getMessage()
                + "; check the host, the port and that charon's vici plugin listens there", t);
    }

    private static String describe(Path path) {
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
            return "owner " + a.owner().getName() + ", group " + a.group().getName() + ", mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(a.permissions());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "attributes unreadable";
        }
    }
}
