package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-pols}. */
@Command(name = "list-pols", description = "List trap, drop and bypass policies (VICI 'list-policies', streamed 'list-policy').")
public final class ListPolsCommand extends ListCommand {

    @Option(names = {"-c", "--child"}, paramLabel = "NAME", description = "Only policies of this CHILD_SA configuration.")
    String child;
    @Option(names = {"-t", "--trap"}, description = "List trap policies (default: all three kinds).")
    boolean trap;
    @Option(names = {"-d", "--drop"}, description = "List drop policies.")
    boolean drop;
    @Option(names = {"-p", "--pass"}, description = "List bypass policies.")
    boolean pass;

    /** Whether the table shows reqids (charon 6 or later, like its swanctl). */
    private boolean reqids;

    @Override
    protected int execute() {
        boolean all = !trap && !drop && !pass;
        ViciSection.Builder m = ViciSection.builder();
        if (child != null) {
            m.add("child", child);
        }
        if (all || trap) {
            m.add("trap", true);
        }
        if (all || drop) {
            m.add("drop", true);
        }
        if (all || pass) {
            m.add("pass", true);
        }
        if (format() == Format.TABLE) {
            // swanctl 6 prints each policy's reqid, 5.9's does not: follow the swanctl of charon's version
            reqids = !request("version", ViciSection.empty()).stringOr("version", "").matches("[0-5]\\..*");
        }
        return list("list-policies", m.build(), "list-policy");
    }

    @Override
    protected void table(PrintWriter out, ViciSection event) {
        for (Map.Entry<String, ViciItem> e : event.entries()) {
            if (e.getValue() instanceof ViciSection p) {
                // swanctl's layout; swanctl 6 prints the reqid, "(null)" when charon sends none (pass, drop)
                Fields f = Fields.of(p);
                out.println(e.getKey() + (reqids ? ", reqid " + f.str("reqid") : "") + ", " + f.str("mode"));
                SaFormat.label(out, "  label:  ", f.get("label"));
                out.println("  local:  " + f.str("local-ts"));
                out.println("  remote: " + f.str("remote-ts"));
            }
        }
    }
}
