package org.vici4j.controller.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.Futures;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.command.TerminateRequest;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.status.CharonStatus;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.ControllerCounters;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.DesiredStateRefusal;
import org.vici4j.controller.PruneRefusedException;
import org.vici4j.controller.StatusListener;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClassifier;
import org.vici4j.controller.failure.LogCorrelator;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.plan.Action;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;
import org.vici4j.controller.plan.Plan;
import org.vici4j.controller.plan.Planner;
import org.vici4j.controller.plan.PruneGuard;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.retry.RetryState;

/**
 * The level-triggered reconciler behind {@link org.vici4j.controller.Controller}, built like a Kubernetes controller.
 * It is split along the flow:
 * <ol>
 * <li><b>events &rarr; cache</b>: {@link #handleEvent} feeds {@code ike-updown}, {@code child-updown} and the rekey
 * events into the informer cache of charon ({@link ObservedStateCache}), and {@code log}/{@code alert} failures into
 * {@link PassiveFailures}; it marks the connections concerned dirty;</li>
 * <li><b>plan</b>: the {@link #GLOBAL} key (start, resync, desired-state change, event gaps, reconnects) observes
 * charon fully with a handful of requests ({@link Observer}), computes the {@link Plan} without I/O
 * ({@link Planner}) and executes its loads and unloads ({@link ObjectApplier}: pipelined, verified by one
 * {@code list-conns});</li>
 * <li><b>decide</b>: a connection's worker reads the cache, never charon, and decides per child with the pure
 * {@link ChildDecision};</li>
 * <li><b>act</b>: {@link ChildAttempts} sends initiates with a negative timeout (charon answers at once, the outcome
 * arrives as events), bounded per peer by {@link InitiateWindow};</li>
 * <li><b>schedule</b>: {@link KeyedWorkQueue} runs one worker per key at a time, with wake-ups;</li>
 * <li><b>publish</b>: {@link StatusAssembler} and {@link StatusPublisher} publish the status once per change;
 * {@link CharonLiveness} says whether charon answers, {@link PeerActivity} whether a peer changed.</li>
 * </ol>
 */
public final class Reconciler {

    /** The key of the global work (never a valid connection name: contains a NUL). */
    public static final String GLOBAL = "\u0000global";

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /**
     * Settings of a reconciler.
     *
     * @param resync period of the full resync; null: the desired state's {@code controller.resync}
     * @param initiateTimeout how long an initiate may take before charon is asked how it stands
     * @param reconnectDelay delay before retrying to reach charon after it was unreachable
     * @param retryPolicy overrides the desired state's default retry policy; null: use it
     * @param statusFile where to write status JSON; null: none
     * @param ownershipFile where to keep ownership; null: derived from statusFile, in memory without either
     * @param callTimeout how long the worker waits for one ordinary command
     * @param initiateWindow IKE_SAs negotiated at once per peer address
     * @param prune unload what this owner loaded and the desired state no longer has
     * @param allowMassPrune turn the prune guard ({@link PruneGuard}) off
     * @param heartbeat when charon has answered nothing for this long, a {@code version} request checks that it still
     *     answers, with the same time to answer; no answer marks it unresponsive. Zero: no heartbeat
     */
    public record Settings(Duration resync, Duration initiateTimeout, Duration reconnectDelay, RetryPolicy retryPolicy,
            Path statusFile, Path ownershipFile, Duration callTimeout, int initiateWindow, boolean prune,
            boolean allowMassPrune, Duration heartbeat) {

        /** The default heartbeat: a frozen charon shows as unresponsive within 20 s. */
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);

        public Settings {
            if (initiateWindow < 1) {
                throw new IllegalArgumentException("initiateWindow must be at least 1, got " + initiateWindow);
            }
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (heartbeat.isNegative()) {
                throw new IllegalArgumentException("heartbeat must not be negative, got " + heartbeat);
            }
        }

