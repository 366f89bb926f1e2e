package org.vici4j.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Signals raised by the test. */
final class TestSignals implements SignalSource {

    private record Handler(Signal signal, Runnable action) {
    }

    private final List<Handler> handlers = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable on(Signal signal, Runnable handler) {
        Handler h = new Handler(signal, handler);
        handlers.add(h);
        return () -> handlers.remove(h);
    }

    void raise(Signal signal) {
        handlers.stream().filter(h -> h.signal() == signal).forEach(h -> h.action().run());
    }
}
