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
        return list("list-policies", m.build(), "list-policy");
    }

    @Override
    protected void table(PrintWriter out, ViciSection event) {
        for (Map.Entry<String, ViciItem> e : event.entries()) {
            if (e.getValue() instanceof ViciSection p) {
                out.println(e.getKey() + ", " + p.stringOr("mode", "?"));
                out.println("  local:  " + String.join(" ", p.list("local-ts")));
                out.println("  remote: " + String.join(" ", p.list("remote-ts")));
            }
        }
    }
}
