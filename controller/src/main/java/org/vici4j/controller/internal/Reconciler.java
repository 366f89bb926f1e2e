package org.vici4j.controller.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.plan.Action;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;
import org.vici4j.controller.plan.Plan;
import org.vici4j.controller.plan.Planner;
import org.vici4j.controller.retry.RetryPolicy;
import org.vici4j.controller.retry.RetryState;

/**
 * The level-triggered reconciler behind {@link org.vici4j.controller.Controller}, built like a Kubernetes controller:
 * an informer cache of charon ({@link ObservedStateCache}, filled by one full observation and kept current by
 * events), a {@link Plan} computed without I/O ({@link Planner}), and work split by key.
 *
 * <p>Flow: events go into the cache ({@link #handleEvent}) and mark the connections they concern dirty; the
 * {@link #GLOBAL} key (start, resync, desired-state change, event gaps, reconnects) observes charon fully with a
 * handful of requests, executes the plan's loads and unloads ({@link ObjectApplier}: pipelined, verified by one
 * {@code list-conns}) and marks every connection dirty. A connection's worker reads the cache, never charon, and
 * decides per child with the pure {@link ChildDecision}; initiates are sent with a negative timeout, so charon answers
 * at once and the outcome arrives as events ({@code child-updown}, {@code log}, {@code alert}); a window bounds
 * the IKE_SAs negotiated at once per peer ({@link InitiateWindow}). {@link KeyedWorkQueue} runs one worker per key
 * at a time; {@link StatusPublisher} publishes the status once per change.
 */
public final class Reconciler {

    /** The key of the global work (never a valid connection name: contains a NUL). */
    public static final String GLOBAL = "\u0000global";

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final Set<String> NEGOTIATING_CHILD_STATES = Set.of("CREATED", "ROUTED", "INSTALLING", "UPDATING",
            "REKEYING", "REKEYED", "MIGRATING");
    /** How far apart an alert and the log lines of the same failure may arrive. */
    private static final Duration SAME_EVENT = Duration.ofSeconds(5);
    /** How long log lines of a finished attempt are not taken as a new failure. */
    private static final Duration QUIET_AFTER_ATTEMPT = Duration.ofSeconds(5);
    /** How often an attempt found still negotiating after its deadline is looked at again (at most). */
    private static final Duration OVERDUE_RECHECK = Duration.ofSeconds(10);

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
     */
    public record Settings(Duration resync, Duration initiateTimeout, Duration reconnectDelay, RetryPolicy retryPolicy,
            Path statusFile, Path ownershipFile, Duration callTimeout, int initiateWindow, boolean prune) {

        public Settings {
            if (initiateWindow < 1) {
                throw new IllegalArgumentException("initiateWindow must be at least 1, got " + initiateWindow);
            }
        }

        /** Settings that prune. */
        public Settings(Duration resync, Duration initiateTimeout, Duration reconnectDelay, RetryPolicy retryPolicy,
                Path statusFile, Path ownershipFile, Duration callTimeout, int initiateWindow) {
            this(resync, initiateTimeout, reconnectDelay, retryPolicy, statusFile, ownershipFile, callTimeout,
                    initiateWindow, true);
        }
    }

    private record Passive(String ikeSaName, String childName, Failure failure, boolean alert) {
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
    private final Map<String, Queue<Passive>> passives = new ConcurrentHashMap<>();
    private final Map<String, ObjectApplier.Rejection> rejected = new ConcurrentHashMap<>();
    private final Set<Long> terminating = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean publishQueued = new AtomicBoolean();
    private final CompletableFuture<Void> firstPass = new CompletableFuture<>();

    private volatile DesiredState desired;
    private volatile OwnershipStore owned;
    private volatile boolean reapply;
    private volatile boolean connected;
    private volatile String version;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile Instant globalRequestedAt = Instant.MIN;
    private volatile TaskScheduler.Cancellable resyncTimer;

    public Reconciler(Charon charon, TaskScheduler tasks, Clock clock, RandomGenerator random, DesiredState desired,
            Settings settings) {
        this.charon = new CountingCharon(Objects.requireNonNull(charon, "charon"));
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
        this.publisher = new StatusPublisher(tasks, clock, settings.statusFile());
        this.window = new InitiateWindow(settings.initiateWindow());
        this.subscriptions = new EventSubscriptions(calls, sink);
    }

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
        publishSoon();
        markDirty(GLOBAL);
    }

