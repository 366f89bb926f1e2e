package org.vici4j.cli.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import org.vici4j.cli.SignalSource;

/** Real signals through {@code sun.misc.Signal}; a signal that cannot be handled is ignored. */
public final class OsSignals implements SignalSource {

    private final Map<Signal, List<Runnable>> handlers = new ConcurrentHashMap<>();

    @Override
    public AutoCloseable on(Signal signal, Runnable handler) {
        List<Runnable> list = handlers.computeIfAbsent(signal, s -> {
            List<Runnable> l = new CopyOnWriteArrayList<>();
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(s.name()), sig -> l.forEach(Runnable::run));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not available on this platform or reserved by the JVM: the command runs without it
            }
            return l;
        });
        list.add(handler);
        return () -> list.remove(handler);
    }
}
