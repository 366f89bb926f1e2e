package org.vici4j.controller.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.CharonStatus;
import org.vici4j.controller.ChildState;
import org.vici4j.controller.ChildStatus;
import org.vici4j.controller.ConnectionStatus;
import org.vici4j.controller.ControllerStatus;
import org.vici4j.controller.StatusListener;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.FailureClassifier;
import org.vici4j.controller.failure.LogCorrelator;
import org.vici4j.controller.failure.LogLine;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.retry.RetryPolicy;
import org.vici4j.controller.retry.RetryState;

/**
 * The level-triggered reconciler behind {@link org.vici4j.controller.Controller}.
 *
 * <p>Events, desired-state updates, timers and the periodic resync only mark keys dirty: a connection name, or
 * {@link #GLOBAL} (charon reachability, event subscriptions, secrets, pools, authorities). One worker per key runs
 * at a time (a key marked dirty while its worker runs is run again afterwards). A connection's worker reads the full
 * observed state ({@code list-conns}, {@code list-sas}) and acts on the difference to the desired state. Initiates
 * are asynchronous, at most one per child, always with an explicit timeout; their outcome is handed back to the
 * key's worker. See docs/controller.md.
 *
 * <p>This class decides; its collaborators do one thing each: {@link KeyedWorkQueue} (keys, one worker per key,
 * wake-ups), {@link EventSubscriptions} (events and the optional {@code alert}), {@link CharonCalls} (blocking
 * commands and observations), {@link ConnectionLoader} ({@code load-conn}/{@code unload-conn}, verified),
 * {@link CharonWideObjects} (secrets, pools, authorities), {@link InitiateSlots} (initiates in flight),
 * {@link ChildRuntime} (per-child bookkeeping) and {@link StatusPublisher} (snapshot, listeners, status file).
 */
public final class Reconciler {

    /** The key of the global work (never a valid connection name: contains a NUL). */
    public static final String GLOBAL = "\u0000global";

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final Duration END_GRACE = Duration.ofSeconds(2);
    private static final Set<String> NEGOTIATING_CHILD_STATES = Set.of("CREATED", "ROUTED", "INSTALLING", "UPDATING",
            "REKEYING", "REKEYED", "MIGRATING");

    /**
     * Settings of a reconciler.
     *
     * @param resync period of the full resync; null: the desired state's {@code controller.resync}
     * @param initiateTimeout charon-side timeout of each initiate (the client waits a little longer)
     * @param reconnectDelay delay before retrying to reach charon after it was unreachable
     * @param retryPolicy overrides the desired state's default retry policy; null: use it
     * @param statusFile where to write status JSON; null: none
     * @param ownershipFile where to keep ownership; null: derived from statusFile, in memory without either
     * @param callTimeout how long the worker waits for one ordinary command
     * @param maxConcurrentInitiates initiates in flight at once over all children (each occupies one of the client's
     *     command connections for up to {@code initiateTimeout}); further due children wait for a free slot
     */
    public record Settings(Duration resync, Duration initiateTimeout, Duration reconnectDelay, RetryPolicy retryPolicy,
            Path statusFile, Path ownershipFile, Duration callTimeout, int maxConcurrentInitiates) {

        public Settings {
            if (maxConcurrentInitiates < 1) {
                throw new IllegalArgumentException("maxConcurrentInitiates must be at least 1, got "
                        + maxConcurrentInitiates);
            }
        }
    }

    private record Passive(String ikeSaName, String childName, Failure failure, boolean alert) {
    }

    /** How far apart an alert and the log lines of the same failure may arrive. */
    private static final Duration SAME_EVENT = Duration.ofSeconds(5);

    private final Charon charon;
    private final CharonCalls calls;
    private final CharonWideObjects wideObjects;
    private final KeyedWorkQueue queue;
    private final StatusPublisher publisher;
    private final InitiateSlots slots;
    private final EventSubscriptions subscriptions;
    private final ConnectionLoader connections;
    private final TaskScheduler tasks;
    private final Clock clock;
    private final RandomGenerator random;
    private final Settings settings;
    private final FailureClassifier classifier;
    private final LogCorrelator correlator;

