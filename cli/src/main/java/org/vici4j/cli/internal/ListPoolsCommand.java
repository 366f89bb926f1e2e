package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.Map;

import org.vici4j.client.command.GetPoolsRequest;
import org.vici4j.client.command.Pool;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-pools}. */
@Command(name = "list-pools", description = "List the loaded virtual IP address pools (VICI 'get-pools').")
public final class ListPoolsCommand extends BaseCommand {

    @Option(names = {"-l", "--leases"}, description = "Also list each pool's leases.")
    boolean leases;
    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Only this pool.")
    String name;

    @Override
    protected int execute() {
        ViciSection.Builder response = ViciSection.builder();
        for (Pool pool : await(commands().getPools(new GetPoolsRequest(leases, name)))) {
            response.addSection(pool.name(), pool.raw());
        }
        ViciSection pools = response.build();
        printMessage(pools, p -> table(out(), p));
        return 0;
    }

    /** Prints the pools (and leases) like {@code swanctl --list-pools}, line for line. */
    static void table(PrintWriter out, ViciSection pools) {
        for (Map.Entry<String, ViciItem> e : pools.entries()) {
            if (e.getValue() instanceof ViciSection pool) {
                String name = e.getKey();
                String leases = pool.stringOr("online", "") + " / " + pool.stringOr("offline", "") + " / "
                        + pool.stringOr("size", "");
                out.println(String.format("%-20s %-30s %16s", name, pool.stringOr("base", ""), leases));
                for (Map.Entry<String, ViciItem> sub : pool.entries()) {
                    if (sub.getValue() instanceof ViciSection s) {
                        leases(out, s);
                    }
                }
            }
        }
    }

    private static void leases(PrintWriter out, ViciSection section) {
        for (Map.Entry<String, ViciItem> e : section.entries()) {
            if (e.getValue() instanceof ViciSection lease) {
                if (e.getKey().equals("leases")) {
                    leases(out, lease);
                } else {
                    out.println(String.format("  %-30s %-8s '%s'", lease.stringOr("address", ""),
                            lease.stringOr("status", ""), lease.stringOr("identity", "")));
                }
            }
        }
    }
}
