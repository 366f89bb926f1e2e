package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.Futures;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.command.CommandResult;
import org.vici4j.client.command.LoadAuthorityRequest;
import org.vici4j.client.command.LoadConnRequest;
import org.vici4j.client.command.LoadPoolRequest;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.FailureClassifier;
import org.vici4j.controller.plan.Action;
import org.vici4j.controller.plan.ObjectKind;
import org.vici4j.controller.plan.Plan;

/**
 * Executes the object steps of a {@link Plan} (loads and unloads of connections, secrets, pools, authorities):
 * connections are loaded with every {@code load-conn} in flight at once over the client's command connections and
 * verified with one {@code list-conns} afterwards, not one per connection; ownership is recorded before loading, in
 * one write. Results go into the {@link ObservedStateCache}. Child steps are left to the connections' workers.
 */
final class ObjectApplier {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Above this many connections loaded in one pass, one summary line is logged instead of one line each. */
    private static final int LOG_EACH_UP_TO = 20;

    /** What charon did not take: connection name to the failure's message and evidence. */
    /** Why a connection is not loaded; {@code failureClass} is config-rejected when charon refused it. */
    record Rejection(String message, List<String> evidence, FailureClass failureClass) {
    }

    private final Charon charon;
    private final CharonCalls calls;
    private final Observer observer;
    private final ObservedStateCache cache;
    private final Duration terminateTimeout;
    private final FailureClassifier classifier;