    // ---------------------------------------------------------------- work queue

    /** Marks a key dirty: its worker runs soon (again, if it is running now). */
    public void markDirty(String key) {
        queue.markDirty(key);
    }

    private void runWorker(String key) {
        try {
            if (!stopped) {
                if (GLOBAL.equals(key)) {
                    globalPass();
                } else {
                    reconcileConnection(key);
                }
            }
        } catch (RuntimeException e) {
            Throwable c = CharonCalls.unwrap(e);
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
                boolean ikeUp = "ike-updown".equals(name) && message.bool("up");
                for (String conn : cache.onEvent(name, message)) {
                    if (ikeUp) {
                        cutShortRequests.add(conn); // the peer is back: waiting children try now
                    }
                    if (desired.connection(conn).isPresent() || runtimes.containsKey(conn)) {
                        markDirty(conn);
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

    // ---------------------------------------------------------------- global pass

    private void globalPass() {
        if (subscriptions.ensureSubscribed()) {
            cache.invalidate(); // events before this registration were missed
        }
        boolean full = reapply;
        cache.beginObservation();
        ObservedState observed = observer.observe();
        cache.replace(observed);
        boolean wasConnected = connected;
        version = observed.version();
        connected = true;
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
        Plan plan = Planner.plan(d, cache.snapshot(), owned, new Planner.Options(settings.prune(), full));
        for (Action.Load l : plan.loads(org.vici4j.controller.plan.ObjectKind.CONNECTION)) {
            rejected.remove(l.name());
        }
        Map<String, ObjectApplier.Rejection> rej = applier.apply(plan, d, owned);
        rejected.putAll(rej);
        rejected.keySet().removeIf(k -> d.connection(k).isEmpty());
        reapply = false;
        firstPass.complete(null);
        publishSoon();
        markAllConnections();
    }

    // ---------------------------------------------------------------- connections

    private void reconcileConnection(String name) {
        if (!connected || !cache.isObserved()) {
            return; // the global pass marks every connection once it has observed charon
        }
        Optional<ConnectionConfig> cfg = desired.connection(name);
        if (cfg.isEmpty()) {
            runtimes.remove(name);
            passives.remove(name);
            window.release(name).forEach(this::markDirty);
            publishSoon();
            return;
        }
        ConnectionConfig c = cfg.get();
        Map<String, ChildRuntime> rt = runtime(c);
        processReplies(c, rt, cache.connection(name));
        ObservedConnection obs = cache.connection(name);
        boolean complete = obs.loaded() && c.children().stream().allMatch(ch -> obs.hasChildConfig(ch.name()));
        if (!complete) {
            ObjectApplier.Rejection rej = rejected.get(name);
            if (rej != null) {
                reportRejection(c, rt, rej);
            } else {
                requestGlobal();
            }
            publishSoon();
            return;
        }
        terminateUndesiredChildren(c, obs);
        if (cutShortRequests.remove(name)) {
            rt.values().forEach(r -> r.retry.cutShort());
        }
        applyPassives(c, rt, obs);
        Instant now = clock.instant();
        for (ChildConfig ch : c.children()) {
            ChildRuntime r = rt.get(ch.name());
            ObservedConnection o = cache.connection(name);
            reconcileChild(c, ch, r, o, now);
            snapshot(c, r);
        }
        ObservedConnection after = cache.connection(name);
        if (window.holds(name) && (after.ikeEstablished() || rt.values().stream().noneMatch(r -> r.awaiting))) {
            window.release(name).forEach(this::markDirty);
        }
        publishSoon();
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
            snapshot(c, r);
        }
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

    private void terminateUndesiredChildren(ConnectionConfig c, ObservedConnection obs) {
        for (Action a : Planner.childActions(c, obs)) {
            if (a instanceof Action.TerminateChild t && terminating.add(t.uniqueId())) {
                LOG.info("terminating CHILD_SA {}{{}} of connection '{}': child no longer desired", t.child(),
                        t.uniqueId(), c.name());
                charon.request("terminate", ViciSection.builder().add("child-id", t.uniqueId()).add("timeout", -1)
                        .build()).whenComplete((r, e) -> terminating.remove(t.uniqueId()));
            }
        }
    }

    // ---------------------------------------------------------------- children

    private void reconcileChild(ConnectionConfig c, ChildConfig ch, ChildRuntime r, ObservedConnection obs,
            Instant now) {
        String conn = c.name();
        boolean installed = obs.installed(ch.name());
        boolean negotiating = !installed && !r.awaiting && negotiating(obs, ch);
        ChildDecision.Decision d = ChildDecision.decide(new ChildDecision.Input(ch.ensure(), installed,
                obs.trapped(ch.name()), r.awaiting || negotiating, negotiating ? now.plus(recheckDelay()) : r.deadline,
                r.retry.hasGivenUp(), r.retry.nextAttemptAt().orElse(null), now));
        ChildState state = d.state();
        switch (d.step()) {
            case SUCCEEDED -> succeeded(conn, r);
            case INITIATE -> startInitiate(c, ch, r, obs);
            case INSTALL -> state = install(conn, ch.name(), r);
            case CHECK_OVERDUE -> state = checkOverdue(conn, ch, r);
            default -> {
            }
        }
        if (d.wakeAt() != null) {
            scheduleWakeup(conn, d.wakeAt());
        }
        r.state = state;
    }

    /** charon negotiates the child on its own (a CONNECTING IKE_SA, a CHILD_SA being created) */
    private static boolean negotiating(ObservedConnection obs, ChildConfig ch) {
        for (IkeSa ike : obs.ikeSas()) {
            if ("CONNECTING".equals(ike.state()) && ch.ensure() == Ensure.UP) {
                return true;
            }
            for (ChildSa cs : ike.childSas()) {
                if (cs.name().equals(ch.name()) && NEGOTIATING_CHILD_STATES.contains(cs.state())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Duration recheckDelay() {
        Duration resync = resyncPeriod();
        Duration two = Duration.ofSeconds(2);
        return resync.compareTo(two) < 0 ? resync : two;
    }

    private void succeeded(String conn, ChildRuntime r) {
        r.awaiting = false;
        if (r.retry.failures() > 0 || r.retry.nextAttemptAt().isPresent()) {
            LOG.debug("{}/{} installed after {} failed attempt(s)", conn, r.name, r.retry.failures());
        }
        r.retry.recordSuccess();
    }

    /** @return the peer an initiate of the connection negotiates with (the window's key) */
    private static String peer(ConnectionConfig c) {
        List<String> remote = c.options().list("remote_addrs");
        return remote.isEmpty() ? "%any" : remote.get(0);
    }

    private void startInitiate(ConnectionConfig c, ChildConfig ch, ChildRuntime r, ObservedConnection obs) {
        String conn = c.name();
        if (!obs.ikeEstablished() && !window.tryAcquire(peer(c), conn)) {
            LOG.debug("{}/{} waits for the initiate window ({} IKE_SAs negotiating)", conn, ch.name(),
                    window.inFlight());
            return; // reported establishing: an attempt is under way; the window's release marks the key again
        }
        Instant now = clock.instant();
        r.awaiting = true;
        r.reply = null;
        r.attemptStart = now;
        r.deadline = now.plus(settings.initiateTimeout());
        r.overdueChecks = 0;
        LOG.debug("initiating {}/{} (failed attempts so far: {})", conn, ch.name(), r.retry.failures());
        ViciSection msg = ViciSection.builder().add("child", ch.name()).add("ike", conn).add("timeout", -1).build();
        CompletableFuture<ViciSection> f;
        try {
            f = charon.request("initiate", msg);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((resp, err) -> {
            ViciSection rs = resp;
            if (err == null && rs != null && rs.bool("success")) {
                return; // accepted: the outcome comes as events
            }
            r.reply = new ChildRuntime.Reply(rs, err);
            markDirty(conn);
        });
        scheduleWakeup(conn, r.deadline);
    }

    /** Handles charon's immediate refusals of initiates. */
    private void processReplies(ConnectionConfig c, Map<String, ChildRuntime> rt, ObservedConnection obs) {
        String conn = c.name();
        for (ChildRuntime r : rt.values()) {
            ChildRuntime.Reply reply = r.reply;
            if (reply == null) {
                continue;
            }
            r.reply = null;
            if (!r.awaiting) {
                continue;
            }
            if (obs.installed(r.name)) {
                continue; // also covers charon refusing to initiate a child that is already installed
            }
            if (reply.error() != null) {
                Throwable e = CharonCalls.unwrap(reply.error());
                if (e instanceof ViciConnectionException vce) {
                    r.awaiting = false;
                    throw vce; // charon went away; the attempt does not count
                }
                if (e instanceof ViciTimeoutException) {
                    continue; // charon did not answer at once; its events will tell, or the deadline
                }
                endAttempt(conn, r, new Failure(FailureClass.UNKNOWN, Side.LOCAL, "the initiate command failed: "
                        + e.getMessage(), null, List.of(String.valueOf(e.getMessage())), clock.instant()));
                continue;
            }
            String errmsg = reply.response().stringOr("errmsg", null);
            if (errmsg != null && errmsg.contains("config '") && errmsg.endsWith("' not found")) {
                // unloaded behind our back: load it again, not an attempt failure
                LOG.info("{}/{}: {}; loading the connection again", conn, r.name, errmsg);
                r.awaiting = false;
                cache.replaceListed(withoutConnection(conn));
                requestGlobal();
                continue;
            }
            endAttempt(conn, r, classifier.classifyInitiate(errmsg, correlator.linesFor(conn, r.attemptStart)));
        }
    }

    private Map<String, ViciSection> withoutConnection(String conn) {
        Map<String, ViciSection> listed = new java.util.LinkedHashMap<>();
        cache.snapshot().connections().forEach((n, o) -> {
            if (!n.equals(conn) && o.listed().isPresent()) {
                listed.put(n, o.listed().get());
            }
        });
        return listed;
    }

    /** The attempt under way has had no outcome by its deadline: asks charon how the connection stands. */
    private ChildState checkOverdue(String conn, ChildConfig ch, ChildRuntime r) {
        List<IkeSa> sas = calls.listSas(conn);
        cache.replaceIkeSas(conn, sas);
        ObservedConnection obs = cache.connection(conn);
        if (obs.installed(ch.name())) {
            succeeded(conn, r);
            return ChildState.INSTALLED;
        }
        boolean connecting = sas.stream().anyMatch(i -> "CONNECTING".equals(i.state()));
        if (connecting || negotiating(obs, ch)) {
            r.overdueChecks++;
            Duration again = settings.initiateTimeout().compareTo(OVERDUE_RECHECK) < 0 ? settings.initiateTimeout()
                    : OVERDUE_RECHECK;
            r.deadline = clock.instant().plus(again);
            scheduleWakeup(conn, r.deadline);
            LOG.debug("{}/{} still negotiating after the initiate timeout", conn, ch.name());
            return ChildState.ESTABLISHING;
        }
        Failure f = classifier.classifyLines(correlator.linesFor(conn, r.attemptStart))
                .orElseGet(() -> new Failure(FailureClass.UNKNOWN, Side.LOCAL,
                        "the attempt ended without a CHILD_SA and without a reason in charon's log; see charon's log",
                        null, List.of("no INSTALLED CHILD_SA and no negotiation in progress "
                                + settings.initiateTimeout().toMillis() + " ms after the initiate"), clock.instant()));
        endAttempt(conn, r, f);
        return r.retry.hasGivenUp() ? ChildState.FAILED : ChildState.RETRYING;
    }

    private void endAttempt(String conn, ChildRuntime r, Failure f) {
        r.awaiting = false;
        r.deadline = null;
        r.quietUntil = clock.instant().plus(QUIET_AFTER_ATTEMPT);
        r.retry.recordFailure(f).ifPresent(t -> scheduleWakeup(conn, t));
    }

    private ChildState install(String conn, String child, ChildRuntime r) {
        ViciSection resp = calls.call("install", ViciSection.builder().add("child", child).add("ike", conn).build());
        if (resp.bool("success") && trapListed(conn, child)) {
            LOG.debug("trap policy of {}/{} installed", conn, child);
            cache.trapInstalled(conn, child);
            return ChildState.TRAPPED;
        }
        Failure f = new Failure(FailureClass.INSTALL_CHILD_POLICY_FAILED, Side.LOCAL,
                "the trap policy could not be installed: "
                        + resp.stringOr("errmsg", "install answered success but list-policies shows no trap"),
                null, List.of("install failed: " + resp.stringOr("errmsg", "")), clock.instant());
        Optional<Instant> next = r.retry.recordFailure(f);
        next.ifPresent(t -> scheduleWakeup(conn, t));
        return next.isPresent() ? ChildState.RETRYING : ChildState.FAILED;
    }

    private boolean trapListed(String conn, String child) {
        for (ViciSection ev : calls.streamed("list-policies", ViciSection.builder().add("trap", true)
                .add("child", child).build(), "list-policy", settings.callTimeout()).events()) {
            for (ViciSection pol : ev.sections()) {
                if (child.equals(pol.stringOr("child", "")) && conn.equals(pol.stringOr("ike", conn))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void applyPassives(ConnectionConfig c, Map<String, ChildRuntime> rt, ObservedConnection obs) {
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
                    if (r.awaiting || !obs.installed(r.name)) {
                        targets.add(r);
                    }
                }
            }
            for (ChildRuntime r : targets) {
                Failure last = r.retry.lastFailure().orElse(null);
                Failure merged = withAlertOfTheSameEvent(last, p);
                if (r.awaiting) {
                    endAttempt(c.name(), r, merged != p.failure() ? merged.withAt(p.failure().at()) : p.failure());
                    LOG.debug("attempt of {}/{} failed: {}", c.name(), r.name, p.failure().summary());
                } else if (last != null && !p.failure().at().isAfter(r.quietUntil) && isAlert(last) != p.alert()) {
                    // the other half (alert or log lines) of the attempt that just ended: one failure, the alert's
                    // class, both as evidence
                    r.retry.noteFailure(p.alert() ? last.mergedWithAlert(p.failure()) : p.failure()
                            .mergedWithAlert(last).withAt(last.at()));
                } else if (merged != p.failure()) {
                    r.retry.noteFailure(merged); // the other half of the failure just recorded
                } else if (p.alert() || p.failure().at().isAfter(r.quietUntil)) {
                    r.retry.noteFailure(p.failure());
                    LOG.debug("failure seen in charon's {} for {}/{}: {}", p.alert() ? "alerts" : "log", c.name(),
                            r.name, p.failure().summary());
                }
            }
        }
    }

    private static boolean isAlert(Failure f) {
        return f.evidence().stream().anyMatch(l -> l.startsWith("alert "));
    }

    /**
     * charon 6.0.3+ reports a failure twice, as log lines and as an alert, as separate events: when the failure
     * noted just before is the other half of the same event (same class and side, within {@link #SAME_EVENT}), the
     * two are combined, so that the status keeps both the alert and the log lines that explain it.
     *
     * @return the combination, or {@code p.failure()} itself if they are not two halves of one failure
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

    // ---------------------------------------------------------------- charon lost

    private void charonLost(ViciConnectionException e) {
        boolean was = connected;
        connected = false;
        reapply = true;
        cache.invalidate();
        window.clear();
        runtimes.values().forEach(m -> m.values().forEach(r -> {
            r.awaiting = false; // the attempt does not count: charon went away
            r.deadline = null;
        }));
        if (was) {
            LOG.warn("charon unreachable: {}", e.getMessage());
        } else {
            LOG.debug("charon still unreachable: {}", e.getMessage());
        }
        publishSoon();
        scheduleWakeup(GLOBAL, clock.instant().plus(settings.reconnectDelay()));
    }

    // ---------------------------------------------------------------- status

    private void snapshot(ConnectionConfig c, ChildRuntime r) {
        Ensure ensure = c.child(r.name).map(ChildConfig::ensure).orElse(Ensure.LOADED);
        Instant next = r.state == ChildState.RETRYING ? r.retry.nextAttemptAt().orElse(null) : null;
        r.snapshot = new ChildStatus(r.name, ensure, r.state, r.retry.failures(), next,
                r.retry.lastFailure().orElse(null));
    }

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
