package org.vici4j.controller.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code [ADDRESS:]PORT}, the form of {@code vici controller --http}: a port alone means loopback. */
public final class HttpAddress {

    private static final Pattern FORM = Pattern.compile("(?:(\\[[^\\]]*\\]|[^:\\[\\]]+):)?(\\d{1,5})");

    private HttpAddress() {
    }

    /**
     * @param text {@code PORT} (on the loopback address), {@code ADDRESS:PORT} or {@code [IPv6]:PORT}; port 0 takes a
     *     free port
     * @return the socket address to bind
     * @throws IllegalArgumentException saying what is wrong and what the form is
     */
    public static InetSocketAddress parse(String text) {
        String form = " (the form is [ADDRESS:]PORT with a port 0-65535, e.g. 9100, 127.0.0.1:9100, 0.0.0.0:9100 or"
                + " [::1]:9100)";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no HTTP address given" + form);
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an HTTP address" + form);
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " of '" + text + "' is out of range" + form);
        }
        String host = m.group(1);
        if (host == null) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (!host.contains(":")) {
                throw new IllegalArgumentException("'" + text + "': brackets are for IPv6 addresses" + form);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "': unknown host '" + host + "'" + form, e);
        }
    }
}
