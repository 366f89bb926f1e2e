package org.vici4j.controller;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.internal.Charon;
import org.vici4j.controller.internal.ClientCharon;
import org.vici4j.controller.internal.ExecutorTaskScheduler;
import org.vici4j.controller.internal.OwnedThreads;
import org.vici4j.controller.internal.Reconciler;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.status.ControllerStatus;

/**
 * Keeps charon in a desired state: loads the desired connections, secrets, pools and authorities, brings children
 * up (or installs their trap policies), classifies and retries failures, heals what peers, people and restarts undo,
 * and reports status (snapshot, listeners, an atomically written status file).
 *
 * <pre>{@code
 * try (Controller c = Controller.builder()
 *         .uri("unix:///var/run/charon.vici")
 *         .desiredState(DesiredStateLoader.load(Path.of("gw.yaml")))
 *         .statusFile(Path.of("/run/vici4j/status.json"))
 *         .build()) {
 *     c.addListener((before, now) -> System.out.println(now));
 *     c.start();
 *     ...
 * }
 * }</pre>
 *
 * No static state: several controllers can run in one JVM (each against its own charon, or with distinct owner tags
 * and ownership files). Threads it creates are named {@code vici4j-controller-N} and end with {@link #stop()}.
 */
public final class Controller implements AutoCloseable {

    /**
     * IKE_SAs negotiated at once per peer address by default: charon answers a fourth half-open IKE_SA from one
     * address with a COOKIE (cookie_threshold_ip, default 3) and ignores a sixth (block_threshold, default 5).
     */
    public static final int DEFAULT_INITIATE_WINDOW = 3;

    private final Reconciler reconciler;
    private final ViciClient ownedClient;
    private final ScheduledExecutorService ownedExecutor;
    private final OwnedThreads ownedThreads;
    private volatile boolean stopped;

