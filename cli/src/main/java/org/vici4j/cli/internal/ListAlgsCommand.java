package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;

/** {@code vici list-algs}. */
@Command(name = "list-algs", description = "List the algorithms charon supports and their plugins (VICI 'get-algorithms').")
public final class ListAlgsCommand extends BaseCommand {

    @Override
    protected int execute() {
        ViciSection algs = request("get-algorithms", ViciSection.empty());
        printMessage(algs, a -> {
            for (Map.Entry<String, ViciItem> e : a.entries()) {
                out().println(e.getKey() + ":");
                if (e.getValue() instanceof ViciSection group) {
                    List<String> words = new ArrayList<>();
                    for (Map.Entry<String, ViciItem> alg : group.entries()) {
                        words.add(alg.getKey() + "[" + alg.getValue() + "]");
                    }
                    Text.wrap(out(), words, 2);
                }
            }
        });
        return 0;
    }
}
