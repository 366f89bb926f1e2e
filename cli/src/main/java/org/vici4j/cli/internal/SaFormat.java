package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

/**
 * swanctl's layout for IKE_SAs and CHILD_SAs ({@code list-sas}), line for line (strongSwan 5.9 and 6.x: what 6.x adds,
 * such as further key exchanges and per-CPU SAs, is printed when charon sends it), and one-line summaries for
 * {@code monitor}.
 */
public final class SaFormat {

    private SaFormat() {
    }

    /** Prints every IKE_SA of a {@code list-sa} event ({@code {name: ike-sa}}). */
    public static void printListSa(PrintWriter out, ViciSection event) {
        for (Map.Entry<String, ViciItem> e : event.entries()) {
            if (e.getValue() instanceof ViciSection ike) {
                printIke(out, e.getKey(), ike);
            }
        }
    }

    /** Prints one IKE_SA and its CHILD_SAs like {@code swanctl --list-sas}. */
    public static void printIke(PrintWriter out, String name, ViciSection ike) {
        ViciSection children = ike.section("child-sas").orElse(null);
        if (children == null) {
            return; // swanctl prints an IKE_SA when it reaches its child-sas section
        }
        List<Fields> childFields = new ArrayList<>();
        for (Map.Entry<String, ViciItem> c : children.entries()) {
            if (c.getValue() instanceof ViciSection child) {
                childFields.add(Fields.of(child));
            }
        }
        printIke(out, name, Fields.of(ike), childFields);
    }

    /**
     * Prints one IKE_SA that has a {@code child-sas} section, given as the {@link Fields} of the IKE_SA and of each
     * CHILD_SA in that section.
     */
    static void printIke(PrintWriter out, String name, Fields f, List<Fields> children) {
        boolean initiator = f.yes("initiator");
        out.println(name + ": #" + f.str("uniqueid") + ", " + f.str("state") + ", IKEv" + f.str("version") + ", "
                + f.str("initiator-spi") + "_i" + (initiator ? "*" : "") + " " + f.str("responder-spi") + "_r"
                + (initiator ? "" : "*"));
        StringBuilder local = new StringBuilder("  local  '").append(f.str("local-id")).append("' @ ")
                .append(f.str("local-host")).append('[').append(f.str("local-port")).append(']');
        if (f.has("local-vips")) {
            local.append(" [").append(f.get("local-vips")).append(']');
        }
        out.println(local);
        StringBuilder remote = new StringBuilder("  remote '").append(f.str("remote-id")).append("' @ ")
                .append(f.str("remote-host")).append('[').append(f.str("remote-port")).append(']');
        if (f.has("remote-eap-id")) {
            remote.append(" EAP: '").append(f.get("remote-eap-id")).append('\'');
        }
        if (f.has("remote-xauth-id")) {
            remote.append(" XAuth: '").append(f.get("remote-xauth-id")).append('\'');
        }
        if (f.has("remote-vips")) {
            remote.append(" [").append(f.get("remote-vips")).append(']');
        }
        out.println(remote);
        if (f.has("encr-alg")) {
            StringBuilder alg = new StringBuilder("  ").append(f.get("encr-alg"));
            optional(alg, "-", f, "encr-keysize");
            optional(alg, "/", f, "integ-alg");
            optional(alg, "-", f, "integ-keysize");
            alg.append('/').append(f.str("prf-alg")).append('/').append(f.str("dh-group"));
            keyExchanges(alg, f);
            if (f.yes("ppk")) {
                alg.append("/PPK");
            }
            out.println(alg);
        }
        if (f.has("established")) {
            StringBuilder times = new StringBuilder("  established ").append(f.get("established")).append("s ago");
            timed(times, ", rekeying in ", f, "rekey-time");
            timed(times, ", reauth in ", f, "reauth-time");
            timed(times, ", expires in ", f, "life-time");
            out.println(times);
        }
        if (f.has("tasks-queued")) {
            out.println("  queued:  " + f.get("tasks-queued"));
        }
        if (f.has("tasks-active")) {
            out.println("  active:  " + f.get("tasks-active"));
        }
        if (f.has("tasks-passive")) {
            out.println("  passive: " + f.get("tasks-passive"));
        }
        for (Fields child : children) {
            printChild(out, child);
        }
    }

    /** Prints one CHILD_SA like {@code swanctl --list-sas}, indented under its IKE_SA. */
    public static void printChild(PrintWriter out, ViciSection child) {
        printChild(out, Fields.of(child));
    }