        /** Settings with the prune guard on and the default heartbeat. */
        public Settings(Duration resync, Duration initiateTimeout, Duration reconnectDelay, RetryPolicy retryPolicy,
                Path statusFile, Path ownershipFile, Duration callTimeout, int initiateWindow, boolean prune) {
            this(resync, initiateTimeout, reconnectDelay, retryPolicy, statusFile, ownershipFile, callTimeout,
                    initiateWindow, prune, false, DEFAULT_HEARTBEAT);
        }

        /** Settings that prune. */
        public Settings(Duration resync, Duration initiateTimeout, Duration reconnectDelay, RetryPolicy retryPolicy,
                Path statusFile, Path ownershipFile, Duration callTimeout, int initiateWindow) {
            this(resync, initiateTimeout, reconnectDelay, retryPolicy, statusFile, ownershipFile, callTimeout,
                    initiateWindow, true);
        }
    }

    private final CountingCharon charon;
    private final CharonCalls calls;
    private final Observer observer;
    private final ObservedStateCache cache = new ObservedStateCache();
    private final ObjectApplier applier;
    private final KeyedWorkQueue queue;
    private final StatusPublisher publisher;
    private final InitiateWindow window;
    private final EventSubscriptions subscriptions;
    private final TaskScheduler tasks;
    private final Clock clock;
    private final RandomGenerator random;
    private final Settings settings;
    private final FailureClassifier classifier;
    private final LogCorrelator correlator;

    private final Map<String, Map<String, ChildRuntime>> runtimes = new ConcurrentHashMap<>();
    private final Set<String> cutShortRequests = ConcurrentHashMap.newKeySet();
    private final PeerActivity peers;
    private final PassiveFailures passives = new PassiveFailures();
    private final ChildAttempts attempts;
    private final Map<String, ObjectApplier.Rejection> rejected = new ConcurrentHashMap<>();
    private final Set<Long> terminating = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean publishQueued = new AtomicBoolean();
    private final CompletableFuture<Void> firstPass = new CompletableFuture<>();
    private final ControllerStats stats = new ControllerStats();
    /** a full pass finished since charon was last (re)connected and no events were missed since (readiness) */
    private volatile boolean reconciled;
    /** counts losses (connection, events): a full pass makes the controller ready only if none came during it */
    private final java.util.concurrent.atomic.AtomicLong losses = new java.util.concurrent.atomic.AtomicLong();
    private volatile Instant lastFullPass;

    private volatile DesiredState desired;
    private volatile OwnershipStore owned;
    private volatile boolean reapply;
    /** the desired state was replaced since the last global pass: every connection is looked at */
    private volatile boolean desiredChangedSincePass = true;
    private volatile boolean connected;
    /** why charon is unreachable (for the status and the log), null when reached */
    private volatile String problem;
    private final CharonLiveness liveness;
    private volatile String version;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile Instant globalRequestedAt = Instant.MIN;
    private volatile TaskScheduler.Cancellable resyncTimer;
    /** the latest refused desired state (shown in the status), null once one is accepted */
    private volatile DesiredStateRefusal refusal;
    /** whether {@link #refusal} is the global pass withholding unloads (cleared when it no longer has to) */
    private volatile boolean refusalWithheld;

    public Reconciler(Charon charon, TaskScheduler tasks, Clock clock, RandomGenerator random, DesiredState desired,
            Settings settings) {
        this.charon = new CountingCharon(Objects.requireNonNull(charon, "charon"), clock, this::answered);
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.desired = Objects.requireNonNull(desired, "desired");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.classifier = new FailureClassifier(clock);
        this.correlator = new LogCorrelator(clock, 8192, 200);
        this.calls = new CharonCalls(this.charon, settings.callTimeout());
        this.observer = new Observer(calls);
        this.applier = new ObjectApplier(calls, cache, settings.initiateTimeout(), classifier);
        this.queue = new KeyedWorkQueue(tasks, clock, this::runWorker, () -> stopped);
        this.publisher = new StatusPublisher(tasks, clock, settings.statusFile(), this::resyncPeriod);
        this.window = new InitiateWindow(settings.initiateWindow());
        this.subscriptions = new EventSubscriptions(calls, sink);
        this.peers = new PeerActivity(clock);
        this.liveness = new CharonLiveness(this.charon, tasks, clock, settings.heartbeat(), () -> connected,
                () -> stopped, new CharonLiveness.Changes() {
                    @Override
                    public void changed() {
                        publishSoon();
                    }

                    @Override
                    public void lookAgain() {
                        markDirty(GLOBAL);
                    }
                });
        this.attempts = new ChildAttempts(this.charon, calls, cache, window, classifier, correlator, clock,
                settings.initiateTimeout(), wakeups, this::peerRecentlyUp);
    }

    private final Wakeups wakeups = new Wakeups() {
        @Override
        public void markDirty(String key) {
            Reconciler.this.markDirty(key);
        }

        @Override
        public void wakeUpAt(String key, Instant at) {
            scheduleWakeup(key, at);
        }

        @Override
        public void requestGlobal() {
            Reconciler.this.requestGlobal();
        }
    };

    // ---------------------------------------------------------------- lifecycle

    /** Opens the ownership store, subscribes to events and starts reconciling. */
    public void start() {
        if (started) {
            throw new IllegalStateException("controller already started");
        }
        started = true;
        owned = openOwnership();
        publishNow();
        markDirty(GLOBAL);
        scheduleResync();
        liveness.start();
    }

    /** Stops: cancels timers and subscriptions; work in progress finishes, nothing new starts. */
    public void stop() {
        stopped = true;
        publishNow();
        publisher.flush(); // whatever a coalesced write was still waiting for
        queue.cancelWakeups();
        TaskScheduler.Cancellable r = resyncTimer;
        if (r != null) {
            r.cancel();
        }
        liveness.stop();
        subscriptions.close();
        firstPass.cancel(false);
    }

    private OwnershipStore openOwnership() {
        String owner = desired.controller().owner();
        Path file = settings.ownershipFile();
        if (file == null && settings.statusFile() != null) {
            Path sf = settings.statusFile().toAbsolutePath();
            file = sf.resolveSibling(sf.getFileName() + ".owned.json");
        }
        if (file == null) {
            LOG.info("no status or ownership file: ownership of loaded objects is kept in memory only");
            return OwnershipStore.inMemory(owner);
        }
        return OwnershipStore.open(file, owner);
    }

    public void addListener(StatusListener l) {
        publisher.addListener(l);
    }

    public void removeListener(StatusListener l) {
        publisher.removeListener(l);
    }

    public ControllerStatus status() {
        return publisher.current();
    }

    public DesiredState desiredState() {
        return desired;
    }

    /** @return what the controller's cache says charon has now */
    public ObservedState observedState() {
        return cache.snapshot();
    }

    /** @return the requests sent to charon so far, per command (event registrations count as "register") */
    public Map<String, Long> requestCounts() {
        return charon.counts();
    }

    /** @return completes when the first full observation and its loads are done (charon reached) */
    public CompletableFuture<Void> firstPass() {
        return firstPass;
    }

    /** @return the connections charon rejected at the last attempt to load them, with charon's reason */
    public Map<String, String> rejectedConnections() {
        Map<String, String> m = new java.util.TreeMap<>();
        rejected.forEach((k, v) -> m.put(k, v.message()));
        return m;
    }

    /**
     * Replaces the desired state; changed connections get a fresh attempt right away.
     *
     * @throws PruneRefusedException if the prune guard refuses it; the previous desired state stays in force
     */
    public void updateDesiredState(DesiredState next) {
        Objects.requireNonNull(next, "desired state");
        OwnershipStore own = owned;
        if (own != null && guarded()) {
            PruneGuard.Verdict v = PruneGuard.check(next, own);
            if (v.refused()) {
                LOG.warn("desired state refused: {}; keeping the previous desired state", v.refusal());
                refusal = new DesiredStateRefusal(clock.instant(), v.refusal());
                refusalWithheld = false;
                publishSoon();
                throw new PruneRefusedException(v);
            }
        }
        refusal = null;
        refusalWithheld = false;
        DesiredState prev = desired;
        desired = next;
        desiredChangedSincePass = true;
        for (ConnectionConfig c : next.connections()) {
            Optional<ConnectionConfig> old = prev.connection(c.name());
            if (old.isEmpty() || !old.get().equals(c)) {
                cutShortRequests.add(c.name());
            }
        }
        publishSoon();
        markDirty(GLOBAL);
    }

    /**
     * Records in the status that a new desired state was refused before it got here (an invalid file, say): the
     * current one stays in force. Cleared by the next accepted {@link #updateDesiredState}.
     */
    public void reportRefusedUpdate(String reason) {
        Objects.requireNonNull(reason, "reason");
        LOG.warn("desired state refused: {}; keeping the previous desired state", reason);
        refusal = new DesiredStateRefusal(clock.instant(), reason);
        refusalWithheld = false;
        publishSoon();
    }

    private boolean guarded() {
        return settings.prune() && !settings.allowMassPrune();
    }

    /** Drops the plan's unloads when the prune guard refuses them (a controller started with a gutted file). */
    private Plan guard(DesiredState d, Plan plan) {
        if (!guarded()) {
            return plan;
        }
        PruneGuard.Verdict v = PruneGuard.check(d, owned);
        if (v.refused()) {
            String reason = "nothing unloaded: " + v.refusal();
            DesiredStateRefusal r = refusal;
            if (r == null || !r.reason().equals(reason)) {
                LOG.warn("{}; set controller.maxPruneShare to allow it, or give a desired state that keeps more",
                        reason);
                refusal = new DesiredStateRefusal(clock.instant(), reason);
                refusalWithheld = true;
            }
            return new Plan(plan.actions().stream().filter(a -> !(a instanceof Action.Unload)).toList());
        }
        if (refusalWithheld) {
            refusal = null;
            refusalWithheld = false;
        }
        return plan;
    }

    // ---------------------------------------------------------------- work queue

    /** Marks a key dirty: its worker runs soon (again, if it is running now). */
    public void markDirty(String key) {
        queue.markDirty(key);
    }

    private void runWorker(String key) {
        Instant start = clock.instant();
        try {
            if (!stopped) {
                if (GLOBAL.equals(key)) {
                    globalPass();
                } else {
                    reconcileConnection(key);
                }
            }
        } catch (RuntimeException e) {
            Throwable c = Futures.unwrap(e);
            if (stopped) {
                LOG.debug("reconcile of {} ended by stop: {}", label(key), c.toString());
            } else if (c instanceof ViciConnectionException vce) {
                charonLost(vce);
            } else if (c instanceof ViciTimeoutException vte) {
                liveness.unresponsive("no answer to a request within " + settings.callTimeout().toSeconds() + " s ("
                        + vte.getMessage() + ")");
                scheduleWakeup(key, clock.instant().plus(settings.reconnectDelay()));
            } else {
                LOG.warn("reconcile of {} failed: {}; retrying at the next resync", label(key), c.toString());
                LOG.debug("reconcile failure", e);
            }
        } finally {
            stats.pass(GLOBAL.equals(key), Duration.between(start, clock.instant()));
        }
    }

    private static String label(String key) {
        return GLOBAL.equals(key) ? "charon-wide objects" : "connection '" + key + "'";
    }

    private void markAllConnections() {
        Set<String> keys = new LinkedHashSet<>();
        desired.connections().forEach(c -> keys.add(c.name()));
        keys.addAll(runtimes.keySet());
        keys.forEach(this::markDirty);
    }

    private void scheduleWakeup(String key, Instant at) {
        queue.wakeUpAt(key, at);
    }

    /** Asks for a global pass soon, at most once a second (a connection found not loaded, for instance). */
    private void requestGlobal() {
        Instant now = clock.instant();
        if (Duration.between(globalRequestedAt, now).compareTo(Duration.ofSeconds(1)) >= 0) {
            globalRequestedAt = now;
            markDirty(GLOBAL);
        } else {
            scheduleWakeup(GLOBAL, globalRequestedAt.plusSeconds(1));
        }
    }

    private void scheduleResync() {
        if (stopped) {
            return;
        }
        resyncTimer = tasks.schedule(() -> {
            publisher.heartbeat();
            markDirty(GLOBAL);
            scheduleResync();
        }, resyncPeriod());
    }

    private Duration resyncPeriod() {
        return settings.resync() != null ? settings.resync() : desired.controller().resync();
    }

    // ---------------------------------------------------------------- events

    private final Charon.Events sink = new Charon.Events() {
        @Override
        public void onEvent(String name, ViciSection message) {
            handleEvent(name, message);
        }

        @Override
        public void onGap(String reason, boolean connectionLost) {
            stats.gap(connectionLost);
            notReconciled();
            if (connectionLost) {
                LOG.info("events from charon were missed ({}); re-applying and resynchronising", reason);
                reapply = true;
                correlator.clear();
            } else {
                LOG.warn("events from charon were missed ({}); resynchronising", reason);
            }
            cache.invalidate();
            markDirty(GLOBAL);
        }

        @Override
        public void onClosed(ViciException cause) {
            if (cause != null && !stopped) {
                LOG.info("event subscription ended: {}", cause.getMessage());
                notReconciled();
                reapply = true;
                cache.invalidate();
                scheduleWakeup(GLOBAL, clock.instant().plus(settings.reconnectDelay()));
            }
        }
    };

    /** Handles one event (on the client's listener thread): updates the cache, marks keys dirty, queues findings. */
    void handleEvent(String name, ViciSection message) {
        if (stopped) {
            return;
        }
        stats.event(name);
        switch (name) {
            case "log" -> correlator.accept(message).ifPresent(pf -> {
                if (pf.ikeSaName() != null) {
                    queuePassive(pf.ikeSaName(), new PassiveFailures.Passive(pf.ikeSaName(), pf.childName(),
                            pf.failure(), false));
                }
            });
            case "alert" -> classifier.classifyAlert(message).ifPresent(af -> {
                if (af.ikeSaName() != null) {
                    queuePassive(af.ikeSaName(), new PassiveFailures.Passive(af.ikeSaName(), af.childName(),
                            af.failure(), true));
                }
            });
            case "ike-updown", "child-updown", "ike-rekey", "child-rekey" -> {
                if ("ike-updown".equals(name)) {
                    peerChanged(message, message.bool("up"));
                }
                for (String conn : cache.onEvent(name, message)) {
                    if (desired.connection(conn).isPresent() || runtimes.containsKey(conn)) {
                        markDirty(conn);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** An IKE_SA with a peer came up or went down: the waits of the connections to that peer are cut short. */
    private void peerChanged(ViciSection message, boolean up) {
        for (String conn : peers.ikeUpDown(message, up)) {
            if (desired.connection(conn).isPresent()) {
                cutShortRequests.add(conn);
                markDirty(conn);
            }
        }
    }

    /** @return whether an IKE_SA with the connection's peer was up a moment ago ({@link PeerActivity}) */
    private boolean peerRecentlyUp(String conn) {
        return desired.connection(conn).map(c -> peers.recentlyUp(ChildAttempts.peer(c))).orElse(false);
    }

    private void queuePassive(String conn, PassiveFailures.Passive p) {
        if (desired.connection(conn).isEmpty()) {
            return;
        }
        passives.add(conn, p);
        markDirty(conn);
    }

    // ---------------------------------------------------------------- global pass

    private void globalPass() {
        long lossesBefore = losses.get();
        if (subscriptions.ensureSubscribed()) {
            cache.invalidate(); // events before this registration were missed
        }
        boolean full = reapply;
        boolean desiredChanged = desiredChangedSincePass;
        desiredChangedSincePass = false;
        boolean wasObserved = cache.isObserved();
        ObservedState previous = wasObserved ? cache.snapshot() : null;
        cache.beginObservation();
        ObservedState observed = observer.observe();
        cache.replace(observed);
        peers.observed(observed);
        boolean wasConnected = connected;
        version = observed.version();
        connected = true;
        boolean reconnect = full && firstPass.isDone(); // reapply is set only when the connection was lost
        if (full) {
            if (wasConnected || status().charon().version() != null) {
                LOG.info("re-applying everything to charon {}", version);
            }
            correlator.clear();
            owned.forgetDigests();
            // A (re)started charon is a fresh relevant event for every child: backoff waits earned against the
            // previous daemon end now; the failure counts are kept.
            desired.connections().forEach(c -> cutShortRequests.add(c.name()));
        }
        DesiredState d = desired;
        Plan plan = guard(d, Planner.plan(d, cache.snapshot(), owned, new Planner.Options(settings.prune(), full)));
        for (Action.Load l : plan.loads(org.vici4j.controller.plan.ObjectKind.CONNECTION)) {
            rejected.remove(l.name());
        }
        Map<String, ObjectApplier.Rejection> rej = applier.apply(plan, d, owned);
        rejected.putAll(rej);
        rejected.keySet().removeIf(k -> d.connection(k).isEmpty());
        reapply = false;
        if (reconnect) {
            stats.reconnected();
        }
        reconciled = losses.get() == lossesBefore; // else the pass marked dirty by the loss follows
        lastFullPass = clock.instant();
        if (!firstPass.isDone()) {
            publishNow(); // whoever waits for the first pass reads a status that says charon was reached
            firstPass.complete(null);
        } else {
            publishSoon();
        }
        if (full || desiredChanged || previous == null || !plan.loads(
                org.vici4j.controller.plan.ObjectKind.CONNECTION).isEmpty() || !plan.unloads(
                org.vici4j.controller.plan.ObjectKind.CONNECTION).isEmpty()) {
            markAllConnections();
        } else {
            markChangedConnections(previous, cache.snapshot());
        }
    }

    /**
     * After a routine resync (nothing loaded, nothing re-applied, the desired state unchanged), marks only the
     * connections whose observation differs in substance from what the cache had (events kept it current, so
     * normally none) and those whose children are not settled: at 1,000 connections an unchanged resync then costs
     * one observation and no worker run.
     */
    private void markChangedConnections(ObservedState before, ObservedState after) {
        for (ConnectionConfig c : desired.connections()) {
            String name = c.name();
            if (needsAttention(name) || !ObservedFingerprint.same(before.connection(name), after.connection(name))) {
                markDirty(name);
            }
        }
        for (String name : runtimes.keySet()) {
            if (desired.connection(name).isEmpty()) {
                markDirty(name);
            }
        }
    }

    /** @return whether a connection's children are not settled as desired (or were never decided) */
    private boolean needsAttention(String name) {
        Map<String, ChildRuntime> rt = runtimes.get(name);
        if (rt == null || rt.isEmpty() || rejected.containsKey(name) || cutShortRequests.contains(name)) {
            return true;
        }
        for (ChildRuntime r : rt.values()) {
            if (r.awaiting || r.reply != null || r.snapshot == null || (r.state != ChildState.INSTALLED
                    && r.state != ChildState.TRAPPED && r.state != ChildState.LOADED)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- connections

    private void reconcileConnection(String name) {
        if (!connected || !cache.isObserved()) {
            return; // the global pass marks every connection once it has observed charon
        }
        Optional<ConnectionConfig> cfg = desired.connection(name);
        if (cfg.isEmpty()) {
            runtimes.remove(name);
            passives.forget(name);
            window.release(name).forEach(this::markDirty);
            publishSoon();
            return;
        }
        ConnectionConfig c = cfg.get();
        Map<String, ChildRuntime> rt = runtime(c);
        attempts.processReplies(name, rt, cache.connection(name));
        ObservedConnection obs = cache.connection(name);
        boolean complete = obs.loaded() && c.children().stream().allMatch(ch -> obs.hasChildConfig(ch.name()));
        if (!complete) {
            ObjectApplier.Rejection rej = rejected.get(name);
            if (rej != null) {
                reportRejection(c, rt, rej);
                publishSoon();
            } else {
                requestGlobal();
            }
            return;
        }
        terminateUndesiredChildren(c, obs);
        if (cutShortRequests.remove(name)) {
            rt.values().forEach(r -> r.retry.cutShort());
        }
        passives.apply(name, rt, obs, attempts::end);
        Instant now = clock.instant();
        boolean changed = false;
        for (ChildConfig ch : c.children()) {
            ChildRuntime r = rt.get(ch.name());
            ObservedConnection o = cache.connection(name);
            reconcileChild(c, ch, r, o, now);
            changed |= StatusAssembler.snapshot(c, r, now);
        }
        boolean waiting = rt.values().stream()
                .anyMatch(r -> r.state == ChildState.RETRYING || r.state == ChildState.FAILED);
        peers.waiting(ChildAttempts.peer(c), name, waiting);
        ObservedConnection after = cache.connection(name);
        if (window.holds(name) && (after.ikeEstablished() || rt.values().stream().noneMatch(r -> r.awaiting))) {
            window.release(name).forEach(this::markDirty);
        }
        if (changed) {
            publishSoon();
        }
    }

    private void reportRejection(ConnectionConfig c, Map<String, ChildRuntime> rt, ObjectApplier.Rejection rej) {
        LOG.debug("{}", rej.message()); // reported (once) as the children's failure by the status log
        Failure f = new Failure(rej.failureClass(), Side.LOCAL, rej.message(), null, rej.evidence(),
                clock.instant());
        for (ChildRuntime r : rt.values()) {
            if (r.retry.lastFailure().map(x -> !x.message().equals(f.message())).orElse(true)) {
                r.retry.noteFailure(f);
            }
            r.state = ChildState.FAILED;
            StatusAssembler.snapshot(c, r, clock.instant());
        }
    }

    private Map<String, ChildRuntime> runtime(ConnectionConfig c) {
        Map<String, ChildRuntime> rt = runtimes.computeIfAbsent(c.name(), k -> new ConcurrentHashMap<>());
        RetryPolicy policy = settings.retryPolicy() != null && c.retry().isEmpty() ? settings.retryPolicy()
                : desired.retryPolicy(c.name());
        for (ChildConfig ch : c.children()) {
            ChildRuntime r = rt.computeIfAbsent(ch.name(), ChildRuntime::new);
            if (!policy.equals(r.policy)) {
                r.policy = policy;
                RetryState old = r.retry;
                r.retry = new RetryState(policy, clock, random);
                if (old != null) {
                    old.lastFailure().ifPresent(r.retry::noteFailure);
                }
            }
        }
        rt.keySet().removeIf(k -> c.child(k).isEmpty());
        return rt;
    }

    private void terminateUndesiredChildren(ConnectionConfig c, ObservedConnection obs) {
        for (Action a : Planner.childActions(c, obs)) {
            // charon's unique ids start at 1: a CHILD_SA listed without one cannot be selected
            if (a instanceof Action.TerminateChild t && t.uniqueId() > 0 && terminating.add(t.uniqueId())) {
                LOG.info("terminating CHILD_SA {}{{}} of connection '{}': child no longer desired", t.child(),
                        t.uniqueId(), c.name());
                charon.terminateWithoutLog(TerminateRequest.builder().childId(t.uniqueId()).returnImmediately().build())
                        .whenComplete((r, e) -> terminating.remove(t.uniqueId()));
            }
        }
    }

    // ---------------------------------------------------------------- children

    private void reconcileChild(ConnectionConfig c, ChildConfig ch, ChildRuntime r, ObservedConnection obs,
            Instant now) {
        String conn = c.name();
        boolean installed = obs.installed(ch.name());
        boolean negotiating = !installed && !r.awaiting && ChildAttempts.negotiating(obs, ch);
        ChildDecision.Decision d = ChildDecision.decide(new ChildDecision.Input(ch.ensure(), installed,
                obs.trapped(ch.name()), r.awaiting || negotiating, negotiating ? now.plus(recheckDelay()) : r.deadline,
                r.retry.hasGivenUp(), r.retry.nextAttemptAt().orElse(null), now));
        ChildState state = d.state();
        switch (d.step()) {
            case SUCCEEDED -> attempts.succeeded(conn, r);
            case INITIATE -> attempts.initiate(c, ch, r, obs);
            case INSTALL -> state = attempts.install(conn, ch.name(), r);
            case CHECK_OVERDUE -> state = attempts.checkOverdue(conn, ch, r);
            default -> {
            }
        }
        if (d.wakeAt() != null) {
            scheduleWakeup(conn, d.wakeAt());
        }
        r.state = state;
    }

    private Duration recheckDelay() {
        Duration resync = resyncPeriod();
        Duration two = Duration.ofSeconds(2);
        return resync.compareTo(two) < 0 ? resync : two;
    }

    // ---------------------------------------------------------------- charon lost, frozen, answering

    /** charon answered a request (on the client's thread). */
    private void answered() {
        CharonLiveness l = liveness;
        if (l != null) { // requests are only sent after construction; this is for the compiler's peace
            l.answered();
        }
    }

    private void charonLost(ViciConnectionException e) {
        boolean was = connected;
        connected = false;
        notReconciled();
        liveness.connectionLost();
        problem = e.getMessage();
        reapply = true;
        cache.invalidate();
        window.clear();
        runtimes.values().forEach(m -> m.values().forEach(r -> {
            r.awaiting = false; // the attempt does not count: charon went away
            r.deadline = null;
        }));
        // the status log says it (WARN) once, and again when the cause changes
        LOG.debug("charon {}unreachable: {}", was ? "" : "still ", e.getMessage());
        publishSoon();
        scheduleWakeup(GLOBAL, clock.instant().plus(settings.reconnectDelay()));
    }

    // ---------------------------------------------------------------- counters and health

    /** Charon or its events were lost: not ready until the next full pass that no loss interrupts. */
    private void notReconciled() {
        losses.incrementAndGet();
        reconciled = false;
    }

    /** @return what was counted so far ({@link org.vici4j.controller.Controller#counters()}) */
    public ControllerCounters counters() {
        Map<String, Map<String, ControllerCounters.ChildCounters>> children = new HashMap<>();
        runtimes.forEach((conn, rt) -> {
            Map<String, ControllerCounters.ChildCounters> m = new HashMap<>();
            rt.forEach((child, r) -> m.put(child, r.counts.snapshot()));
            children.put(conn, m);
        });
        return new ControllerCounters(charon.counts(), charon.times(), charon.failures(), stats.events(),
                stats.reconnects(), stats.gaps(), stats.fullPasses(), stats.connectionPasses(), children);
    }

    /** @return whether the controller is ready ({@link org.vici4j.controller.Controller#health()}) */
    public ControllerHealth health() {
        return new ControllerHealth(started && !stopped, charonState(), subscriptions.isSubscribed(),
                reconciled, lastFullPass);
    }

    /** @return completes once a task given to the controller's executor now has run: its scheduler is alive */
    public CompletableFuture<Void> ping() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            tasks.execute(() -> f.complete(null));
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    // ---------------------------------------------------------------- status

    /** Publishes the status soon, once for any number of changes made until then. */
    private void publishSoon() {
        if (publishQueued.compareAndSet(false, true)) {
            tasks.execute(() -> {
                publishQueued.set(false);
                publishNow();
            });
        }
    }

    private void publishNow() {
        publisher.publish(this::computeStatus);
    }

    private CharonStatus.State charonState() {
        return !connected ? CharonStatus.State.UNREACHABLE
                : liveness.isUnresponsive() ? CharonStatus.State.UNRESPONSIVE : CharonStatus.State.CONNECTED;
    }

    private ControllerStatus computeStatus() {
        CharonStatus.State state = charonState();
        String why = state == CharonStatus.State.UNREACHABLE ? problem
                : state == CharonStatus.State.UNRESPONSIVE ? liveness.problem() : null;
        ControllerStatus s = StatusAssembler.assemble(desired, runtimes, new CharonStatus(state, version, why));
        return new ControllerStatus(s.charon(), s.connections(), refusal);
    }
}
