package org.vici4j.cli.internal;

import java.io.PrintWriter;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;

/** {@code vici stats}: charon's runtime statistics. */
@Command(name = "stats", description = "Show charon's statistics: uptime, worker threads, job queues, IKE_SAs, plugins (VICI 'stats').")
public final class StatsCommand extends BaseCommand {

    @Override
    protected int execute() {
        ViciSection stats = request("stats", ViciSection.empty());
        printMessage(stats, s -> table(out(), s));
        return 0;
    }

    static void table(PrintWriter out, ViciSection s) {
        s.section("uptime").ifPresent(u -> out.println("uptime: " + u.stringOr("running", "?") + ", since "
                + u.stringOr("since", "?")));
        s.section("workers").ifPresent(w -> {
            ViciSection active = w.section("active").orElse(ViciSection.empty());
            out.println("worker threads: " + w.stringOr("total", "?") + " total, " + w.stringOr("idle", "?")
                    + " idle, working: " + active.stringOr("critical", "0") + "/" + active.stringOr("high", "0")
                    + "/" + active.stringOr("medium", "0") + "/" + active.stringOr("low", "0"));
        });
        s.section("queues").ifPresent(q -> out.println("job queues: " + q.stringOr("critical", "0") + "/"
                + q.stringOr("high", "0") + "/" + q.stringOr("medium", "0") + "/" + q.stringOr("low", "0")));
        s.string("scheduled").ifPresent(v -> out.println("jobs scheduled: " + v));
        s.section("ikesas").ifPresent(i -> out.println("IKE_SAs: " + i.stringOr("total", "?") + " total, "
                + i.stringOr("half-open", "?") + " half-open"));
        s.section("mem").ifPresent(m -> out.println("memory: " + m.stringOr("total", "?") + " bytes in "
                + m.stringOr("allocs", "?") + " allocations"));
        s.section("mallinfo").ifPresent(m -> out.println("mallinfo: sbrk " + m.stringOr("sbrk", "?") + ", mmap "
                + m.stringOr("mmap", "?") + ", used " + m.stringOr("used", "?") + ", free " + m.stringOr("free", "?")));
        if (!s.list("plugins").isEmpty()) {
            out.println("loaded plugins:");
            Text.wrap(out, s.list("plugins"), 2);
        }
    }
}