    private static void printChild(PrintWriter out, Fields f) {
        StringBuilder head = new StringBuilder("  ").append(f.str("name")).append(": #").append(f.str("uniqueid"))
                .append(", reqid ").append(f.str("reqid"));
        if (f.has("per-cpu-sas")) {
            head.append(", cpu ").append(f.or("cpu", "-"));
        }
        head.append(", ").append(f.str("state")).append(", ").append(f.str("mode"))
                .append(f.has("encap") ? "-in-UDP" : "").append(", ").append(f.str("protocol")).append(':');
        if (f.has("encr-alg")) {
            head.append(f.get("encr-alg"));
            optional(head, "-", f, "encr-keysize");
        }
        if (f.has("integ-alg")) {
            head.append(f.has("encr-alg") ? "/" : "").append(f.get("integ-alg"));
            optional(head, "-", f, "integ-keysize");
        }
        optional(head, "/", f, "prf-alg");
        optional(head, "/", f, "dh-group");
        keyExchanges(head, f);
        if (f.has("esn")) {
            head.append("/ESN");
        }
        out.println(head);
        StringBuilder times = new StringBuilder("    installed ").append(f.str("install-time")).append("s ago");
        timed(times, ", rekeying in ", f, "rekey-time");
        timed(times, ", expires in ", f, "life-time");
        out.println(times);
        out.println(traffic(f, "in"));
        out.println(traffic(f, "out"));
        label(out, "    label  ", f.get("label"));
        out.println("    local  " + f.str("local-ts"));
        out.println("    remote " + f.str("remote-ts"));
    }

    /** swanctl's {@code in}/{@code out} line: SPI[/CPI] [(mark|if-id)], bytes, packets[, last use]. */
    private static String traffic(Fields f, String dir) {
        StringBuilder line = new StringBuilder("    ").append(dir.equals("in") ? "in  " : "out ")
                .append(f.str("spi-" + dir));
        if (f.has("cpi-" + dir)) {
            line.append('/').append(f.get("cpi-" + dir));
        }
        if (f.has("mark-" + dir) || f.has("if-id-" + dir)) {
            line.append(" (");
            if (f.has("mark-" + dir)) {
                line.append("0x").append(f.get("mark-" + dir));
                if (f.has("mark-mask-" + dir)) {
                    line.append("/0x").append(f.get("mark-mask-" + dir));
                }
            } else {
                line.append('-');
            }
            if (f.has("if-id-" + dir)) {
                line.append("|0x").append(f.get("if-id-" + dir));
            }
            line.append(')');
        }
        line.append(", ").append(Text.right(f.str("bytes-" + dir), 6)).append(" bytes, ")
                .append(Text.right(f.str("packets-" + dir), 5)).append(" packets");
        if (f.has("use-" + dir)) {
            line.append(", ").append(Text.right(f.get("use-" + dir), 5)).append("s ago");
        }
        return line.toString();
    }

    /** strongSwan 6's further key exchanges ({@code ake1} ... {@code ake7}) as {@code /KE1_...}. */
    private static void keyExchanges(StringBuilder sb, Fields f) {
        for (int i = 1; i <= 7; i++) {
            if (f.has("ake" + i)) {
                sb.append("/KE").append(i).append('_').append(f.get("ake" + i));
            }
        }
    }

    private static void optional(StringBuilder sb, String sep, Fields f, String key) {
        if (f.has(key)) {
            sb.append(sep).append(f.get(key));
        }
    }

    private static void timed(StringBuilder sb, String words, Fields f, String key) {
        if (f.has(key)) {
            sb.append(words).append(f.get(key)).append('s');
        }
    }

    /** Prints a security label (hex of its encoding) as text, as swanctl does, if there is one. */
    static void label(PrintWriter out, String prefix, String hex) {
        if (hex == null) {
            return;
        }
        try {
            byte[] b = HexFormat.of().parseHex(hex);
            int n = b.length;
            while (n > 0 && b[n - 1] == 0) {
                n--;
            }
            out.println(prefix + new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not hex: swanctl prints nothing either
        }
    }

    /** @return a one-line summary of an {@code ike-updown}/{@code ike-rekey}/... event's IKE_SA */
    public static String ikeSummary(String name, ViciSection ike) {
        return name + " #" + ike.stringOr("uniqueid", "?") + " " + ike.stringOr("state", "?") + " "
                + ike.stringOr("local-host", "") + "[" + ike.stringOr("local-id", "") + "]..."
                + ike.stringOr("remote-host", "") + "[" + ike.stringOr("remote-id", "") + "]";
    }

    /** @return a one-line summary of a CHILD_SA */
    public static String childSummary(String name, ViciSection child) {
        return name + "{" + child.stringOr("uniqueid", "?") + "} " + child.stringOr("state", "?") + " "
                + String.join(",", child.list("local-ts")) + " === " + String.join(",", child.list("remote-ts"));
    }
}
