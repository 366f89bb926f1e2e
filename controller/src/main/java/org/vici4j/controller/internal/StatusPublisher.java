package org.vici4j.controller.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.StatusListener;
import org.vici4j.controller.status.StatusChangeLogger;
import org.vici4j.controller.status.StatusFile;
import org.vici4j.controller.status.StatusWriter;

/**
 * Publishes the controller's status once per change: keeps the snapshot, logs the change, calls the listeners (one
 * at a time, in order) and writes the status file atomically, at most every {@link #FILE_WRITE_INTERVAL} (a burst
 * of changes is coalesced; the latest status is always written, also by {@link #flush()}).
 */
final class StatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** The status file is rewritten at most this often (bursts of changes are coalesced; the last one is written). */
    static final Duration FILE_WRITE_INTERVAL = Duration.ofMillis(100);

    private final TaskScheduler tasks;
    private final Clock clock;
    private final StatusFile statusFile;
    private final StatusChangeLogger statusLog = new StatusChangeLogger();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    private ControllerStatus status = ControllerStatus.initial();
    private Instant lastFileWrite;
    private boolean fileWriteScheduled;
    private ControllerStatus writtenStatus;

    /** The controller's resync interval, recorded in the status file with this process as its writer. */
    private final Supplier<Duration> resync;

    /** @param file where to write status JSON, or null for none */
    StatusPublisher(TaskScheduler tasks, Clock clock, Path file) {
        this(tasks, clock, file, () -> Duration.ofMinutes(1));
    }

    /**
     * @param file where to write status JSON, or null for none
     * @param resync the controller's resync interval (recorded in the file; the file is touched at every resync)
     */
    StatusPublisher(TaskScheduler tasks, Clock clock, Path file, Supplier<Duration> resync) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.statusFile = file == null ? null : new StatusFile(file);
        this.resync = Objects.requireNonNull(resync, "resync");
    }

    /**
     * The heartbeat of a resync: the status file's modification time becomes now even when nothing changed, so
     * that {@code vici status} can tell a running controller from one that is gone.
     */
    void heartbeat() {
        if (statusFile == null) {
            return;
        }
        synchronized (lock) {
            if (writtenStatus == null) {
                return;
            }
            try {
                statusFile.touch(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("status file not touched: {}", e.getMessage());
            }
        }
    }

    void addListener(StatusListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    void removeListener(StatusListener l) {
        listeners.remove(l);
    }

    ControllerStatus current() {
        synchronized (lock) {
            return status;
        }
    }

    /**
     * Computes the status (under the publisher's lock, so that snapshots are published in the order they were
     * computed) and publishes it if it differs from the current one.
     */
    void publish(Supplier<ControllerStatus> compute) {
        synchronized (lock) {
            ControllerStatus next = compute.get();
            if (next.equals(status)) {
                return;
            }
            ControllerStatus prev = status;
            status = next;
            statusLog.logChanges(prev, next);
            writeStatusFileSoon();
            for (StatusListener l : listeners) {
                try {
                    l.onStatusChanged(prev, next);
                } catch (RuntimeException e) {
                    LOG.warn("status listener {} failed", l, e);
                }
            }
        }
    }

    /** Writes whatever a coalesced write is still waiting for. */
    void flush() {
        if (statusFile != null) {
            synchronized (lock) {
                writeStatusFile();
            }
        }
    }

    /** Writes the status file now if the last write is old enough, else once the interval has passed. */
    private void writeStatusFileSoon() {
        if (statusFile == null) {
            return;
        }
        Instant now = clock.instant();
        Instant due = lastFileWrite == null ? now : lastFileWrite.plus(FILE_WRITE_INTERVAL);
        if (!due.isAfter(now)) {
            writeStatusFile();
        } else if (!fileWriteScheduled) {
            fileWriteScheduled = true;
            tasks.schedule(() -> {
                synchronized (lock) {
                    fileWriteScheduled = false;
                    writeStatusFile();
                }
            }, Duration.between(now, due));
        }
    }

    private void writeStatusFile() {
        lastFileWrite = clock.instant();
        if (status.equals(writtenStatus)) {
            return;
        }
        try {
            statusFile.write(status, StatusWriter.current(resync.get()));
            writtenStatus = status;
        } catch (RuntimeException e) {
            LOG.warn("status file not written: {}", e.getMessage());
        }
    }
}
