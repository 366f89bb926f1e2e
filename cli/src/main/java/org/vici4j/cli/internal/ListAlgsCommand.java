package org.vici4j.cli.internal;

import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import picocli.CommandLine.Command;

/** {@code vici list-algs}. */
@Command(name = "list-algs", description = "List the algorithms charon supports and their plugins (VICI 'get-algorithms').")
public final class ListAlgsCommand extends BaseCommand {

    @Override
    protected int execute() {
        ViciSection algs = await(commands().getAlgorithms()).raw();
        printMessage(algs, a -> {
            for (Map.Entry<String, ViciItem> e : a.entries()) {
                if (e.getValue() instanceof ViciSection group) {
                    // swanctl's layout: one algorithm per line
                    out().println(e.getKey() + ":");
                    for (Map.Entry<String, ViciItem> alg : group.entries()) {
                        if (alg.getValue() instanceof ViciValue v && Fields.printable(v)) {
                            out().println("  " + alg.getKey() + "[" + v.asString() + "]");
                        }
                    }
                }
            }
        });
        return 0;
    }
}
