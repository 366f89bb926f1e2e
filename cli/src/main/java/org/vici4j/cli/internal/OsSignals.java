package org.vici4j.cli.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.vici4j.cli.SignalSource;

/**
 * Real signals through the JDK's {@code sun.misc.Signal} (module jdk.unsupported), reached reflectively so that
 * the build has no proprietary-API warnings. A signal that cannot be handled (platform, or reserved by the JVM)
 * is ignored: the command runs without it.
 */
public final class OsSignals implements SignalSource {

    private final Map<Signal, List<Runnable>> handlers = new ConcurrentHashMap<>();

    @Override
    public AutoCloseable on(Signal signal, Runnable handler) {
        List<Runnable> list = handlers.computeIfAbsent(signal, s -> {
            List<Runnable> l = new CopyOnWriteArrayList<>();
            install(s.name(), () -> l.forEach(Runnable::run));
            return l;
        });
        list.add(handler);
        return () -> list.remove(handler);
    }

    private static void install(String name, Runnable action) {
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
            handle.invoke(null, signal, handler);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            // not available here: run without this signal
        }
    }
}
