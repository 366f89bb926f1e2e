package org.vici4j.client;

import org.vici4j.client.message.ViciSection;

/** swanctl.conf texts for the two-gateway lab (a = 192.0.2.1, b = 192.0.2.2) used by the client's ITs. */
final class LabConfigs {

    private LabConfigs() {
    }

    private static final String SECRETS = "secrets { ike-1 { id-1 = a\n  id-2 = b\n  secret = s3cr3t } }\n";

    /** The 'net' pair of the lab documentation, seen from gateway a (initiator) or b, beside 'stuck' (see below). */
    static String net(boolean sideA) {
        return "connections { " + netConnection(sideA) + stuckConnection(sideA) + "}\n" + SECRETS;
    }

    /** The 'net' pair of the lab documentation alone, seen from gateway a (initiator) or b. */
    static String netOnly(boolean sideA) {
        return "connections { " + netConnection(sideA) + "}\n" + SECRETS;
    }

    /** Gateway a's side of the 'net' pair as the section {@code load-conn} takes. */
    static ViciSection netSectionOfA() {
        return ViciSection.builder()
                .addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.2")
                .beginSection("local").add("auth", "psk").add("id", "a").endSection()
                .beginSection("remote").add("auth", "psk").add("id", "b").endSection()
                .beginSection("children").beginSection("net")
                .addList("local_ts", "198.18.0.0/22").addList("remote_ts", "198.18.4.0/22")
                .addList("esp_proposals", "aes128gcm16")
                .endSection().endSection().build();
    }

    private static String netConnection(boolean sideA) {
        return "net { local_addrs = 192.0.2." + (sideA ? 1 : 2) + "\n"
                + "  remote_addrs = 192.0.2." + (sideA ? 2 : 1) + "\n"
                + "  local { auth = psk\n    id = " + (sideA ? "a" : "b") + " }\n"
                + "  remote { auth = psk\n    id = " + (sideA ? "b" : "a") + " }\n"
                + "  children { net { local_ts = " + (sideA ? "198.18.0.0/22" : "198.18.4.0/22") + "\n"
                + "    remote_ts = " + (sideA ? "198.18.4.0/22" : "198.18.0.0/22") + "\n"
                + "    esp_proposals = aes128gcm16 } } }\n";
    }

    /** A connection to 192.0.2.99, where nobody answers: initiating it takes as long as its timeout. */
    private static String stuckConnection(boolean sideA) {
        return "  stuck { local_addrs = 192.0.2." + (sideA ? 1 : 2) + "\n"
                + "  remote_addrs = 192.0.2.99\n"
                + "  local { auth = psk\n    id = " + (sideA ? "a" : "b") + " }\n"
                + "  remote { auth = psk\n    id = nobody }\n"
                + "  children { stuck { local_ts = " + (sideA ? "198.18.0.0/22" : "198.18.4.0/22") + "\n"
                + "    remote_ts = 10.99.0.0/16 } } } ";
    }

    /**
     * {@code count} tunnels t1..tN, each its own IKE_SA (distinct identities a-i/b-i) with a /32 CHILD_SA
     * between host i of a's subnet (198.18.0.i) and host i of b's (198.18.4.i); needs hostsPerGateway(count+1).
     */
    static String many(boolean sideA, int count) {
        StringBuilder sb = new StringBuilder("connections {\n");
        for (int i = 1; i <= count; i++) {
            String mine = sideA ? "a-" + i : "b-" + i;
            String theirs = sideA ? "b-" + i : "a-" + i;
            String lts = (sideA ? "198.18.0." : "198.18.4.") + host(i);
            String rts = (sideA ? "198.18.4." : "198.18.0.") + host(i);
            sb.append(" t").append(i).append(" { local_addrs = 192.0.2.").append(sideA ? 1 : 2)
                    .append("\n  remote_addrs = 192.0.2.").append(sideA ? 2 : 1)
                    .append("\n  local { auth = psk\n    id = ").append(mine).append(" }")
                    .append("\n  remote { auth = psk\n    id = ").append(theirs).append(" }")
                    .append("\n  children { t").append(i).append(" { local_ts = ").append(lts).append("/32")
                    .append("\n    remote_ts = ").append(rts).append("/32")
                    .append("\n    esp_proposals = aes128gcm16 } } }\n");
        }
        sb.append("}\nsecrets {\n");
        for (int i = 1; i <= count; i++) {
            sb.append(" ike-").append(i).append(" { id-a = a-").append(i).append("\n  id-b = b-").append(i)
                    .append("\n  secret = s3cr3t-").append(i).append(" }\n");
        }
        return sb.append("}\n").toString();
    }

    /** Host i (1-based) lies in the .0 /24 of the gateway's /22 for i &lt;= 254. */
    private static int host(int i) {
        if (i > 254) {
            throw new IllegalArgumentException("at most 254 tunnels");
        }
        return i;
    }
}