    private final Map<String, Map<String, ChildRuntime>> runtimes = new ConcurrentHashMap<>();
    private final Set<String> cutShortRequests = ConcurrentHashMap.newKeySet();
    private final Map<String, Queue<Passive>> passives = new ConcurrentHashMap<>();

    private volatile DesiredState desired;
    private volatile OwnershipStore owned;
    private volatile boolean needsFullApply = true;
    private volatile boolean connected;
    private volatile String version;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile TaskScheduler.Cancellable resyncTimer;

    public Reconciler(Charon charon, TaskScheduler tasks, Clock clock, RandomGenerator random, DesiredState desired,
            Settings settings) {
        this.charon = Objects.requireNonNull(charon, "charon");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.desired = Objects.requireNonNull(desired, "desired");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.classifier = new FailureClassifier(clock);
        this.correlator = new LogCorrelator(clock);
        this.calls = new CharonCalls(charon, settings.callTimeout());
        this.wideObjects = new CharonWideObjects(calls);
        this.queue = new KeyedWorkQueue(tasks, clock, this::runWorker, () -> stopped);
        this.publisher = new StatusPublisher(tasks, clock, settings.statusFile());
        this.slots = new InitiateSlots(settings.maxConcurrentInitiates());
        this.subscriptions = new EventSubscriptions(calls, sink);
        this.connections = new ConnectionLoader(calls);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Opens the ownership store, subscribes to events and starts reconciling. */
    public void start() {
        if (started) {
            throw new IllegalStateException("controller already started");
        }
        started = true;
        owned = openOwnership();
        publishStatus();
        markDirty(GLOBAL);
        scheduleResync();
    }

    /** Stops: cancels timers and subscriptions; work in progress finishes, nothing new starts. */
    public void stop() {
        stopped = true;
        publisher.flush(); // whatever a coalesced write was still waiting for
        queue.cancelWakeups();
        TaskScheduler.Cancellable r = resyncTimer;
        if (r != null) {
            r.cancel();
        }
        subscriptions.close();
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

    /** Replaces the desired state; changed connections get a fresh attempt right away. */
    public void updateDesiredState(DesiredState next) {
        Objects.requireNonNull(next, "desired state");
        DesiredState prev = desired;
        desired = next;
        for (ConnectionConfig c : next.connections()) {
            Optional<ConnectionConfig> old = prev.connection(c.name());
            if (old.isEmpty() || !old.get().equals(c)) {
                cutShortRequests.add(c.name());
            }
        }
        publishStatus();
        markDirty(GLOBAL);
        markAllConnections(prev);
    }

    // ---------------------------------------------------------------- work queue

    /** Marks a key dirty: its worker runs soon (again, if it is running now). */
    public void markDirty(String key) {
        queue.markDirty(key);
    }

    /** One run of a key's worker (called by the work queue, at most one at a time per key). */
    private void runWorker(String key) {
        try {
            if (!stopped) {
                if (GLOBAL.equals(key)) {
                    applyGlobal();
                } else {
                    reconcileConnection(key);
                }
            }
        } catch (RuntimeException e) {
            Throwable c = unwrap(e);
            if (stopped) {
                LOG.debug("reconcile of {} ended by stop: {}", label(key), c.toString());
            } else if (c instanceof ViciConnectionException vce) {
                charonLost(vce);
            } else {
                LOG.warn("reconcile of {} failed: {}; retrying at the next resync", label(key), c.toString());
                LOG.debug("reconcile failure", e);
            }
        }
    }

    private static String label(String key) {
        return GLOBAL.equals(key) ? "charon-wide objects" : "connection '" + key + "'";
    }

    private void markAllConnections(DesiredState also) {
        Set<String> keys = new LinkedHashSet<>();
        desired.connections().forEach(c -> keys.add(c.name()));
        if (also != null) {
            also.connections().forEach(c -> keys.add(c.name()));
        }
        OwnershipStore o = owned;
        if (o != null) {
            keys.addAll(o.names(OwnershipStore.Kind.CONNECTIONS));
        }
        keys.addAll(runtimes.keySet());
        keys.forEach(this::markDirty);
    }

    private void scheduleWakeup(String key, Instant at) {
        queue.wakeUpAt(key, at);
    }

    private void scheduleResync() {
        if (stopped) {
            return;
        }
        Duration period = resyncPeriod();
        resyncTimer = tasks.schedule(() -> {
            markDirty(GLOBAL);
            scheduleResync();
        }, period);
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
            if (connectionLost) {
                LOG.info("events from charon were missed ({}); re-applying and resynchronising", reason);
                needsFullApply = true;
                correlator.clear();
            } else {
                LOG.warn("events from charon were missed ({}); resynchronising", reason);
            }
            markDirty(GLOBAL);
        }

        @Override
        public void onClosed(ViciException cause) {
            if (cause != null && !stopped) {
                LOG.info("event subscription ended: {}", cause.getMessage());
                needsFullApply = true;
                scheduleWakeup(GLOBAL, clock.instant().plus(settings.reconnectDelay()));
            }
        }
    };

    /** Handles one event (called on the client's listener thread; only marks keys dirty and queues findings). */
    void handleEvent(String name, ViciSection message) {
        if (stopped) {
            return;
        }
        switch (name) {
            case "log" -> correlator.accept(message).ifPresent(pf -> {
                if (pf.ikeSaName() != null) {
                    queuePassive(pf.ikeSaName(), new Passive(pf.ikeSaName(), pf.childName(), pf.failure(), false));
                }
            });
            case "alert" -> classifier.classifyAlert(message).ifPresent(af -> {
                if (af.ikeSaName() != null) {
                    queuePassive(af.ikeSaName(), new Passive(af.ikeSaName(), af.childName(), af.failure(), true));
                }
            });
            case "ike-updown", "child-updown", "ike-rekey", "child-rekey" -> {
                boolean up = message.bool("up");
                for (var e : message.entries()) {
                    if (e.getValue() instanceof ViciSection) {
                        String ike = e.getKey();
                        if (up && "ike-updown".equals(name)) {
                            cutShortRequests.add(ike); // the peer is back: waiting children try now
                        }
                        if (desired.connection(ike).isPresent() || runtimes.containsKey(ike)) {
                            markDirty(ike);
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    private void queuePassive(String conn, Passive p) {
        if (desired.connection(conn).isEmpty()) {
            return;
        }
        passives.computeIfAbsent(conn, k -> new ConcurrentLinkedQueue<>()).add(p);
        markDirty(conn);
    }

    // ---------------------------------------------------------------- global apply

    private void applyGlobal() {
        ensureSubscribed();
        ViciSection v = call("version", ViciSection.empty());
        boolean wasConnected = connected;
        version = v.stringOr("version", null);
        connected = true;
        boolean full = needsFullApply;
        if (full) {
            if (wasConnected || status().charon().version() != null) {
                LOG.info("re-applying everything to charon {}", version);
            }
            connections.forgetAll();
            wideObjects.forgetLoaded();
            correlator.clear();
            // A (re)started charon is a fresh relevant event for every child: backoff waits earned
            // against the previous daemon end now; the failure counts are kept.
            desired.connections().forEach(c -> cutShortRequests.add(c.name()));
        }
        DesiredState d = desired;
        OwnershipStore o = owned;
        wideObjects.apply(d, o, full);
        needsFullApply = false;
        publishStatus();
        markAllConnections(null);
    }

    private void ensureSubscribed() {
        if (subscriptions.ensureSubscribed()) {
            needsFullApply = true; // events before this registration were missed
        }
    }

    // ---------------------------------------------------------------- connections

    private void reconcileConnection(String name) {
        if (needsFullApply || !connected) {
            markDirty(GLOBAL);
            return;
        }
        Optional<ConnectionConfig> cfg = desired.connection(name);
        if (cfg.isEmpty()) {
            removeConnection(name);
            return;
        }
        ConnectionConfig c = cfg.get();
        Map<String, ChildRuntime> rt = runtime(c);
        try {
            connections.ensureLoaded(c, owned);
        } catch (ConnectionLoader.ApplyException e) {
            LOG.debug("{}", e.getMessage()); // reported (once) as the children's failure by the status log
            Failure f = new Failure(FailureClass.UNKNOWN, Side.LOCAL, e.getMessage(), null, e.evidence,
                    clock.instant());
            for (ChildRuntime r : rt.values()) {
                if (r.retry.lastFailure().map(x -> !x.message().equals(f.message())).orElse(true)) {
                    r.retry.noteFailure(f);
                }
                r.state = ChildState.FAILED;
                snapshot(c, r);
            }
            scheduleWakeup(name, clock.instant().plus(resyncPeriod()));
            publishStatus();
            return;
        }
        List<IkeSa> sas = listSas(name);
        terminateUndesiredChildren(c, sas);
        applyPassives(c, rt, sas);
        boolean cut = cutShortRequests.remove(name);
        for (ChildConfig ch : c.children()) {
            ChildRuntime r = rt.get(ch.name());
            if (cut) {
                r.retry.cutShort();
            }
            reconcileChild(c, ch, r, sas);
            snapshot(c, r);
        }
        publishStatus();
    }

    private Map<String, ChildRuntime> runtime(ConnectionConfig c) {
        Map<String, ChildRuntime> rt = runtimes.computeIfAbsent(c.name(), k -> new ConcurrentHashMap<>());
        RetryPolicy policy = settings.retryPolicy() != null && c.retry().isEmpty() ? settings.retryPolicy()
                : RetryPolicy.from(desired.retryPolicy(c.name()));
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

    private void terminateUndesiredChildren(ConnectionConfig c, List<IkeSa> sas) {
        for (IkeSa ike : sas) {
            if (!ike.name().equals(c.name())) {
                continue;
            }
            for (ChildSa cs : ike.childSas()) {
                if (c.child(cs.name()).isEmpty() && cs.isInstalled()) {
                    LOG.info("terminating CHILD_SA {}{{}} of connection '{}': child no longer desired", cs.name(),
                            cs.uniqueId(), c.name());
                    terminate(ViciSection.builder().add("ike", c.name()).add("child", cs.name()).build());
                }
            }
        }
    }

    private void applyPassives(ConnectionConfig c, Map<String, ChildRuntime> rt, List<IkeSa> sas) {
        Queue<Passive> q = passives.get(c.name());
        if (q == null) {
            return;
        }
        Passive p;
        while ((p = q.poll()) != null) {
            List<ChildRuntime> targets = new ArrayList<>();
            if (p.childName() != null && rt.containsKey(p.childName())) {
                targets.add(rt.get(p.childName()));
            } else if (rt.size() == 1) {
                targets.addAll(rt.values());
            } else {
                for (ChildRuntime r : rt.values()) {
                    if (!installed(c.name(), r.name, sas)) {
                        targets.add(r);
                    }
                }
            }
            for (ChildRuntime r : targets) {
                if (r.inFlight) {
                    if (p.alert()) {
                        r.alerts.add(p.failure()); // merged when our initiate's result arrives
                    }
                    // log-derived: the initiate's own result classifies this attempt
                } else if (r.awaitingCharon) {
                    // the end of an attempt of ours that charon continued after the initiate returned
                    r.awaitingCharon = false;
                    r.endedAt = null;
                    record(c.name(), r.name, r, p.failure());
                } else if (p.alert() || p.failure().at().isAfter(r.quietUntil)) {
                    Failure f = withAlertOfTheSameEvent(r.retry.lastFailure().orElse(null), p);
                    r.retry.noteFailure(f);
                    LOG.debug("failure seen in charon's {} for {}/{}: {}", p.alert() ? "alerts" : "log", c.name(),
                            r.name, f.summary());
                }
            }
        }
    }

    /**
     * charon 6.0.3+ reports a failure twice, as log lines and as an alert, as separate events: when the failure
     * noted just before is the other half of the same event (same class and side, within {@link #SAME_EVENT}), the
     * two are combined, so that the status keeps both the alert and the log lines that explain it.
     */
    private static Failure withAlertOfTheSameEvent(Failure previous, Passive p) {
        Failure f = p.failure();
        if (previous == null || previous.failureClass() != f.failureClass() || previous.side() != f.side()
                || Duration.between(previous.at(), f.at()).abs().compareTo(SAME_EVENT) > 0) {
            return f;
        }
        boolean previousIsAlert = previous.evidence().stream().anyMatch(l -> l.startsWith("alert "));
        if (p.alert() == previousIsAlert) {
            return f;
        }
        return p.alert() ? previous.mergedWithAlert(f) : f.mergedWithAlert(previous);
    }

    private static boolean installed(String conn, String child, List<IkeSa> sas) {
        return sas.stream().filter(i -> i.name().equals(conn))
                .anyMatch(i -> i.childSas().stream().anyMatch(cs -> cs.name().equals(child) && cs.isInstalled()));
    }

    private void reconcileChild(ConnectionConfig c, ChildConfig ch, ChildRuntime r, List<IkeSa> sas) {
        String conn = c.name();
        boolean isInstalled = installed(conn, ch.name(), sas);
        boolean negotiating = false;
        for (IkeSa ike : sas) {
            if (!ike.name().equals(conn)) {
                continue;
            }
            if ("CONNECTING".equals(ike.state()) && ch.ensure() == Ensure.UP) {
                negotiating = true;
            }
            for (ChildSa cs : ike.childSas()) {
                if (cs.name().equals(ch.name()) && NEGOTIATING_CHILD_STATES.contains(cs.state())) {
                    negotiating = true;
                }
            }
        }
        ChildRuntime.Outcome out = r.pending;
        if (out != null) {
            r.pending = null;
            r.inFlight = false;
            // log lines of this attempt may still arrive as events: they are not a new failure
            r.quietUntil = clock.instant().plus(Duration.ofSeconds(5));
            handleOutcome(conn, ch.name(), r, out, isInstalled);
        }
        if (r.awaitingCharon && !r.inFlight) {
            if (isInstalled || negotiating) {
                r.endedAt = null;
                r.awaitingCharon = !isInstalled;
            } else if (r.endedAt == null) {
                // give the log events of the attempt's end a moment to arrive and classify it
                r.endedAt = clock.instant();
                scheduleWakeup(conn, r.endedAt.plus(END_GRACE));
            } else if (!clock.instant().isBefore(r.endedAt.plus(END_GRACE))) {
                r.awaitingCharon = false;
                r.endedAt = null;
                Failure f = classifier.classifyLines(correlator.linesFor(conn, r.attemptStart))
                        .orElseGet(() -> new Failure(FailureClass.UNKNOWN, Side.LOCAL,
                                "the attempt charon continued after the initiate timeout ended without a CHILD_SA; "
                                        + "see charon's log", null, List.of("no INSTALLED CHILD_SA and no negotiation "
                                                + "in progress after 'not established after' the initiate timeout"),
                                clock.instant()));
                record(conn, ch.name(), r, f);
            }
        }
        ChildState state;
        switch (ch.ensure()) {
            case UP -> {
                if (isInstalled) {
                    succeeded(conn, r);
                    state = ChildState.INSTALLED;
                } else if (r.inFlight || negotiating || r.awaitingCharon) {
                    state = ChildState.ESTABLISHING;
                    if (!r.inFlight && r.endedAt == null) {
                        scheduleWakeup(conn, clock.instant().plus(recheckDelay()));
                    }
                } else if (r.retry.hasGivenUp()) {
                    state = ChildState.FAILED;
                } else if (!r.retry.isDue()) {
                    state = ChildState.RETRYING;
                    scheduleWakeup(conn, r.retry.nextAttemptAt().orElseThrow());
                } else {
                    // queued for a free initiate slot also counts as establishing: an attempt is under way
                    startInitiate(conn, ch.name(), r);
                    state = ChildState.ESTABLISHING;
                }
            }
            case TRAP -> {
                if (isInstalled) {
                    succeeded(conn, r);
                    state = ChildState.INSTALLED;
                } else if (trapInstalled(conn, ch.name())) {
                    state = ChildState.TRAPPED;
                } else {
                    ViciSection resp = call("install", ViciSection.builder().add("child", ch.name()).add("ike", conn)
                            .build());
                    if (resp.bool("success") && trapInstalled(conn, ch.name())) {
                        LOG.debug("trap policy of {}/{} installed", conn, ch.name());
                        state = ChildState.TRAPPED;
                    } else {
                        Failure f = new Failure(FailureClass.INSTALL_CHILD_POLICY_FAILED, Side.LOCAL,
                                "the trap policy could not be installed: "
                                        + resp.stringOr("errmsg", "install answered success but list-policies shows no trap"),
                                null, List.of("install failed: " + resp.stringOr("errmsg", "")), clock.instant());
                        Optional<Instant> next = r.retry.recordFailure(f);
                        state = next.isPresent() ? ChildState.RETRYING : ChildState.FAILED;
                        next.ifPresent(t -> scheduleWakeup(conn, t));
                    }
                }
            }
            default -> state = isInstalled ? ChildState.INSTALLED : ChildState.LOADED;
        }
        r.state = state;
    }

    private Duration recheckDelay() {
        Duration resync = resyncPeriod();
        Duration two = Duration.ofSeconds(2);
        return resync.compareTo(two) < 0 ? resync : two;
    }

    private void succeeded(String conn, ChildRuntime r) {
        if (r.retry.failures() > 0 || r.retry.nextAttemptAt().isPresent()) {
            LOG.debug("{}/{} installed after {} failed attempt(s)", conn, r.name, r.retry.failures());
        }
        r.retry.recordSuccess();
    }

    private boolean trapInstalled(String conn, String child) {
        StreamedResponse resp = streamed("list-policies", ViciSection.builder().add("trap", true).add("child", child).build(),
                "list-policy", settings.callTimeout());
        for (ViciSection ev : resp.events()) {
            for (ViciSection pol : ev.sections()) {
                if (child.equals(pol.stringOr("child", "")) && conn.equals(pol.stringOr("ike", conn))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void startInitiate(String conn, String child, ChildRuntime r) {
        if (!slots.tryAcquire(conn)) {
            LOG.debug("{}/{} waits for a free initiate slot ({} in flight)", conn, child, slots.inFlight());
            return;
        }
        r.inFlight = true;
        r.awaitingCharon = false;
        r.endedAt = null;
        r.attemptStart = clock.instant();
        r.alerts.clear();
        List<LogLine> log = new CopyOnWriteArrayList<>();
        r.controlLog = log;
        Duration timeout = settings.initiateTimeout();
        ViciSection msg = ViciSection.builder().add("child", child).add("ike", conn).add("timeout", timeout.toMillis())
                .build();
        LOG.debug("initiating {}/{} (failed attempts so far: {})", conn, child, r.retry.failures());
        CompletableFuture<StreamedResponse> f;
        try {
            f = charon.streamed("initiate", msg, "control-log", ev -> log.add(LogLine.from(ev)),
                    timeout.plus(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((resp, err) -> {
            r.pending = new ChildRuntime.Outcome(resp == null ? null : resp.response(), err);
            List<String> waiting = slots.release();
            markDirty(conn);
            waiting.forEach(this::markDirty);
        });
    }

    private void handleOutcome(String conn, String child, ChildRuntime r, ChildRuntime.Outcome out, boolean isInstalled) {
        if (isInstalled) {
            return; // also covers charon refusing to initiate a child that is already installed
        }
        if (out.error() != null) {
            Throwable e = unwrap(out.error());
            if (e instanceof ViciConnectionException vce) {
                throw vce; // charon went away; the attempt does not count
            }
            if (e instanceof ViciTimeoutException) {
                LOG.debug("initiate of {}/{} still unanswered after the client timeout: treated as in progress", conn,
                        child);
                r.awaitingCharon = true;
                return;
            }
            record(conn, child, r, new Failure(FailureClass.UNKNOWN, Side.LOCAL,
                    "the initiate command failed: " + e.getMessage(), null, List.of(String.valueOf(e.getMessage())),
                    clock.instant()));
            return;
        }
        ViciSection resp = out.response();
        if (resp.bool("success")) {
            record(conn, child, r, new Failure(FailureClass.UNKNOWN, Side.PEER,
                    "the CHILD_SA was established but was gone when verified with list-sas (deleted right away, by the "
                            + "peer?)", null, List.of("initiate succeeded, list-sas shows no INSTALLED CHILD_SA"),
                    clock.instant()));
            return;
        }
        String errmsg = resp.stringOr("errmsg", null);
        if (errmsg != null && errmsg.contains("config '") && errmsg.endsWith("' not found")) {
            // unloaded behind our back between list-conns and initiate: load it again, not an attempt failure
            LOG.info("{}/{}: {}; loading the connection again", conn, child, errmsg);
            connections.forget(conn);
            markDirty(conn);
            return;
        }
        if (FailureClassifier.isStillInProgress(errmsg)) {
            LOG.debug("{}/{}: {} - still in progress", conn, child, errmsg);
            r.awaitingCharon = true;
            return;
        }
        List<LogLine> lines = new ArrayList<>(r.controlLog);
        Set<String> seen = new HashSet<>();
        lines.forEach(l -> seen.add(l.line()));
        for (LogLine l : correlator.linesFor(conn, r.attemptStart)) {
            if (seen.add(l.line())) {
                lines.add(l);
            }
        }
        Failure f = classifier.classifyInitiate(errmsg, lines);
        if (!r.alerts.isEmpty()) {
            f = f.mergedWithAlert(r.alerts.get(r.alerts.size() - 1)).withAt(f.at());
            r.alerts.clear();
        }
        record(conn, child, r, f);
    }

    private void record(String conn, String child, ChildRuntime r, Failure f) {
        Optional<Instant> next = r.retry.recordFailure(f);
        next.ifPresent(t -> scheduleWakeup(conn, t));
    }

    private void removeConnection(String name) {
        Map<String, ChildRuntime> rt = runtimes.get(name);
        if (rt != null && rt.values().stream().anyMatch(r -> r.inFlight)) {
            return; // wait for the attempt to finish; its completion marks the key dirty again
        }
        connections.remove(name, owned, settings.initiateTimeout());
        runtimes.remove(name);
        passives.remove(name);
        publishStatus();
    }

    private void terminate(ViciSection filter) {
        calls.terminate(filter, settings.initiateTimeout());
    }

    // ---------------------------------------------------------------- charon access

    private List<IkeSa> listSas(String name) {
        return calls.listSas(name);
    }

    private ViciSection call(String command, ViciSection message) {
        return calls.call(command, message);
    }

    private StreamedResponse streamed(String command, ViciSection message, String event, Duration timeout) {
        return calls.streamed(command, message, event, timeout);
    }

    private <T> T await(CompletableFuture<T> f, Duration timeout) {
        return calls.await(f, timeout);
    }

    private static Throwable unwrap(Throwable t) {
        return CharonCalls.unwrap(t);
    }

    private static String digest(String command, ViciSection message) {
        return CharonCalls.digest(command, message);
    }

    private void charonLost(ViciConnectionException e) {
        boolean was = connected;
        connected = false;
        needsFullApply = true;
        if (was) {
            LOG.warn("charon unreachable: {}", e.getMessage());
        } else {
            LOG.debug("charon still unreachable: {}", e.getMessage());
        }
        publishStatus();
        scheduleWakeup(GLOBAL, clock.instant().plus(settings.reconnectDelay()));
    }

    // ---------------------------------------------------------------- status

    private void snapshot(ConnectionConfig c, ChildRuntime r) {
        Ensure ensure = c.child(r.name).map(ChildConfig::ensure).orElse(Ensure.LOADED);
        Instant next = r.state == ChildState.RETRYING ? r.retry.nextAttemptAt().orElse(null) : null;
        r.snapshot = new ChildStatus(r.name, ensure, r.state, r.retry.failures(), next,
                r.retry.lastFailure().orElse(null));
    }

    private void publishStatus() {
        publisher.publish(this::computeStatus);
    }

    /** The status as of now: desired connections in order, each child's latest snapshot. */
    private ControllerStatus computeStatus() {
        List<ConnectionStatus> conns = new ArrayList<>();
        for (ConnectionConfig c : desired.connections()) {
            Map<String, ChildRuntime> rt = runtimes.getOrDefault(c.name(), Map.of());
            List<ChildStatus> children = new ArrayList<>();
            for (ChildConfig ch : c.children()) {
                ChildRuntime r = rt.get(ch.name());
                ChildStatus s = r == null ? null : r.snapshot;
                if (s == null || s.ensure() != ch.ensure()) {
                    s = new ChildStatus(ch.name(), ch.ensure(), s == null ? ChildState.LOADED : s.state(),
                            s == null ? 0 : s.attempts(), s == null ? null : s.nextAttemptAt(),
                            s == null ? null : s.lastFailure());
                }
                children.add(s);
            }
            conns.add(new ConnectionStatus(c.name(), children));
        }
        return new ControllerStatus(new CharonStatus(connected, version), conns);
    }
}
