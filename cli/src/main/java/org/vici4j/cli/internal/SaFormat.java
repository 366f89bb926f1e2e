package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

/** swanctl's layout for IKE_SAs and CHILD_SAs ({@code list-sas}), and one-line summaries for {@code monitor}. */
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
        StringBuilder head = new StringBuilder(name).append(": #").append(ike.stringOr("uniqueid", "?"))
                .append(", ").append(ike.stringOr("state", "?"))
                .append(", IKEv").append(ike.stringOr("version", "?"));
        boolean initiator = ike.bool("initiator");
        ike.string("initiator-spi").ifPresent(spi -> head.append(", ").append(spi).append("_i").append(initiator ? "*" : ""));
        ike.string("responder-spi").ifPresent(spi -> head.append(' ').append(spi).append("_r").append(initiator ? "" : "*"));
        out.println(head);
        out.println("  local  '" + ike.stringOr("local-id", "") + "' @ " + ike.stringOr("local-host", "")
                + "[" + ike.stringOr("local-port", "") + "]" + (ike.bool("nat-local") ? " (NAT)" : "")
                + vips(ike.list("local-vips")));
        out.println("  remote '" + ike.stringOr("remote-id", "") + "' @ " + ike.stringOr("remote-host", "")
                + "[" + ike.stringOr("remote-port", "") + "]" + (ike.bool("nat-remote") ? " (NAT)" : "")
                + vips(ike.list("remote-vips")));
        if (ike.string("encr-alg").isPresent()) {
            StringBuilder alg = new StringBuilder("  ").append(ike.stringOr("encr-alg", ""));
            ike.string("encr-keysize").ifPresent(k -> alg.append('-').append(k));
            ike.string("integ-alg").ifPresent(a -> alg.append('/').append(a));
            ike.string("integ-keysize").ifPresent(k -> alg.append('-').append(k));
            ike.string("prf-alg").ifPresent(a -> alg.append('/').append(a));
            ike.string("dh-group").ifPresent(a -> alg.append('/').append(a));
            out.println(alg);
        }
        List<String> times = new ArrayList<>();
        ike.string("established").ifPresent(s -> times.add("established " + s + "s ago"));
        ike.string("rekey-time").ifPresent(s -> times.add("rekeying in " + s + "s"));
        ike.string("reauth-time").ifPresent(s -> times.add("reauth in " + s + "s"));
        if (!times.isEmpty()) {
            out.println("  " + String.join(", ", times));
        }
        List<String> queued = ike.list("tasks-queued");
        List<String> active = ike.list("tasks-active");
        List<String> passive = ike.list("tasks-passive");
        if (!queued.isEmpty()) {
            out.println("  queued:  " + String.join(" ", queued));
        }
        if (!active.isEmpty()) {
            out.println("  active:  " + String.join(" ", active));
        }
        if (!passive.isEmpty()) {
            out.println("  passive: " + String.join(" ", passive));
        }
        ike.section("child-sas").ifPresent(children -> {
            for (Map.Entry<String, ViciItem> c : children.entries()) {
                if (c.getValue() instanceof ViciSection child) {
                    printChild(out, child.stringOr("name", c.getKey()), child);
                }
            }
        });
    }

    private static String vips(List<String> vips) {
        return vips.isEmpty() ? "" : " vips " + String.join(" ", vips);
    }

    /** Prints one CHILD_SA like {@code swanctl --list-sas}, indented under its IKE_SA. */
    public static void printChild(PrintWriter out, String name, ViciSection child) {
        StringBuilder head = new StringBuilder("  ").append(name).append(": #").append(child.stringOr("uniqueid", "?"))
                .append(", reqid ").append(child.stringOr("reqid", "?"))
                .append(", ").append(child.stringOr("state", "?"))
                .append(", ").append(child.stringOr("mode", "?")).append(child.bool("encap") ? "-in-UDP" : "");
        if (child.string("protocol").isPresent()) {
            head.append(", ").append(child.stringOr("protocol", "")).append(':');
            StringBuilder alg = new StringBuilder();
            child.string("encr-alg").ifPresent(alg::append);
            child.string("encr-keysize").ifPresent(k -> alg.append('-').append(k));
            child.string("integ-alg").ifPresent(a -> alg.append(alg.length() > 0 ? "/" : "").append(a));
            child.string("integ-keysize").ifPresent(k -> alg.append('-').append(k));
            child.string("dh-group").ifPresent(a -> alg.append('/').append(a));
            head.append(alg);
        }
        out.println(head);
        List<String> times = new ArrayList<>();
        child.string("install-time").ifPresent(s -> times.add("installed " + s + "s ago"));
        child.string("rekey-time").ifPresent(s -> times.add("rekeying in " + s + "s"));
        child.string("life-time").ifPresent(s -> times.add("expires in " + s + "s"));
        if (!times.isEmpty()) {
            out.println("    " + String.join(", ", times));
        }
        if (child.string("spi-in").isPresent() || child.string("spi-out").isPresent()) {
            out.println(traffic("in ", child.stringOr("spi-in", ""), child.stringOr("bytes-in", "0"),
                    child.stringOr("packets-in", "0"), child.string("use-in").orElse(null)));
            out.println(traffic("out", child.stringOr("spi-out", ""), child.stringOr("bytes-out", "0"),
                    child.stringOr("packets-out", "0"), child.string("use-out").orElse(null)));
        }
        out.println("    local  " + String.join(" ", child.list("local-ts")));
        out.println("    remote " + String.join(" ", child.list("remote-ts")));
    }

    private static String traffic(String dir, String spi, String bytes, String packets, String use) {
        return "    " + dir + " " + spi + ", " + Text.right(bytes, 6) + " bytes, " + Text.right(packets, 5)
                + " packets" + (use == null ? "" : ", " + use + "s ago");
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
