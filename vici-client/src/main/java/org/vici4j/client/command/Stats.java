package org.vici4j.client.command;

import java.util.List;
import java.util.Map;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * The answer of {@code stats}. Missing numbers read as 0, missing strings as "", missing
 * sections as empty maps.
 *
 * @param uptimeRunning relative uptime in human-readable form, e.g. {@code 5 minutes}
 * @param uptimeSince absolute startup time, e.g. {@code Nov 30 05:42:01 2026}
 * @param workersTotal total number of worker threads
 * @param workersIdle idle worker threads
 * @param workersActive busy threads per job priority ({@code critical}, {@code high}, {@code medium}, {@code low})
 * @param queues queued jobs per job priority
 * @param scheduled jobs scheduled for timed execution
 * @param ikeSasTotal IKE_SAs active
 * @param ikeSasHalfOpen IKE_SAs in half-open state
 * @param plugins names of the loaded plugins
 * @param mem {@code mem} totals (only with leak-detective or on Windows), else empty
 * @param mallinfo {@code mallinfo} values ({@code sbrk}, {@code mmap}, {@code used}, {@code free}) if available, else empty
 * @param raw the response as received
 */
public record Stats(String uptimeRunning, String uptimeSince, long workersTotal, long workersIdle,
        Map<String, Long> workersActive, Map<String, Long> queues, long scheduled, long ikeSasTotal,
        long ikeSasHalfOpen, List<String> plugins, Map<String, Long> mem, Map<String, Long> mallinfo,
        ViciSection raw) {

    public Stats {
        Fields.requireNonNull("uptimeRunning, uptimeSince, raw", uptimeRunning, uptimeSince, raw);
        workersActive = Fields.orderedCopy(workersActive);
        queues = Fields.orderedCopy(queues);
        plugins = List.copyOf(plugins);
        mem = Fields.orderedCopy(mem);
        mallinfo = Fields.orderedCopy(mallinfo);
    }

    /** Reads the response of {@code stats}. */
    public static Stats from(ViciSection r) {
        ViciSection uptime = Fields.sec(r, "uptime");
        ViciSection workers = Fields.sec(r, "workers");
        ViciSection ikesas = Fields.sec(r, "ikesas");
        return new Stats(Fields.str(uptime, "running"), Fields.str(uptime, "since"), Fields.num(workers, "total"),
                Fields.num(workers, "idle"), Fields.numbers(Fields.sec(workers, "active")),
                Fields.numbers(Fields.sec(r, "queues")), Fields.num(r, "scheduled"), Fields.num(ikesas, "total"),
                Fields.num(ikesas, "half-open"), Fields.list(r, "plugins"), Fields.numbers(Fields.sec(r, "mem")),
                Fields.numbers(Fields.sec(r, "mallinfo")), r);
    }
}
