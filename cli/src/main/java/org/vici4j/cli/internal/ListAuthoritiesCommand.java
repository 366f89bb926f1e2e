package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-authorities}. */
@Command(name = "list-authorities", description = "List the loaded certification authorities (VICI 'list-authorities', streamed 'list-authority').")
public final class ListAuthoritiesCommand extends ListCommand {

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Only this authority.")
    String name;

    @Override
    protected int execute() {
        ViciSection.Builder m = ViciSection.builder();
        if (name != null) {
            m.add("name", name);
        }
        return list("list-authorities", m.build(), "list-authority");
    }

    @Override
    protected void table(PrintWriter out, ViciSection event) {
        for (Map.Entry<String, ViciItem> e : event.entries()) {
            if (e.getValue() instanceof ViciSection a) {
                out.println(e.getKey() + ":");
                Text.tree(out, a, 2);
            }
        }
    }
}
