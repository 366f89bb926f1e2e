package org.vici4j.controller.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.vici4j.controller.config.DesiredState;

/**
 * Guards against pruning too much at once, the way {@code kubectl apply --prune} users guard against an empty or
 * wrong manifest: a change of the desired state that would unload <b>everything</b> this owner loaded, or <b>more
 * than {@code controller.maxPruneShare}</b> of it (default half, counted when the owner has more than
 * {@value #SHARE_APPLIES_ABOVE} objects), is refused unless confirmed. A truncated or emptied file, the wrong file,
 * or a file that lost most of its sections looks exactly like this.
 *
 * <p>Objects are counted across kinds: connections, secrets, pools and authorities. Confirm by setting {@code
 * controller.maxPruneShare} in the new desired state (1, or {@code 100%} in YAML, allows anything), or by turning
 * the guard off for a controller ({@code Controller.Builder.allowMassPrune(true)}, {@code vici controller
 * --allow-mass-prune}, {@code vici apply --prune --allow-mass-prune}). Pure: no I/O.
 */
public final class PruneGuard {

    /** The share rule applies only when the owner has more objects than this (a few objects may all change). */
    public static final int SHARE_APPLIES_ABOVE = 4;

    private static final int NAMES_SHOWN = 10;

    /**
     * The outcome of a check.
     *
     * @param owned how many objects the owner has loaded
     * @param unloads what pruning would unload
     * @param maxShare the largest share allowed
     * @param refusal why it is refused, in words for people (no hint how to confirm); null if allowed
     */
    public record Verdict(int owned, List<Action.Unload> unloads, double maxShare, String refusal) {

        public Verdict {
            unloads = List.copyOf(unloads);
        }

        /** @return whether the prune is refused */
        public boolean refused() {
            return refusal != null;
        }
    }

    private PruneGuard() {
    }

    /**
     * Checks what pruning to {@code desired} would unload of what {@code ownership} lists, against {@code
     * desired.controller().maxPruneShare()}.
     */
    public static Verdict check(DesiredState desired, Ownership ownership) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(ownership, "ownership");
        return check(Planner.unloads(desired, ownership), count(ownership), desired.controller().maxPruneShare());
    }

    /** @return the number of objects the owner has loaded, across kinds */
    public static int count(Ownership ownership) {
        return ownership.connections().size() + ownership.secrets().size() + ownership.pools().size()
                + ownership.authorities().size();
    }

    /**
     * @param unloads what pruning would unload
     * @param owned how many objects the owner has loaded
     * @param maxShare the largest share (0 to 1) that may be unloaded; 1 allows anything
     */
    public static Verdict check(List<Action.Unload> unloads, int owned, double maxShare) {
        int n = Math.max(owned, unloads.size());
        int u = unloads.size();
        String refusal = null;
        if (u > 0 && maxShare < 1.0) {
            if (u == n) {
                refusal = "it would unload everything this controller loaded (" + count(u) + ": " + names(unloads)
                        + ") and keep none of it";
            } else if (n > SHARE_APPLIES_ABOVE && (double) u / n > maxShare) {
                refusal = "it would unload " + u + " of the " + n + " objects this controller loaded ("
                        + percent((double) u / n) + ", more than controller.maxPruneShare " + percent(maxShare)
                        + "): " + names(unloads);
            }
        }
        return new Verdict(owned, unloads, maxShare, refusal);
    }

    private static String count(int n) {
        return n == 1 ? "1 object" : n + " objects";
    }

    /** @return a share as a percentage, e.g. {@code 50%}, {@code 62.5%} */
    public static String percent(double share) {
        double p = share * 100.0;
        if (Math.abs(p - Math.rint(p)) < 1e-9) {
            return (long) Math.rint(p) + "%";
        }
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** @return e.g. {@code connections a, b; secret ike-a}, at most ten names, then how many more */
    static String names(List<Action.Unload> unloads) {
        Map<ObjectKind, List<String>> byKind = new LinkedHashMap<>();
        for (Action.Unload u : unloads) {
            byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>()).add(u.name());
        }
        List<String> parts = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<ObjectKind, List<String>> e : byKind.entrySet()) {
            List<String> names = e.getValue();
            int take = Math.min(names.size(), NAMES_SHOWN - shown);
            if (take <= 0) {
                break;
            }
            String word = e.getKey() == ObjectKind.AUTHORITY ? (names.size() == 1 ? "authority" : "authorities")
                    : e.getKey().word() + (names.size() == 1 ? "" : "s");
            parts.add(word + " " + String.join(", ", names.subList(0, take)));
            shown += take;
        }
        String s = String.join("; ", parts);
        return unloads.size() > shown ? s + " and " + (unloads.size() - shown) + " more" : s;
    }
}
