package org.vici4j.controller.testing;

/**
 * The YAML of the tests' desired states, written as a user would: connections from 192.0.2.1 (IKE identity a) to a
 * peer (identity b) authenticated with a PSK, and children between 198.18.0.0/22 and 198.18.4.0/22. Each method
 * returns whole lines, indented for their place: a connection under {@code connections:}, a child under its
 * connection's {@code children:}.
 */
public final class ConfigYaml {

    /** The local address of every connection. */
    public static final String LOCAL_ADDRS = "192.0.2.1";
    /** The peer of the tests' connection "net". */
    public static final String PEER = "192.0.2.2";

    private ConfigYaml() {
    }

    /**
     * @param name the connection's name
     * @param remoteAddrs its {@code remote_addrs}
     * @param children the YAML of its children, from {@link #child} or {@link #childBetween}
     * @return the connection, its ends in flow style: {@code local: {auth: psk, id: a}}
     */
    public static String connection(String name, String remoteAddrs, String... children) {
        return head(name, remoteAddrs) + "    local: {auth: psk, id: a}\n    remote: {auth: psk, id: b}\n"
                + "    children:\n" + String.join("", children);
    }

    /** Like {@link #connection}, its ends in block style ({@code local:}, then {@code auth: psk} and {@code id: a}). */
    public static String blockConnection(String name, String remoteAddrs, String... children) {
        return head(name, remoteAddrs) + blockEnd("local", "a") + blockEnd("remote", "b") + "    children:\n"
                + String.join("", children);
    }

    /** A child between 198.18.0.0/22 and 198.18.4.0/22, then {@code options} ({@code "key: value"}, one a line). */
    public static String child(String name, String... options) {
        return childBetween(name, "198.18.0.0/22", "198.18.4.0/22", options);
    }

    /** A child between these traffic selectors, then {@code options} ({@code "key: value"}, one a line). */
    public static String childBetween(String name, String localTs, String remoteTs, String... options) {
        StringBuilder y = new StringBuilder("      ").append(name).append(":\n");
        y.append("        local_ts: ").append(localTs).append('\n');
        y.append("        remote_ts: ").append(remoteTs).append('\n');
        for (String option : options) {
            y.append("        ").append(option).append('\n');
        }
        return y.toString();
    }

    private static String head(String name, String remoteAddrs) {
        return "  " + name + ":\n    local_addrs: " + LOCAL_ADDRS + "\n    remote_addrs: " + remoteAddrs + "\n";
    }

    private static String blockEnd(String end, String id) {
        return "    " + end + ":\n      auth: psk\n      id: " + id + "\n";
    }
}
