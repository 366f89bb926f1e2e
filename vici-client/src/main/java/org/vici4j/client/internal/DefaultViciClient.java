package org.vici4j.client.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.EventListener;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.Subscription;
import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciScheduler;
import org.vici4j.client.message.ViciSection;

/** The {@link ViciClient} implementation: a {@link CommandPool} for commands and an {@link EventHub} for events. */
public final class DefaultViciClient implements ViciClient {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultViciClient.class);

    private final ViciClientOptions options;
    private final ViciUri uri;
    private final Transport transport;
    private final ViciScheduler scheduler;
    private final ScheduledExecutorService ownedScheduler;
    private final Executor listenerExecutor;
    private final ExecutorService ownedListenerExecutor;
    private final CommandPool pool;
    private final EventHub hub;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultViciClient(ViciClientOptions options, boolean preferNativeTransport) {
        this.options = Objects.requireNonNull(options, "options");
        this.uri = ViciUri.parse(options.uri());
        String prefix = options.threadNamePrefix();
        if (options.scheduler().isPresent()) {
            this.scheduler = options.scheduler().get();
            this.ownedScheduler = null;
        } else {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, Transport.daemonThreads(prefix + "-timer"));
            s.setRemoveOnCancelPolicy(true);
            this.ownedScheduler = s;
            this.scheduler = ViciScheduler.of(s);
        }
        if (options.listenerExecutor().isPresent()) {
            this.listenerExecutor = options.listenerExecutor().get();
            this.ownedListenerExecutor = null;
        } else {
            this.ownedListenerExecutor = Executors.newCachedThreadPool(Transport.daemonThreads(prefix + "-events"));
            this.listenerExecutor = ownedListenerExecutor;
        }
        this.transport = Transport.create(prefix, preferNativeTransport);
        Endpoint endpoint = new Endpoint(transport, uri, options.connectTimeout(), scheduler);
        this.pool = new CommandPool(endpoint, options.poolSize());
        this.hub = new EventHub(endpoint, options, listenerExecutor);
        LOG.debug("VICI client for {} created ({} transport)", uri, transport.isNative() ? "epoll" : "NIO");
    }

    /** Creates a client; see {@link ViciClient#connect(ViciClientOptions)}. */
    public static ViciClient create(ViciClientOptions options) {
        return new DefaultViciClient(options, true);
    }

    /** Creates a client on the NIO transport even when epoll is available (for tests). */
    public static ViciClient createWithNio(ViciClientOptions options) {
        return new DefaultViciClient(options, false);
    }

    @Override
    public ViciClientOptions options() {
        return options;
    }

    private CompletableFuture<ViciSection> request(String command, ViciSection message, Duration timeout) {
        TimeoutView.checkName(command, "command");
        CommandOperation op = new CommandOperation(command, TimeoutView.orEmpty(message));
        if (closed.get()) {
            op.fail(Endpoint.closedClient(uri));
            return op.future();
        }
        LOG.debug("request '{}'", command);
        pool.submit(op, timeout);
        return op.future();
    }

    private CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent, boolean collect, Duration timeout) {
        TimeoutView.checkName(command, "command");
        TimeoutView.checkName(event, "event");
        StreamOperation op = new StreamOperation(command, TimeoutView.orEmpty(message), event,
                onEvent, collect, listenerExecutor);
        if (closed.get()) {
            op.fail(Endpoint.closedClient(uri));
            return op.future();
        }
        LOG.debug("streamed request '{}' (events '{}')", command, event);
        pool.submit(op, timeout);
        return op.future();
    }

    @Override
    public Subscription subscribe(Set<String> events, EventListener listener) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(listener, "listener");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("subscribe needs at least one event name, e.g. ike-updown");
        }
        events.forEach(e -> TimeoutView.checkName(e, "event"));
        return hub.subscribe(events, listener, options.requestTimeout());
    }

    @Override
    public ViciCommands withTimeout(Duration timeout) {
        return TimeoutView.of(timeout, this::request, this::streamed);
    }

    /** @return the number of open command connections (diagnostics, tests) */
    public int openCommandConnections() {
        return pool.openConnections();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.debug("closing VICI client for {}", uri);
        pool.close();
        hub.close();
        transport.close();
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
        if (ownedListenerExecutor != null) {
            ownedListenerExecutor.shutdown(); // lets queued onClosed calls run
        }
    }


    @Override
    public String toString() {
        return "ViciClient[" + uri + "]";
    }
}