    private Controller(Reconciler reconciler, ViciClient ownedClient, ScheduledExecutorService ownedExecutor,
            OwnedThreads ownedThreads) {
        this.reconciler = reconciler;
        this.ownedClient = ownedClient;
        this.ownedExecutor = ownedExecutor;
        this.ownedThreads = ownedThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts reconciling; returns at once (work happens on the controller's threads). */
    public void start() {
        if (stopped) {
            throw new IllegalStateException("controller was stopped; build a new one");
        }
        reconciler.start();
    }

    /**
     * Stops reconciling, ends event subscriptions and the threads and client this controller created. What was
     * loaded into charon stays loaded (a controller that stops does not tear down tunnels). Idempotent.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        reconciler.stop();
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
            try {
                ownedExecutor.awaitTermination(5, TimeUnit.SECONDS);
                if (ownedThreads != null) {
                    ownedThreads.join(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownedClient != null) {
            ownedClient.close();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Replaces the desired state; what changed is applied right away.
     *
     * @throws PruneRefusedException if it would unload everything this controller loaded, or more than {@code
     *     controller.maxPruneShare} of it (the prune guard, {@link org.vici4j.controller.plan.PruneGuard}); the
     *     previous desired state stays in force, and the refusal is logged and shown in the status until a desired
     *     state is accepted
     */
    public void updateDesiredState(DesiredState state) {
        reconciler.updateDesiredState(state);
    }

    /**
     * Records in the status ({@link ControllerStatus#refusal()}) and the log that a new desired state was refused
     * before it reached the controller, for example because its file is invalid: the current desired state stays in
     * force. Cleared by the next accepted {@link #updateDesiredState}.
     *
     * @param reason why, in words for people
     */
    public void reportRefusedUpdate(String reason) {
        reconciler.reportRefusedUpdate(reason);
    }

    /** @return the current desired state */
    public DesiredState desiredState() {
        return reconciler.desiredState();
    }

    /** @return a snapshot of the status */
    public ControllerStatus status() {
        return reconciler.status();
    }

    /**
     * @return what the controller's cache says charon has now (kept current from events between full observations)
     */
    public org.vici4j.controller.plan.ObservedState observedState() {
        return reconciler.observedState();
    }

    /**
     * @return completes once charon was reached, observed fully and the first plan's loads and unloads executed
     *     (what {@code vici apply} waits for before it waits for children); cancelled by {@link #stop()}
     */
    public java.util.concurrent.CompletableFuture<Void> firstPass() {
        return reconciler.firstPass();
    }

    /**
     * @return the requests this controller sent to charon so far, per VICI command (event registrations count as
     *     {@code register}): what each operation and each resync costs
     */
    public java.util.Map<String, Long> requestCounts() {
        return reconciler.requestCounts();
    }

    /**
     * @return what the controller counted so far: requests to charon and their times, events, event gaps,
     *     reconnects, reconcile passes, and per desired child its failed attempts by class and side and its retries
     *     (a copy; nothing is computed between calls). {@link org.vici4j.controller.http.ControllerHttpServer} serves
     *     them as Prometheus metrics
     */
    public ControllerCounters counters() {
        return reconciler.counters();
    }

    /** @return whether the controller runs, reaches charon, is subscribed to its events and finished a full pass */
    public ControllerHealth health() {
        return reconciler.health();
    }

    /**
     * @return completes once a task handed to the controller's executor now has run (its scheduler is alive); fails
     *     if the executor no longer takes tasks
     */
    public java.util.concurrent.CompletableFuture<Void> ping() {
        return reconciler.ping();
    }

    /** @return the desired connections charon rejected at the last attempt to load them, with charon's reason */
    public java.util.Map<String, String> rejectedConnections() {
        return reconciler.rejectedConnections();
    }

    /** Subscribes to status changes; returns a handle that unsubscribes. */
    public AutoCloseable addListener(StatusListener listener) {
        reconciler.addListener(listener);
        return () -> reconciler.removeListener(listener);
    }

    public void removeListener(StatusListener listener) {
        reconciler.removeListener(listener);
    }

    /** Builds a {@link Controller}. Required: a client or URI, and a desired state. */
    public static final class Builder {
        private ViciClient client;
        private String uri;
        private Charon charon;
        private DesiredState desired;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService executor;
        private ThreadFactory threadFactory;
        private Path statusFile;
        private Path ownershipFile;
        private Duration resync;
        private Duration initiateTimeout = Duration.ofSeconds(30);
        private Duration reconnectDelay = Duration.ofSeconds(2);
        private Duration callTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy;
        private RandomGenerator random;
        private int initiateWindow = DEFAULT_INITIATE_WINDOW;
        private Duration heartbeat = Reconciler.Settings.DEFAULT_HEARTBEAT;
        private boolean prune = true;
        private boolean allowMassPrune;

        private Builder() {
        }

        /** The client to use; the caller keeps owning it (it is not closed by the controller). */
        public Builder client(ViciClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** charon's VICI URI; the controller creates (with reconnect enabled) and closes its own client. */
        public Builder uri(String uri) {
            ViciClientOptions.of(uri); // validates with a message saying how to fix it
            this.uri = uri;
            return this;
        }

        /**
         * Tests: talk to charon through this port (a fake daemon) instead of a client. Package-private because
         * {@link Charon} is internal; tests in other packages reach it through {@code ControllerTesting}.
         */
        Builder charon(Charon charon) {
            this.charon = Objects.requireNonNull(charon, "charon");
            return this;
        }

        /** The desired state: parsed YAML ({@code DesiredStateLoader}) or built in code ({@code DesiredState.builder()}). */
        public Builder desiredState(DesiredState state) {
            this.desired = Objects.requireNonNull(state, "desiredState");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs the controller's work on this executor; the caller owns it (it is not shut down by the controller). */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Creates the controller's own threads with this factory (default: daemon threads vici4j-controller-N). */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
            return this;
        }

        /** Writes status JSON here (atomically); ownership goes next to it ({@code <file>.owned.json}) by default. */
        public Builder statusFile(Path file) {
            this.statusFile = Objects.requireNonNull(file, "statusFile");
            return this;
        }

        /** Keeps the list of objects this controller loaded in this file (so it survives restarts). */
        public Builder ownershipFile(Path file) {
            this.ownershipFile = Objects.requireNonNull(file, "ownershipFile");
            return this;
        }

        /** Period of the full resync (default: the desired state's controller.resync, 30 s). */
        public Builder resyncPeriod(Duration period) {
            this.resync = positive(period, "resyncPeriod");
            return this;
        }

        /** charon-side timeout of each initiate (default 30 s); a slower one is reported as still establishing. */
        public Builder initiateTimeout(Duration timeout) {
            this.initiateTimeout = positive(timeout, "initiateTimeout");
            return this;
        }

        /** How soon to try again when charon is unreachable (default 2 s). */
        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = positive(delay, "reconnectDelay");
            return this;
        }

        /** How long to wait for an ordinary command such as list-sas (default 30 s). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /**
         * When charon has answered nothing for this long, a {@code version} request checks that it still answers
         * (default 10 s); no answer within the same time shows charon as {@code unresponsive} in the status until
         * it answers again. {@link Duration#ZERO} turns the heartbeat off (timeouts of ordinary requests still
         * count).
         */
        public Builder heartbeat(Duration heartbeat) {
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (heartbeat.isNegative()) {
                throw new IllegalArgumentException("heartbeat must not be negative, got " + heartbeat);
            }
            this.heartbeat = heartbeat;
            return this;
        }

        /** Retry policy for connections without their own {@code retry} (default: the desired state's). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * How many IKE_SAs may be negotiated at once per peer address (default {@value #DEFAULT_INITIATE_WINDOW}).
         * A charon responder ignores IKE_SA_INIT requests beyond {@code charon.block_threshold} (default 5) half-open
         * IKE_SAs from one address; staying under it avoids retransmits. Children of an established IKE_SA do not
         * count. Raise it together with the peers' {@code block_threshold}.
         */
        public Builder initiateWindow(int perPeer) {
            if (perPeer < 1) {
                throw new IllegalArgumentException("initiateWindow must be at least 1, got " + perPeer);
            }
            this.initiateWindow = perPeer;
            return this;
        }

        /** Same as {@link #initiateWindow(int)} (the name of earlier versions). */
        public Builder maxConcurrentInitiates(int max) {
            return initiateWindow(max);
        }

        /**
         * Whether to unload what this controller loaded and the desired state no longer has (default true). {@code
         * vici apply} without {@code --prune} runs with false: it loads and records, but never unloads.
         */
        public Builder prune(boolean prune) {
            this.prune = prune;
            return this;
        }

        /**
         * Turns the prune guard ({@link org.vici4j.controller.plan.PruneGuard}) off (default false): desired states
         * that unload everything this controller loaded, or more than {@code controller.maxPruneShare} of it, are then
         * accepted. With the guard on, such a state is refused by {@link Controller#updateDesiredState} and, as the
         * initial state, loads but unloads nothing.
         */
        public Builder allowMassPrune(boolean allow) {
            this.allowMassPrune = allow;
            return this;
        }

        /** Jitter source (default: a new {@code RandomGenerator.getDefault()}). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Controller build() {
            int sources = (client != null ? 1 : 0) + (uri != null ? 1 : 0) + (charon != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalStateException("give the controller exactly one of client(...) or uri(...)"
                        + (sources == 0 ? " (none given)" : " (several given)"));
            }
            if (desired == null) {
                throw new IllegalStateException("desiredState(...) is required (DesiredState.empty() for nothing)");
            }
            ScheduledExecutorService ownedExec = null;
            OwnedThreads ownedThreads = null;
            ScheduledExecutorService exec = executor;
            if (exec == null) {
                ThreadFactory tf = threadFactory;
                if (tf == null) {
                    ownedThreads = new OwnedThreads("vici4j-controller-");
                    tf = ownedThreads;
                }
                ownedExec = Executors.newScheduledThreadPool(2, tf);
                exec = ownedExec;
            }
            ViciClient ownedClient = null;
            Charon port = charon;
            if (port == null) {
                ViciClient c = client;
                if (c == null) {
                    ownedClient = ViciClient.connect(ViciClientOptions.builder().uri(uri).reconnect(true).poolSize(8)
                            .threadNamePrefix("vici4j-controller-client").build());
                    c = ownedClient;
                }
                port = new ClientCharon(c);
            }
            Reconciler r = new Reconciler(port, new ExecutorTaskScheduler(exec), clock,
                    random != null ? random : RandomGenerator.getDefault(), desired,
                    new Reconciler.Settings(resync, initiateTimeout, reconnectDelay, retryPolicy, statusFile,
                            ownershipFile, callTimeout, initiateWindow, prune, allowMassPrune, heartbeat));
            return new Controller(r, ownedClient, ownedExec, ownedThreads);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
