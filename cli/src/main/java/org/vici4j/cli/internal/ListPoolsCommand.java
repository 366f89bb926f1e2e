package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        ViciSection.Builder m = ViciSection.builder();
        if (leases) {
            m.add("leases", true);
        }
        if (name != null) {
            m.add("name", name);
        }
        ViciSection pools = request("get-pools", m.build());
        printMessage(pools, p -> {
            List<List<String>> rows = new ArrayList<>();
            List<List<String>> leaseRows = new ArrayList<>();
            for (Map.Entry<String, ViciItem> e : p.entries()) {
                if (e.getValue() instanceof ViciSection pool) {
                    rows.add(List.of(e.getKey(), pool.stringOr("base", ""), pool.stringOr("size", ""),
                            pool.stringOr("online", ""), pool.stringOr("offline", "")));
                    pool.section("leases").ifPresent(ls -> {
                        for (ViciSection l : ls.sections()) {
                            leaseRows.add(List.of(e.getKey(), l.stringOr("address", ""), l.stringOr("status", ""),
                                    l.stringOr("identity", "")));
                        }
                    });
                }
            }
            Text.table(out(), List.of("POOL", "BASE", "SIZE", "ONLINE", "OFFLINE"), rows);
            if (leases) {
                out().println();
                Text.table(out(), List.of("POOL", "ADDRESS", "STATUS", "IDENTITY"), leaseRows);
            }
        });
        return 0;
    }
}
