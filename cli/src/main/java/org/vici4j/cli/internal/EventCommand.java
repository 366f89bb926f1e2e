package org.vici4j.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.vici4j.cli.ExitCode;
import org.vici4j.cli.SignalSource;
import org.vici4j.client.EventListener;
import org.vici4j.client.Futures;
import org.vici4j.client.Subscription;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Option;

/**
 * Base of commands that print events as they happen (monitor, log) until interrupted, --count events
 * were printed or --duration passed. JSON output is one {"event": NAME, "message": {...}} per line.
 */
abstract class EventCommand extends BaseCommand {

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events (default: run until interrupted).")
    long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (default: run until interrupted).")
    Duration duration;

    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final AtomicLong printed = new AtomicLong();

    /** @return a table line for the event, or null to print nothing */
    protected abstract String line(String event, ViciSection message);

    /**
     * Subscribes {@code required} (failure ends the command) and {@code optional} (an event charon
     * does not know is reported on stderr and left out), then prints events until done.
     */
    protected int watch(Set<String> required, Set<String> optional) throws InterruptedException {
        EventListener listener = new EventListener() {
            @Override
            public void onEvent(String name, ViciSection message) {
                print(name, message);
            }

            @Override
            public void onOverflow(long dropped) {
                synchronized (EventCommand.this) {
                    err().println("vici: " + dropped + " events were dropped (output too slow)");
                    err().flush();
                }
            }

            @Override
            public void onClosed(ViciException cause) {
                // a refused optional registration ends only that subscription; see watch()
                if (cause != null && !(cause instanceof UnknownEventException)) {
                    done.completeExceptionally(cause);
                }
            }
        };
        List<AutoCloseable> handles = new ArrayList<>();
        SignalSource signals = root.ctx().signals();
        try {
            handles.add(signals.on(SignalSource.Signal.INT, () -> done.complete(ExitCode.OK)));
            handles.add(signals.on(SignalSource.Signal.TERM, () -> done.complete(ExitCode.OK)));
            Subscription main = client().subscribe(required, listener);
            handles.add(main);
            client().await(main.registered());
            for (String event : optional) {
                Subscription sub = client().subscribe(event, listener);
                try {
                    client().await(sub.registered());
                    handles.add(sub);
                } catch (UnknownEventException e) {
                    sub.close();
                    synchronized (this) {
                        err().println("vici: charon does not support '" + event + "' events (strongSwan before 6.0.3);"
                                + " continuing without them");
                        err().flush();
                    }
                }
            }
            synchronized (this) {
                // on stderr, so that scripts reading stdout see only events; tells a human (and a test) it is ready
                err().println("vici: watching " + String.join(", ", watched(required, handles)) + " on " + root.uri()
                        + (count > 0 ? " for " + count + " events" : "") + "; Ctrl-C to stop");
                err().flush();
            }
            try {
                return duration == null ? done.get() : done.get(duration.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return ExitCode.OK;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof ViciConnectionException lost) {
                    throw new CliException(ExitCode.CONNECTION, "lost the connection to charon at " + root.uri()
                            + " while waiting for events; check that charon is still running", lost);
                }
                throw Futures.rethrow(e);
            }
        } finally {
            for (int i = handles.size() - 1; i >= 0; i--) {
                try {
                    handles.get(i).close();
                } catch (Exception ignored) {
                    // closing is best effort
                }
            }
        }
    }

    private static List<String> watched(Set<String> required, List<AutoCloseable> handles) {
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(required));
        for (AutoCloseable h : handles) {
            if (h instanceof Subscription s && !s.events().equals(required)) {
                names.addAll(new java.util.TreeSet<>(s.events()));
            }
        }
        return names;
    }

    private synchronized void print(String name, ViciSection message) {
        if (done.isDone()) {
            return;
        }
        printEvent(name, message, line(name, message));
        if (count > 0 && printed.incrementAndGet() >= count) {
            done.complete(ExitCode.OK);
        }
    }
}
