package org.vici4j.controller.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.internal.AppliedConfig;
import org.vici4j.controller.internal.RequestDigest;

/**
 * Computes the {@link Plan} that makes charon match a desired state: a pure function of the desired state, what
 * charon has ({@link ObservedState}) and what this owner loaded before ({@link Ownership}); no I/O. {@code vici
 * diff} prints it, {@code vici apply} executes it once and the controller executes it continuously, so the three
 * never disagree.
 */
public final class Planner {

    /**
     * How to plan.
     *
     * @param prune unload what this owner loaded and the desired state no longer has
     * @param reloadAll load every connection, secret, pool and authority again, changed or not (after charon
     *     restarted or events were missed)
     */
    public record Options(boolean prune, boolean reloadAll) {
        /** Prune, and load only what changed or is missing. */
        public static final Options DEFAULT = new Options(true, false);
    }

    private Planner() {
    }

    /** @return the plan with {@link Options#DEFAULT} */
    public static Plan plan(DesiredState desired, ObservedState observed, Ownership ownership) {
        return plan(desired, observed, ownership, Options.DEFAULT);
    }

    /** @return the steps that make charon match {@code desired}, in the order of {@link Plan} */
    public static Plan plan(DesiredState desired, ObservedState observed, Ownership ownership, Options options) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(options, "options");
        List<Action> out = new ArrayList<>();
        for (ConnectionConfig c : desired.connections()) {
            connectionLoad(c, observed.connection(c.name()), ownership, options.reloadAll()).ifPresent(out::add);
        }
        secretLoads(desired, observed, ownership, options.reloadAll(), out);
        namedLoads(ObjectKind.POOL, digests(desired.pools(), PoolConfig::name, p -> RequestDigest.of(p.toLoadPool())),
                observed.pools(), ownership, options.reloadAll(), out);
        namedLoads(ObjectKind.AUTHORITY, digests(desired.authorities(), AuthorityConfig::name,
                a -> RequestDigest.of(a.toLoadAuthority())), observed.authorities(), ownership, options.reloadAll(), out);
        List<Action> children = new ArrayList<>();
        for (ConnectionConfig c : desired.connections()) {
            children.addAll(childActions(c, observed.connection(c.name())));
        }
        // Plan's order: every termination, then every trap install, then every initiate (each in desired order)
        for (Class<? extends Action> step : List.of(Action.TerminateChild.class, Action.InstallTrap.class,
                Action.Initiate.class)) {
            children.stream().filter(step::isInstance).forEach(out::add);
        }
        if (options.prune()) {
            unloads(desired, ownership, out);
        }
        return new Plan(out);
    }

    /**
     * Whether a desired connection must be loaded, and why.
     *
     * @param reloadAll load it even if unchanged
     * @return the load, or empty if charon has it as desired
     */
    public static Optional<Action.Load> connectionLoad(ConnectionConfig c, ObservedConnection observed,
            Ownership ownership, boolean reloadAll) {
        String name = c.name();
        boolean owned = ownership.connections().contains(name);
        if (!observed.loaded()) {
            return Optional.of(owned
                    ? new Action.Load(ObjectKind.CONNECTION, name, Action.Change.MISSING,
                            "loaded before but missing in charon (unloaded by someone else, or charon restarted)")
                    : new Action.Load(ObjectKind.CONNECTION, name, Action.Change.NEW, "not loaded in charon"));
        }
        if (!owned) {
            return Optional.of(new Action.Load(ObjectKind.CONNECTION, name, Action.Change.TAKE_OVER,
                    "loaded in charon by someone else (swanctl?); loading replaces it and takes it over"));
        }
        Optional<Map<String, String>> applied = ownership.appliedOptions(name);
        if (applied.isEmpty()) {
            return Optional.of(new Action.Load(ObjectKind.CONNECTION, name, Action.Change.REFRESH,
                    "no record of the options last loaded"));
        }
        List<String> changes = changes(applied.get(), desiredOptions(c));
        if (!changes.isEmpty()) {
            return Optional.of(new Action.Load(ObjectKind.CONNECTION, name, Action.Change.CHANGED,
                    "changed: " + summary(changes)));
        }
        for (ChildConfig ch : c.children()) {
            if (!observed.hasChildConfig(ch.name())) {
                return Optional.of(new Action.Load(ObjectKind.CONNECTION, name, Action.Change.MISSING,
                        "charon lacks its child '" + ch.name() + "'"));
            }
        }
        if (reloadAll) {
            return Optional.of(new Action.Load(ObjectKind.CONNECTION, name, Action.Change.REFRESH,
                    "re-applying everything"));
        }
        return Optional.empty();
    }

    /** @return the flattened options of the connection's {@code load-conn}, as an ownership record keeps them */
    public static Map<String, String> desiredOptions(ConnectionConfig c) {
        return AppliedConfig.flatten(c.toLoadConn().config());
    }

    /** @return {@code key: old -> new} for each option that differs, in the desired order, then removed ones */
    public static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                out.add(e.getKey() + ": (unset) -> " + e.getValue());
            } else if (!old.equals(e.getValue())) {
                out.add(e.getKey() + ": " + old + " -> " + e.getValue());
            }
        }
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add(e.getKey() + ": " + e.getValue() + " -> (unset)");
            }
        }
        return out;
    }

    private static String summary(List<String> changes) {
        int shown = Math.min(3, changes.size());
        String s = String.join("; ", changes.subList(0, shown));
        return changes.size() > shown ? s + "; and " + (changes.size() - shown) + " more" : s;
    }

    /**
     * The steps for the children of a desired connection that charon has loaded (or is about to).
     *
     * @return terminations of CHILD_SAs of children no longer desired, trap installs, initiates
     */
    public static List<Action> childActions(ConnectionConfig c, ObservedConnection observed) {
        List<Action> out = new ArrayList<>();
        for (IkeSa ike : observed.ikeSas()) {
            for (ChildSa cs : ike.childSas()) {
                if (c.child(cs.name()).isEmpty() && cs.isInstalled()) {
                    out.add(new Action.TerminateChild(c.name(), cs.name(), cs.uniqueId(),
                            "child no longer desired"));
                }
            }
        }
        for (ChildConfig ch : c.children()) {
            if (observed.installed(ch.name())) {
                continue;
            }
            if (ch.ensure() == Ensure.TRAP && !observed.trapped(ch.name())) {
                out.add(new Action.InstallTrap(c.name(), ch.name(), "no trap policy installed"));
            } else if (ch.ensure() == Ensure.UP) {
                out.add(new Action.Initiate(c.name(), ch.name(), observed.ikeEstablished()
                        ? "no INSTALLED CHILD_SA (its IKE_SA is established)" : "no IKE_SA established"));
            }
        }
        return out;
    }

    private static void secretLoads(DesiredState d, ObservedState o, Ownership own, boolean reloadAll,
            List<Action> out) {
        for (SecretConfig s : d.secrets()) {
            String digest = RequestDigest.of(s);
            Optional<String> applied = own.appliedDigest("secret:" + s.name());
            boolean shared = s instanceof SharedSecret;
            boolean listed = !shared || o.sharedIds().map(ids -> ids.contains(s.name())).orElse(true);
            String reason;
            Action.Change change;
            if (shared && !listed) {
                change = own.secrets().containsKey(s.name()) ? Action.Change.MISSING : Action.Change.NEW;
                reason = "charon does not list it (get-shared)";
            } else if (applied.isEmpty()) {
                change = Action.Change.REFRESH;
                reason = "charon cannot show a secret's value: loaded unless this owner loaded the same one before";
            } else if (!applied.get().equals(digest)) {
                change = Action.Change.CHANGED;
                reason = "changed";
            } else if (reloadAll) {
                change = Action.Change.REFRESH;
                reason = "re-applying everything";
            } else {
                continue;
            }
            out.add(new Action.Load(ObjectKind.SECRET, s.name(), change, reason));
        }
    }

    /** @return each object's name and the digest of its load request, in order */
    private static <T> Map<String, String> digests(List<T> objects, Function<T, String> name,
            Function<T, String> digest) {
        Map<String, String> m = new LinkedHashMap<>();
        for (T o : objects) {
            m.put(name.apply(o), digest.apply(o));
        }
        return m;
    }

    private static void namedLoads(ObjectKind kind, Map<String, String> wanted, Optional<Set<String>> present,
            Ownership own, boolean reloadAll, List<Action> out) {
        Set<String> owned = kind == ObjectKind.POOL ? own.pools() : own.authorities();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String name = e.getKey();
            String digest = e.getValue();
            Optional<String> applied = own.appliedDigest(kind.word() + ":" + name);
            boolean listed = present.map(p -> p.contains(name)).orElse(true);
            if (!listed) {
                out.add(new Action.Load(kind, name, owned.contains(name) ? Action.Change.MISSING : Action.Change.NEW,
                        "not loaded in charon"));
            } else if (applied.isEmpty()) {
                out.add(new Action.Load(kind, name, owned.contains(name) ? Action.Change.REFRESH
                        : Action.Change.TAKE_OVER, "no record of what was loaded"));
            } else if (!applied.get().equals(digest)) {
                out.add(new Action.Load(kind, name, Action.Change.CHANGED, "changed"));
            } else if (reloadAll) {
                out.add(new Action.Load(kind, name, Action.Change.REFRESH, "re-applying everything"));
            }
        }
    }

    /**
     * What pruning would unload: the objects this owner loaded that {@code desired} no longer has (connections first,
     * then secrets, pools and authorities), as {@link #plan} lists them with {@link Options#prune()}.
     */
    public static List<Action.Unload> unloads(DesiredState desired, Ownership ownership) {
        List<Action> out = new ArrayList<>();
        unloads(desired, ownership, out);
        return out.stream().map(Action.Unload.class::cast).toList();
    }

    private static void unloads(DesiredState d, Ownership own, List<Action> out) {
        Set<String> conns = new LinkedHashSet<>();
        d.connections().forEach(c -> conns.add(c.name()));
        for (String name : own.connections()) {
            if (!conns.contains(name)) {
                out.add(new Action.Unload(ObjectKind.CONNECTION, name, name, "no longer desired"));
            }
        }
        Set<String> secrets = new LinkedHashSet<>();
        d.secrets().forEach(s -> secrets.add(s.name()));
        for (Map.Entry<String, String> e : own.secrets().entrySet()) {
            if (!secrets.contains(e.getKey())) {
                String v = e.getValue();
                int colon = v.indexOf(':');
                out.add(new Action.Unload(ObjectKind.SECRET, e.getKey(), colon < 0 ? e.getKey() : v.substring(colon + 1),
                        "no longer desired"));
            }
        }
        Set<String> pools = new LinkedHashSet<>();
        d.pools().forEach(p -> pools.add(p.name()));
        own.pools().stream().filter(p -> !pools.contains(p))
                .forEach(p -> out.add(new Action.Unload(ObjectKind.POOL, p, p, "no longer desired")));
        Set<String> auths = new LinkedHashSet<>();
        d.authorities().forEach(a -> auths.add(a.name()));
        own.authorities().stream().filter(a -> !auths.contains(a))
                .forEach(a -> out.add(new Action.Unload(ObjectKind.AUTHORITY, a, a, "no longer desired")));
    }
}
