package org.vici4j.cli.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.vici4j.cli.SignalSource;

/**
 * Real signals through the JDK's {@code sun.misc.Signal} (module jdk.unsupported), reached reflectively so that
 * the build has no proprietary-API warnings. A signal that cannot be handled (platform, or reserved by the JVM)
 * is left alone: the command runs without it, and {@link #unavailable} says why.
 *
 * <p>HotSpot does not install a handler for SIGHUP, SIGINT or SIGTERM when the signal was ignored when the process
 * started ({@code nohup} ignores SIGHUP): {@code Signal.handle} then returns {@code SIG_IGN} without installing
 * anything, and nothing can undo the inherited disposition from Java. {@code bin/vici} restores SIGHUP's default
 * disposition for {@code vici controller} before it starts the JVM; this class reports the case when that was not
 * done (the jar run directly under nohup).
 */
public final class OsSignals implements SignalSource {

    private final Map<Signal, List<Runnable>> handlers = new ConcurrentHashMap<>();
    private final Map<Signal, String> problems = new ConcurrentHashMap<>();
    /** signals that arrived while installed early and before any handler was added */
    private final Map<Signal, Boolean> pending = new ConcurrentHashMap<>();

    @Override
    public AutoCloseable on(Signal signal, Runnable handler) {
        List<Runnable> list = handlers(signal);
        list.add(handler);
        if (pending.remove(signal) != null) {
            handler.run(); // it came during start-up: not lost
        }
        return () -> list.remove(handler);
    }

    /**
     * Installs the handler of {@code signal} now, before a command subscribes: from then on the signal no longer has
     * the JVM's default action (SIGHUP: exit), and one that arrives before the command subscribes is delivered to its
     * first handler. {@code vici controller} calls this first thing in {@code main}, so that a SIGHUP during start-up
     * reloads instead of ending it.
     */
    public void early(Signal signal) {
        handlers(signal);
    }

    private List<Runnable> handlers(Signal signal) {
        return handlers.computeIfAbsent(signal, s -> {
            List<Runnable> l = new CopyOnWriteArrayList<>();
            install(s, () -> {
                if (l.isEmpty()) {
                    pending.put(s, Boolean.TRUE);
                } else {
                    l.forEach(Runnable::run);
                }
            });
            return l;
        });
    }

    @Override
    public Optional<String> unavailable(Signal signal) {
        return Optional.ofNullable(problems.get(signal));
    }

    private void install(Signal s, Runnable action) {
        String name = s.name();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> ctor = signalClass.getConstructor(String.class);
            Object signal = ctor.newInstance(name);
            Object handler = Proxy.newProxyInstance(OsSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "vici signal handler for SIG" + name;
                        };
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, handler);
            if (previous != null && previous == handlerClass.getField("SIG_IGN").get(null)) {
                problems.put(s, "SIG" + name + " was ignored when this process started (nohup, or a parent that"
                        + " ignores it), and Java cannot catch a signal that was ignored at start");
            }
        } catch (InvocationTargetException e) {
            problems.put(s, "SIG" + name + " cannot be caught here (" + e.getCause().getMessage()
                    + "; the JVM runs with -Xrs?)");
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            problems.put(s, "SIG" + name + " cannot be caught on this platform or Java (" + e + ")");
        }
    }
}
