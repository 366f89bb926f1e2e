package org.vici4j.cli.internal;

import java.io.PrintWriter;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;

/** {@code vici stats}: charon's runtime statistics. */
@Command(name = "stats", description = "Show charon's statistics: uptime, worker threads, job queues, IKE_SAs, plugins (VICI 'stats').")
public final class StatsCommand extends BaseCommand {

    @Override
    protected int execute() {
        ViciSection stats = await(commands().stats()).raw();
        printMessage(stats, s -> table(out(), s));
        return 0;
    }

    /** Prints the statistics like {@code swanctl --stats}, line for line. */
    static void table(PrintWriter out, ViciSection s) {
        out.println("uptime: " + find(s, "uptime", "running") + ", since " + find(s, "uptime", "since"));
        out.println("worker threads: " + find(s, "workers", "total") + " total, " + find(s, "workers", "idle")
                + " idle, working: " + find(s, "workers", "active", "critical") + "/"
                + find(s, "workers", "active", "high") + "/" + find(s, "workers", "active", "medium") + "/"
                + find(s, "workers", "active", "low"));
        out.println("job queues: " + find(s, "queues", "critical") + "/" + find(s, "queues", "high") + "/"
                + find(s, "queues", "medium") + "/" + find(s, "queues", "low"));
        out.println("jobs scheduled: " + find(s, "scheduled"));
        out.println("IKE_SAs: " + find(s, "ikesas", "total") + " total, " + find(s, "ikesas", "half-open")
                + " half-open");
        if (s.section("mem").flatMap(m -> m.string("total")).isPresent()) {
            out.println("memory usage: " + find(s, "mem", "total") + " bytes, " + find(s, "mem", "allocs")
                    + " allocations");
        }
        if (s.section("mallinfo").flatMap(m -> m.string("sbrk")).isPresent()) {
            out.println("mallinfo: sbrk " + find(s, "mallinfo", "sbrk") + ", mmap " + find(s, "mallinfo", "mmap")
                    + ", used " + find(s, "mallinfo", "used") + ", free " + find(s, "mallinfo", "free"));
        }
        StringBuilder plugins = new StringBuilder("loaded plugins:");
        for (String p : s.list("plugins")) {
            plugins.append(' ').append(p);
        }
        out.println(plugins);
    }

    /** @return the value at {@code path} (sections, then a key), or "" like swanctl's vici_find_str */
    private static String find(ViciSection s, String... path) {
        ViciSection at = s;
        for (int i = 0; i < path.length - 1; i++) {
            at = at.section(path[i]).orElse(ViciSection.empty());
        }
        return at.stringOr(path[path.length - 1], "");
    }
}
