package org.vici4j.controller.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who writes a status file, recorded in it as {@code "writer": {"pid": 1234, "started": "...", "resync": "PT1M"}}:
 * the controller's process (id and start time, so that a reused process id is not taken for it) and its resync
 * interval. The controller rewrites the file on every change and touches it at every resync, so a reader can tell a
 * status whose writer is gone, or stuck, from a current one.
 *
 * @param pid the writing process's id
 * @param started when that process started, if the system says
 * @param resync the writer's resync interval: its file is at most this old while it runs
 */
public record StatusWriter(long pid, Optional<Instant> started, Duration resync) {

    public StatusWriter {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(resync, "resync");
    }

    /** @return this process as the writer, with the given resync interval */
    public static StatusWriter current(Duration resync) {
        ProcessHandle self = ProcessHandle.current();
        return new StatusWriter(self.pid(), self.info().startInstant(), resync);
    }

    /**
     * @return whether the writing process still runs: a process with that id exists and, if both start times are
     *     known, started at the recorded time (within a second)
     */
    public boolean running() {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Instant> now = h.get().info().startInstant();
        return started.isEmpty() || now.isEmpty()
                || Duration.between(started.get(), now.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0;
    }
}