    ObjectApplier(CharonCalls calls, ObservedStateCache cache, Duration terminateTimeout, FailureClassifier classifier) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.charon = calls.charon();
        this.observer = new Observer(calls);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.terminateTimeout = Objects.requireNonNull(terminateTimeout, "terminateTimeout");
    }

    /**
     * Executes the plan's loads and unloads.
     *
     * @return the connections charon rejected, with why
     */
    Map<String, Rejection> apply(Plan plan, DesiredState desired, OwnershipStore owned) {
        Map<String, Rejection> rejected = new LinkedHashMap<>();
        List<Action.Load> connLoads = plan.loads(ObjectKind.CONNECTION);
        List<Action.Unload> connUnloads = plan.unloads(ObjectKind.CONNECTION);
        // connections first: a secret, pool or authority is sent only once charon took every connection of the pass
        Map<String, ConnectionConfig> loaded = loadConnections(connLoads, desired, owned, rejected);
        if (!rejected.isEmpty()) {
            holdBack(plan, loaded, owned, rejected);
            return rejected;
        }
        List<String> unloaded = unloadConnections(connUnloads, owned);
        if (!loaded.isEmpty() || !unloaded.isEmpty()) {
            verify(loaded, unloaded, owned, rejected);
        }
        if (!rejected.isEmpty()) {
            holdBack(plan, loaded, owned, rejected);
            return rejected;
        }
        for (Action.Load l : plan.loads(ObjectKind.SECRET)) {
            desired.secrets().stream().filter(s -> s.name().equals(l.name())).findFirst()
                    .ifPresent(s -> loadSecret(s, l, owned));
        }
        for (Action.Load l : plan.loads(ObjectKind.POOL)) {
            desired.pools().stream().filter(p -> p.name().equals(l.name())).findFirst()
                    .ifPresent(p -> loadPool(p.toLoadPool(), l, owned));
        }
        for (Action.Load l : plan.loads(ObjectKind.AUTHORITY)) {
            desired.authorities().stream().filter(a -> a.name().equals(l.name())).findFirst()
                    .ifPresent(a -> loadAuthority(a.toLoadAuthority(), l, owned));
        }
        for (Action.Unload u : plan.unloads(ObjectKind.SECRET)) {
            unloadSecret(u, owned);
        }
        for (Action.Unload u : plan.unloads(ObjectKind.POOL)) {
            unloadNamed(u, owned);
        }
        for (Action.Unload u : plan.unloads(ObjectKind.AUTHORITY)) {
            unloadNamed(u, owned);
        }
        return rejected;
    }

    /**
     * Charon refused a connection of this pass: nothing else of the pass is applied. The connections the pass added
     * (new, or missing in charon) are unloaded again and reported as held back, so that charon is left with what it
     * had before; no secret, pool or authority is sent and nothing is unloaded. A connection the pass replaced
     * (changed, taken over) stays replaced: charon cannot give back the version it had.
     */
    private void holdBack(Plan plan, Map<String, ConnectionConfig> loaded, OwnershipStore owned,
            Map<String, Rejection> rejected) {
        String refused = String.join("', '", rejected.keySet());
        String why = "held back: charon refused connection '" + refused + "' of the same configuration, so nothing"
                + " else of it is loaded (fix or remove that connection)";
        Map<String, CompletableFuture<CommandResult>> sent = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        for (Action.Load l : plan.loads(ObjectKind.CONNECTION)) {
            if (!loaded.containsKey(l.name())) {
                if (l.change() == Action.Change.NEW) {
                    added.add(l.name()); // refused: not loaded, so not owned either
                }
                continue;
            }
            if (l.change() == Action.Change.NEW || l.change() == Action.Change.MISSING) {
                sent.put(l.name(), charon.unloadConn(l.name()));
                if (l.change() == Action.Change.NEW) {
                    added.add(l.name());
                }
                rejected.putIfAbsent(l.name(), new Rejection(why, List.of(), FailureClass.CONFIG_REJECTED));
            } else {
                LOG.warn("connection '{}' was replaced before charon refused connection '{}' of the same configuration;"
                        + " it stays as loaded", l.name(), refused);
            }
        }
        for (var e : sent.entrySet()) {
            calls.refusal(e.getValue()).ifPresent(no -> LOG.warn("unload-conn '{}' (held back) failed: {}",
                    e.getKey(), reason(no)));
            cache.connectionRemoved(e.getKey());
        }
        owned.removeAll(OwnershipStore.Kind.CONNECTIONS, added);
        int others = plan.loads(ObjectKind.SECRET).size() + plan.loads(ObjectKind.POOL).size()
                + plan.loads(ObjectKind.AUTHORITY).size();
        LOG.warn("charon refused connection '{}': nothing else of the configuration loaded ({} connection{} unloaded"
                + " again, {} secret/pool/authority load{} not sent)", refused, sent.size(), sent.size() == 1 ? "" : "s",
                others, others == 1 ? "" : "s");
    }

    private Map<String, ConnectionConfig> loadConnections(List<Action.Load> loads, DesiredState desired,
            OwnershipStore owned, Map<String, Rejection> rejected) {
        Map<String, ConnectionConfig> ok = new LinkedHashMap<>();
        if (loads.isEmpty()) {
            return ok;
        }
        owned.addAll(OwnershipStore.Kind.CONNECTIONS, loads.stream().map(Action.Load::name).toList());
        Map<String, LoadConnRequest> requests = new LinkedHashMap<>();
        Map<String, CompletableFuture<CommandResult>> sent = new LinkedHashMap<>();
        for (Action.Load l : loads) {
            LoadConnRequest req = desired.connection(l.name()).orElseThrow().toLoadConn();
            requests.put(l.name(), req);
            sent.put(l.name(), charon.loadConn(req));
        }
        Map<String, Map<String, String>> applied = new LinkedHashMap<>();
        RuntimeException lost = null;
        for (Action.Load l : loads) {
            String name = l.name();
            try {
                calls.await(sent.get(name));
            } catch (CommandFailedException e) {
                Failure f = classifier.classifyLoadRejection(name, e.errmsg().isEmpty() ? null : e.errmsg());
                rejected.put(name, new Rejection(f.message(), f.evidence(), f.failureClass()));
                continue;
            } catch (RuntimeException e) {
                if (Futures.unwrap(e) instanceof ViciConnectionException) {
                    lost = e;
                    continue;
                }
                rejected.put(name, new Rejection("load-conn of '" + name + "' failed: " + e.getMessage(), List.of(),
                        FailureClass.UNKNOWN));
                continue;
            }
            ConnectionConfig c = desired.connection(name).orElseThrow();
            ok.put(name, c);
            applied.put(name, AppliedConfig.flatten(requests.get(name).config()));
            cache.connectionLoaded(name, c.children().stream().map(ChildConfig::name).toList());
            if (loads.size() <= LOG_EACH_UP_TO) {
                logLoad(l);
            }
        }
        owned.recordAppliedAll(applied);
        if (loads.size() > LOG_EACH_UP_TO) {
            LOG.info("{} connections loaded ({} new, {} missing in charon, {} changed, {} taken over)", ok.size(),
                    count(loads, Action.Change.NEW), count(loads, Action.Change.MISSING),
                    count(loads, Action.Change.CHANGED), count(loads, Action.Change.TAKE_OVER));
        }
        if (lost != null) {
            throw lost;
        }
        return ok;
    }

    private static long count(List<Action.Load> loads, Action.Change c) {
        return loads.stream().filter(l -> l.change() == c).count();
    }

    private static void logLoad(Action.Load l) {
        switch (l.change()) {
            case MISSING -> LOG.info("connection '{}' was missing in charon (unloaded by someone else?): loaded again",
                    l.name());
            case CHANGED -> LOG.info("connection '{}' reloaded: its configuration changed", l.name());
            case TAKE_OVER -> LOG.info("connection '{}' loaded, taking over the one someone else loaded", l.name());
            default -> LOG.info("connection '{}' loaded", l.name());
        }
    }

    /** Unloads connections, pipelined like the loads (all requests in flight, then the answers). */
    private List<String> unloadConnections(List<Action.Unload> unloads, OwnershipStore owned) {
        Map<String, CompletableFuture<CommandResult>> sent = new LinkedHashMap<>();
        for (Action.Unload u : unloads) {
            sent.put(u.name(), charon.unloadConn(u.name()));
        }
        List<String> done = new ArrayList<>();
        for (var e : sent.entrySet()) {
            calls.refusal(e.getValue()).ifPresent(refused -> LOG.debug("unload-conn '{}': {}", e.getKey(),
                    reason(refused)));
            done.add(e.getKey());
        }
        return done;
    }

    /** One {@code list-conns}: loads must show with all their children, unloads must be gone. */
    private void verify(Map<String, ConnectionConfig> loaded, List<String> unloaded, OwnershipStore owned,
            Map<String, Rejection> rejected) {
        Map<String, ViciSection> listed = observer.listConns();
        cache.replaceListed(listed);
        for (ConnectionConfig c : loaded.values()) {
            ViciSection s = listed.get(c.name());
            boolean all = s != null && c.children().stream().allMatch(ch -> s.section("children")
                    .flatMap(x -> x.section(ch.name())).isPresent());
            if (!all) {
                rejected.put(c.name(), new Rejection("load-conn of '" + c.name() + "' answered success but list-conns "
                        + "does not show it with all its children", List.of(), FailureClass.UNKNOWN));
            }
        }
        // the SAs of removed connections are terminated in parallel (each waits for its peer), ownership is
        // recorded once for all
        Map<String, CompletableFuture<?>> terminations = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (String name : unloaded) {
            if (listed.containsKey(name)) {
                LOG.warn("unload-conn '{}' did not remove it; retrying at the next resync", name);
                continue;
            }
            removed.add(name);
            if (!cache.connection(name).ikeSas().isEmpty()) {
                terminations.put(name, calls.terminateIke(name, terminateTimeout));
            }
        }
        for (String name : removed) {
            var t = terminations.get(name);
            if (t != null) {
                try {
                    calls.await(t, terminateTimeout.plusSeconds(5));
                } catch (RuntimeException e) {
                    LOG.debug("terminate of '{}': {}", name, e.toString());
                }
            }
            cache.connectionRemoved(name);
            LOG.info("connection '{}' removed: unloaded{}", name, t != null ? " and its SAs terminated" : "");
        }
        owned.removeAll(OwnershipStore.Kind.CONNECTIONS, removed);
    }

    private void loadSecret(SecretConfig s, Action.Load l, OwnershipStore o) {
        String before = o.secrets().get(s.name());
        if (before == null) {
            o.putSecret(s.name(), SecretLoads.entry(s, s.name()));
        }
        String id;
        try {
            id = calls.await(SecretLoads.load(charon, s));
        } catch (CommandFailedException e) {
            LOG.warn("{} of secret '{}' failed: {}; retrying at the next resync", e.command(), s.name(), reason(e));
            return;
        }
        String entry = SecretLoads.entry(s, id);
        o.putSecret(s.name(), entry);
        if (before != null && !SecretLoads.isShared(before) && !before.equals(entry) && SecretLoads.id(before) != null) {
            // a changed private key has another key id: the old key would stay loaded otherwise
            calls.refusal(charon.unloadKey(SecretLoads.id(before)));
        }
        o.recordDigest("secret:" + s.name(), RequestDigest.of(s));
        if (s instanceof SharedSecret) {
            cache.sharedSecret(s.name(), true);
        }
        if (l.change() == Action.Change.MISSING) {
            LOG.info("secret '{}' loaded again (it was missing in charon)", s.name());
        } else {
            LOG.info("secret '{}' loaded", s.name());
        }
    }

    private void unloadSecret(Action.Unload u, OwnershipStore o) {
        String entry = o.secrets().getOrDefault(u.name(), SecretLoads.sharedEntry(u.name()));
        calls.refusal(SecretLoads.unload(charon, entry, u.id())).ifPresent(e -> LOG.info(
                "{} of secret '{}': {} (treated as already gone)", e.command(), u.name(), reason(e)));
        o.removeSecret(u.name());
        o.recordDigest("secret:" + u.name(), null);
        if (SecretLoads.isShared(entry)) {
            cache.sharedSecret(u.id(), false);
        }
        LOG.info("secret '{}' unloaded (no longer desired)", u.name());
    }

    private void loadPool(LoadPoolRequest req, Action.Load l, OwnershipStore o) {
        loadNamed(ObjectKind.POOL, req.name(), () -> charon.loadPool(req), RequestDigest.of(req), l, o);
    }

    private void loadAuthority(LoadAuthorityRequest req, Action.Load l, OwnershipStore o) {
        loadNamed(ObjectKind.AUTHORITY, req.name(), () -> charon.loadAuthority(req), RequestDigest.of(req), l, o);
    }

    private void loadNamed(ObjectKind kind, String name, Supplier<CompletableFuture<CommandResult>> load, String digest,
            Action.Load l, OwnershipStore o) {
        String what = kind.word();
        if (l.change() == Action.Change.MISSING) {
            LOG.info("{} '{}' is missing in charon (unloaded by someone else?): loading it again", what, name);
        }
        o.add(kind == ObjectKind.POOL ? OwnershipStore.Kind.POOLS : OwnershipStore.Kind.AUTHORITIES, name);
        Optional<CommandFailedException> refused = calls.refusal(load.get());
        if (refused.isPresent()) {
            LOG.warn("{} of {} '{}' failed: {}; retrying at the next resync", refused.get().command(), what, name,
                    reason(refused.get()));
            return;
        }
        o.recordDigest(what + ":" + name, digest);
        cache.named(what, name, true);
        LOG.info("{} '{}' loaded", what, name);
    }

    private void unloadNamed(Action.Unload u, OwnershipStore o) {
        String what = u.kind().word();
        Optional<CommandFailedException> refused = calls.refusal(u.kind() == ObjectKind.POOL
                ? charon.unloadPool(u.name()) : charon.unloadAuthority(u.name()));
        if (refused.isPresent() && !refused.get().errmsg().contains("not found")) {
            LOG.warn("{} '{}' failed: {}; retrying at the next resync", refused.get().command(), u.name(),
                    reason(refused.get()));
            return;
        }
        o.remove(u.kind() == ObjectKind.POOL ? OwnershipStore.Kind.POOLS : OwnershipStore.Kind.AUTHORITIES, u.name());
        o.recordDigest(what + ":" + u.name(), null);
        cache.named(what, u.name(), false);
        LOG.info("{} '{}' unloaded (no longer desired)", what, u.name());
    }

    /** charon's reason for a refusal (never the request: it may hold a secret). */
    private static String reason(CommandFailedException refused) {
        return refused.errmsg().isEmpty() ? "no reason given" : refused.errmsg();
    }
}
