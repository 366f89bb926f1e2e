package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-conns}. */
@Command(name = "list-conns", description = "List the loaded connections (VICI 'list-conns', streamed 'list-conn').")
public final class ListConnsCommand extends ListCommand {

    @Option(names = "--ike", paramLabel = "NAME", description = "Only this connection.")
    String ike;

    @Override
    protected int execute() {
        ViciSection.Builder m = ViciSection.builder();
        if (ike != null) {
            m.add("ike", ike);
        }
        return list("list-conns", m.build(), "list-conn");
    }

    @Override
    protected void table(PrintWriter out, ViciSection event) {
        for (Map.Entry<String, ViciItem> e : event.entries()) {
            if (e.getValue() instanceof ViciSection conn) {
                printConn(out, e.getKey(), conn);
            }
        }
    }

    static void printConn(PrintWriter out, String name, ViciSection c) {
        List<String> head = new ArrayList<>();
        head.add(c.stringOr("version", "IKE"));
        c.string("reauth_time").filter(t -> !"0".equals(t)).ifPresent(t -> head.add("reauthentication every " + t + "s"));
        c.string("rekey_time").ifPresent(t -> head.add("0".equals(t) ? "no rekeying" : "rekeying every " + t + "s"));
        c.string("dpd_delay").filter(t -> !"0".equals(t)).ifPresent(t -> head.add("dpd delay " + t + "s"));
        out.println(name + ": " + String.join(", ", head));
        out.println("  local:  " + addrs(c.list("local_addrs")));
        out.println("  remote: " + addrs(c.list("remote_addrs")));
        for (Map.Entry<String, ViciItem> e : c.entries()) {
            String key = e.getKey();
            if (e.getValue() instanceof ViciSection auth && (key.startsWith("local") || key.startsWith("remote"))) {
                String side = key.startsWith("local") ? "local" : "remote";
                out.println("  " + side + " " + auth.stringOr("class", "any") + " authentication:");
                for (Map.Entry<String, ViciItem> a : auth.entries()) {
                    if (a.getKey().equals("class")) {
                        continue;
                    }
                    String v = a.getValue() instanceof org.vici4j.client.message.ViciList l
                            ? String.join(", ", l.strings()) : String.valueOf(a.getValue());
                    if (!v.isEmpty()) {
                        out.println("    " + a.getKey() + ": " + v);
                    }
                }
            }
        }
        c.section("children").ifPresent(children -> {
            for (Map.Entry<String, ViciItem> ch : children.entries()) {
                if (ch.getValue() instanceof ViciSection child) {
                    List<String> h = new ArrayList<>();
                    h.add(child.stringOr("mode", "?"));
                    child.string("rekey_time").ifPresent(t -> h.add("0".equals(t) ? "no rekeying" : "rekeying every " + t + "s"));
                    child.string("start_action").filter(a -> !"none".equals(a)).ifPresent(a -> h.add("start " + a));
                    child.string("dpd_action").filter(a -> !"clear".equals(a) && !"none".equals(a)).ifPresent(a -> h.add("dpd " + a));
                    out.println("  " + ch.getKey() + ": " + String.join(", ", h));
                    out.println("    local:  " + String.join(" ", child.list("local-ts")));
                    out.println("    remote: " + String.join(" ", child.list("remote-ts")));
                }
            }
        });
    }

    private static String addrs(List<String> addrs) {
        return addrs.isEmpty() ? "%any" : String.join(", ", addrs);
    }
}
