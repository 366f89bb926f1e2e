package org.vici4j.controller.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.Futures;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.CommandResult;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.InitiateRequest;
import org.vici4j.client.command.ListPoliciesRequest;
import org.vici4j.client.command.Policy;
import org.vici4j.client.command.PolicyRequest;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.FailureClassifier;
import org.vici4j.controller.failure.LogCorrelator;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.plan.ObservedConnection;

/**
 * The attempts the reconciler makes for a child and how they end: {@code initiate} sent with a negative timeout
 * (charon answers at once, the outcome arrives as events), charon's immediate refusals, the look at charon when an
 * attempt is overdue, and {@code install} of trap policies. Every method runs on the worker of the child's
 * connection, except the completion of an initiate's answer, which only stores it and marks the connection dirty.
 */
final class ChildAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final Set<String> NEGOTIATING_CHILD_STATES = Set.of("CREATED", "ROUTED", "INSTALLING", "UPDATING",
            "REKEYING", "REKEYED", "MIGRATING");
    /** How long log lines of a finished attempt are not taken as a new failure. */
    private static final Duration QUIET_AFTER_ATTEMPT = Duration.ofSeconds(5);
    /** How often an attempt found still negotiating after its deadline is looked at again (at most). */
    private static final Duration OVERDUE_RECHECK = Duration.ofSeconds(10);

    private final Charon charon;
    private final CharonCalls calls;
    private final ObservedStateCache cache;
    private final InitiateWindow window;
    private final FailureClassifier classifier;
    private final LogCorrelator correlator;
    private final Clock clock;
    private final Duration initiateTimeout;
    private final Wakeups wakeups;
    private final Predicate<String> peerRecentlyUp;

    /** @param peerRecentlyUp whether an IKE_SA with the named connection's peer was up a moment ago */
    ChildAttempts(Charon charon, CharonCalls calls, ObservedStateCache cache, InitiateWindow window,
            FailureClassifier classifier, LogCorrelator correlator, Clock clock, Duration initiateTimeout,
            Wakeups wakeups, Predicate<String> peerRecentlyUp) {
        this.peerRecentlyUp = peerRecentlyUp;
        this.charon = charon;
        this.calls = calls;
        this.cache = cache;
        this.window = window;
        this.classifier = classifier;
        this.correlator = correlator;
        this.clock = clock;
        this.initiateTimeout = initiateTimeout;
        this.wakeups = wakeups;
    }

    /** charon negotiates the child on its own (a CONNECTING IKE_SA, a CHILD_SA being created) */
    static boolean negotiating(ObservedConnection obs, ChildConfig ch) {
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

    /** @return the peer an initiate of the connection negotiates with (the window's key) */
    static String peer(ConnectionConfig c) {
        List<String> remote = c.options().list("remote_addrs");
        return remote.isEmpty() ? "%any" : remote.get(0);
    }

    /** The child is as desired: the attempt under way (if any) ends, the retry state resets. */
    void succeeded(String conn, ChildRuntime r) {
        r.awaiting = false;
        if (r.retry.failures() > 0 || r.retry.nextAttemptAt().isPresent()) {
            LOG.debug("{}/{} installed after {} failed attempt(s)", conn, r.name, r.retry.failures());
        }
        r.retry.recordSuccess();
    }

    /**
     * Sends {@code initiate} for the child if the window lets a new IKE_SA negotiate with the peer (a child of an
     * established IKE_SA needs no room in the window); otherwise the window's release marks the connection again.
     */
    void initiate(ConnectionConfig c, ChildConfig ch, ChildRuntime r, ObservedConnection obs) {
        String conn = c.name();
        if (!obs.ikeEstablished() && !window.tryAcquire(peer(c), conn)) {
            LOG.debug("{}/{} waits for the initiate window ({} IKE_SAs negotiating)", conn, ch.name(),
                    window.inFlight());
            return;
        }
        Instant now = clock.instant();
        r.awaiting = true;
        r.reply = null;
        r.attemptStart = now;
        r.deadline = now.plus(initiateTimeout);
        r.overdueChecks = 0;
        LOG.debug("initiating {}/{} (failed attempts so far: {})", conn, ch.name(), r.retry.failures());
        CompletableFuture<CommandResult> f;
        try {
            // a plain request: a streamed initiate would cost a control-log register and unregister per child
            f = charon.initiateWithoutLog(InitiateRequest.builder().child(ch.name()).ike(conn).returnImmediately()
                    .build());
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((accepted, err) -> {
            if (err == null) {
                return; // accepted: the outcome comes as events
            }
            r.reply = new ChildRuntime.Reply(err);
            wakeups.markDirty(conn);
        });
        wakeups.wakeUpAt(conn, r.deadline);
    }

    /**
     * Handles charon's immediate refusals of initiates.
     *
     * @throws ViciConnectionException if an initiate failed because charon went away (the attempt does not count)
     */
    void processReplies(String conn, Map<String, ChildRuntime> rt, ObservedConnection obs) {
        for (ChildRuntime r : rt.values()) {
            ChildRuntime.Reply reply = r.reply;
            if (reply == null) {
                continue;
            }
            r.reply = null;
            if (!r.awaiting || obs.installed(r.name)) {
                continue; // also covers charon refusing to initiate a child that is already installed
            }
            Throwable e = Futures.unwrap(reply.error());
            if (e instanceof ViciConnectionException vce) {
                r.awaiting = false;
                throw vce;
            }
            if (e instanceof ViciTimeoutException) {
                continue; // charon did not answer at once; its events will tell, or the deadline
            }
            if (!(e instanceof CommandFailedException refused)) {
                end(conn, r, new Failure(FailureClass.UNKNOWN, Side.LOCAL, "the initiate command failed: "
                        + e.getMessage(), null, List.of(String.valueOf(e.getMessage())), clock.instant()));
                continue;
            }
            String errmsg = refused.errmsg().isEmpty() ? null : refused.errmsg();
            if (errmsg != null && errmsg.contains("config '") && errmsg.endsWith("' not found")) {
                // unloaded behind our back: load it again, not an attempt failure
                LOG.info("{}/{}: {}; loading the connection again", conn, r.name, errmsg);
                r.awaiting = false;
                cache.replaceListed(listedWithout(conn));
                wakeups.requestGlobal();
                continue;
            }
            end(conn, r, classifier.classifyInitiate(errmsg, correlator.linesFor(conn, r.attemptStart)));
        }
    }

    private Map<String, ViciSection> listedWithout(String conn) {
        Map<String, ViciSection> listed = new LinkedHashMap<>();
        cache.snapshot().connections().forEach((n, o) -> {
            if (!n.equals(conn) && o.listed().isPresent()) {
                listed.put(n, o.listed().get());
            }
        });
        return listed;
    }

    /**
     * The attempt under way has had no outcome by its deadline: asks charon how the connection stands (one
     * targeted {@code list-sas}).
     *
     * @return the child's state after the look
     */
    ChildState checkOverdue(String conn, ChildConfig ch, ChildRuntime r) {
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
            Duration again = initiateTimeout.compareTo(OVERDUE_RECHECK) < 0 ? initiateTimeout : OVERDUE_RECHECK;
            r.deadline = clock.instant().plus(again);
            wakeups.wakeUpAt(conn, r.deadline);
            LOG.debug("{}/{} still negotiating after the initiate timeout", conn, ch.name());
            return ChildState.ESTABLISHING;
        }
        Failure f = classifier.classifyLines(correlator.linesFor(conn, r.attemptStart))
                .orElseGet(() -> new Failure(FailureClass.UNKNOWN, Side.LOCAL,
                        "the attempt ended without a CHILD_SA and without a reason in charon's log; see charon's log",
                        null, List.of("no INSTALLED CHILD_SA and no negotiation in progress "
                                + initiateTimeout.toMillis() + " ms after the initiate"), clock.instant()));
        end(conn, r, f);
        return r.retry.hasGivenUp() ? ChildState.FAILED : ChildState.RETRYING;
    }

    /** Ends the attempt under way with a failure: the retry policy says when to try again. */
    void end(String conn, ChildRuntime r, Failure f) {
        r.awaiting = false;
        r.deadline = null;
        r.quietUntil = clock.instant().plus(QUIET_AFTER_ATTEMPT);
        // a peer that was up a moment ago and now has no IKE proposal for us is restarting without its configuration
        boolean assumeTransient = f.failureClass() == FailureClass.PROPOSAL_MISMATCH_IKE && peerRecentlyUp.test(conn);
        Optional<Instant> next = r.retry.recordFailure(f, assumeTransient);
        r.counts.failed(f, next.isPresent());
        next.ifPresent(t -> wakeups.wakeUpAt(conn, t));
    }

    /**
     * Installs the child's trap policy and checks that charon lists it.
     *
     * @return the child's state afterwards
     */
    ChildState install(String conn, String child, ChildRuntime r) {
        String errmsg = null;
        try {
            calls.await(charon.install(new PolicyRequest(child, conn)));
            if (trapListed(conn, child)) {
                LOG.debug("trap policy of {}/{} installed", conn, child);
                cache.trapInstalled(conn, child);
                return ChildState.TRAPPED;
            }
        } catch (CommandFailedException e) {
            errmsg = e.errmsg();
        }
        Failure f = new Failure(FailureClass.INSTALL_CHILD_POLICY_FAILED, Side.LOCAL,
                "the trap policy could not be installed: "
                        + (errmsg != null ? errmsg : "install answered success but list-policies shows no trap"),
                null, List.of("install failed: " + (errmsg != null ? errmsg : "")), clock.instant());
        Optional<Instant> next = r.retry.recordFailure(f);
        r.counts.failed(f, next.isPresent());
        next.ifPresent(t -> wakeups.wakeUpAt(conn, t));
        return next.isPresent() ? ChildState.RETRYING : ChildState.FAILED;
    }

    private boolean trapListed(String conn, String child) {
        ListPoliciesRequest traps = new ListPoliciesRequest(true, false, false, child, null);
        for (Policy pol : calls.listing(c -> c.listPolicies(traps))) {
            if (child.equals(pol.child()) && conn.equals(pol.ike().orElse(conn))) {
                return true;
            }
        }
        return false;
    }
}
