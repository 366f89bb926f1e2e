package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.Map;

import org.vici4j.client.command.Connection;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-conns}. */
@Command(name = "list-conns", description = "List the loaded connections (VICI 'list-conns', streamed 'list-conn').")
public final class ListConnsCommand extends ItemListCommand<Connection> {

    @Option(names = "--ike", paramLabel = "NAME", description = "Only this connection.")
    String ike;

    @Override
    protected Listing<Connection> listing() {
        return (commands, onItem) -> commands.listConns(ike, onItem);
    }

    @Override
    protected ViciSection message(Connection c) {
        return named(c.name(), c.raw());
    }

    @Override
    protected void table(PrintWriter out, Connection c) {
        printConn(out, c.name(), c.raw());
    }

    /** Prints one connection like {@code swanctl --list-conns}, line for line (5.9; ports as 6.x when charon sends them). */
    static void printConn(PrintWriter out, String name, ViciSection c) {
        Fields f = Fields.of(c);
        String version = f.or("version", "");
        String reauth = f.or("reauth_time", "0");
        String rekey = f.or("rekey_time", "0");
        String dpd = f.or("dpd_delay", "0");
        StringBuilder head = new StringBuilder(name).append(": ").append(version).append(", ");
        if (version.equals("IKEv1") && reauth.equals("0")) {
            reauth = rekey;
        }
        head.append(reauth.equals("0") ? "no reauthentication" : "reauthentication every " + reauth + "s");
        if (!version.equals("IKEv1")) {
            head.append(rekey.equals("0") ? ", no rekeying" : ", rekeying every " + rekey + "s");
        }
        if (!dpd.equals("0")) {
            head.append(", dpd delay ").append(dpd).append('s');
        }
        out.println(head);
        if (f.has("ppk_id") || f.has("ppk_required")) {
            out.println("  ppk: " + (f.has("ppk_id") ? f.get("ppk_id") + ", " : "")
                    + (f.yes("ppk_required") ? "" : "not ") + "required");
        }
        for (Map.Entry<String, ViciItem> e : c.entries()) {
            String key = e.getKey();
            ViciItem item = e.getValue();
            if (item instanceof ViciList l && (key.equals("local_addrs") || key.equals("remote_addrs"))) {
                boolean local = key.equals("local_addrs");
                String port = c.get(local ? "local_port" : "remote_port").isPresent()
                        ? "[" + f.or(local ? "local_port" : "remote_port", "0") + "]" : "";
                for (ViciValue v : l.values()) {
                    if (Fields.printable(v)) {
                        out.println((local ? "  local:  " : "  remote: ") + v.asString() + port);
                    }
                }
            } else if (item instanceof ViciSection s && key.equals("children")) {
                for (Map.Entry<String, ViciItem> ch : s.entries()) {
                    if (ch.getValue() instanceof ViciSection child) {
                        printChild(out, ch.getKey(), Fields.of(child), dpd);
                    }
                }
            } else if (item instanceof ViciSection auth && (key.startsWith("local") || key.startsWith("remote"))) {
                printAuth(out, key.startsWith("local") ? "local" : "remote", Fields.of(auth));
            }
        }
    }

    private static void printAuth(PrintWriter out, String side, Fields a) {
        String cls = a.or("class", "unspecified");
        if (cls.equalsIgnoreCase("EAP")) {
            cls = a.or("eap-type", cls);
        }
        out.println("  " + side + " " + cls + " authentication:");
        String[][] lines = {{"id", "id"}, {"ca_id", "ca_id"}, {"eap_id", "eap_id"}, {"xauth_id", "xauth_id"},
            {"aaa_id", "aaa_id"}, {"groups", "groups"}, {"cert_policy", "cert policy"}, {"certs", "certs"},
            {"cacerts", "cacerts"}};
        for (String[] l : lines) {
            if (a.has(l[0])) {
                out.println("    " + l[1] + ": " + a.get(l[0]));
            }
        }
    }

    private static void printChild(PrintWriter out, String name, Fields c, String dpdDelay) {
        String mode = c.str("mode");
        StringBuilder head = new StringBuilder("  ").append(name).append(": ").append(mode).append(", ");
        String time = c.get("rekey_time");
        String bytes = c.get("rekey_bytes");
        String packets = c.get("rekey_packets");
        boolean noTime = "0".equals(time);
        boolean noBytes = "0".equals(bytes);
        boolean noPackets = "0".equals(packets);
        if (mode.equalsIgnoreCase("PASS") || mode.equalsIgnoreCase("DROP") || (noTime && noBytes && noPackets)) {
            head.append("no rekeying");
        } else {
            head.append("rekeying every");
            boolean or = false;
            if (!noTime) {
                head.append(' ').append(c.str("rekey_time")).append('s');
                or = true;
            }
            if (!noBytes) {
                head.append(or ? " or" : "").append(' ').append(c.str("rekey_bytes")).append(" bytes");
                or = true;
            }
            if (!noPackets) {
                head.append(or ? " or" : "").append(' ').append(c.str("rekey_packets")).append(" packets");
            }
        }
        if (!"0".equals(dpdDelay)) {
            head.append(", dpd action is ").append(c.str("dpd_action"));
        }
        out.println(head);
        SaFormat.label(out, "    label:  ", c.get("label"));
        out.println("    local:  " + c.str("local-ts"));
        out.println("    remote: " + c.str("remote-ts"));
        if (c.has("interface")) {
            out.println("    interface: " + c.get("interface"));
        }
        if (c.has("priority")) {
            out.println("    priority: " + c.get("priority"));
        }
    }
}
