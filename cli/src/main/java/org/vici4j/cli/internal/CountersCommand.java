package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.UnknownCommandException;
import org.vici4j.client.command.CountersRequest;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici counters}. */
@Command(name = "counters", description = {
    "Show (or reset) IKE event counters (VICI 'get-counters' / 'reset-counters'; needs charon's counters plugin).",
    "Without --name: the global counters; --all: global and per connection."})
public final class CountersCommand extends BaseCommand {

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Counters of this connection.")
    String name;
    @Option(names = {"-a", "--all"}, description = "Global counters and those of every connection.")
    boolean all;
    @Option(names = {"-R", "--reset"}, description = "Reset the selected counters instead of showing them.")
    boolean reset;

    @Override
    protected int execute() {
        CountersRequest request = new CountersRequest(name, all);
        if (reset) {
            ViciSection r = await(commands().resetCounters(request)).raw();
            printMessage(r, x -> out().println("reset-counters completed successfully"));
            return 0;
        }
        ViciSection r;
        try {
            r = await(commands().getCounters(request)).raw();
        } catch (UnknownCommandException e) {
            throw new CliException(ExitCode.FAILED, "charon does not know the VICI command"
                    + " 'get-counters': load charon's counters plugin (strongSwan 5.6.1 or newer)", e);
        }
        printMessage(r, x -> {
            ViciSection counters = x.section("counters").orElse(ViciSection.empty());
            for (Map.Entry<String, ViciItem> e : counters.entries()) {
                if (e.getValue() instanceof ViciSection c) {
                    out().println(e.getKey().isEmpty() ? "global:" : e.getKey() + ":");
                    List<List<String>> rows = new ArrayList<>();
                    for (Map.Entry<String, ViciItem> v : c.entries()) {
                        rows.add(List.of("  " + v.getKey(), Text.right(String.valueOf(v.getValue()), 8)));
                    }
                    Text.table(out(), null, rows);
                }
            }
        });
        return 0;
    }
}
