package org.vici4j.controller.config.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.Location;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;

/**
 * Reads a {@code retry} section (of a connection or of the controller section) and completes it from a base policy.
 * The rules on each setting are {@link RetryPolicy}'s own ({@code RetryPolicy.check*}); this class only reads the
 * text, and reports a broken rule at the value's file:line:column under its key.
 */
final class RetryReader {

    private static final List<String> RETRY_KEYS = List.of("initial", "max", "multiplier", "jitter", "attempts");

    /** A retry section as written; absent (null) fields come from the base policy. */
    record Spec(Duration initial, Duration max, Double multiplier, Double jitter, Optional<OptionalInt> attempts,
                String path) {
    }

    private final ReadContext ctx;

    RetryReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** @return the section as written, null (with problems) if any of it is wrong */
    Spec read(Entry e, String path) {
        MapNode m = ctx.body(e, path);
        if (m == null) {
            return null;
        }
        Duration initial = null;
        Duration max = null;
        Double multiplier = null;
        Double jitter = null;
        Optional<OptionalInt> attempts = null;
        boolean bad = false;
        for (Entry x : ctx.unique(m, path)) {
            String p = path + "." + x.key();
            ctx.map().key(p, x.keyLocation());
            Location vl = x.value().location();
            switch (x.key()) {
                case "initial" -> {
                    initial = duration(x, p, RetryPolicy::checkInitial);
                    bad |= initial == null;
                }
                case "max" -> {
                    max = duration(x, p, d -> RetryPolicy.checkMax(d, Duration.ZERO));
                    bad |= max == null;
                }
                case "multiplier" -> {
                    multiplier = number(x, p, RetryPolicy::checkMultiplier, "use a number >= 1.0, e.g. 2.0");
                    bad |= multiplier == null;
                }
                case "jitter" -> {
                    jitter = number(x, p, RetryPolicy::checkJitter, "use a fraction between 0 and 1, e.g. 0.2");
                    bad |= jitter == null;
                }
                case "attempts" -> {
                    attempts = attempts(x, p);
                    bad |= attempts == null;
                }
                default -> {
                    ctx.problem(x.keyLocation(), p, "unknown retry setting '" + x.key() + "'",
                            Suggest.nearest(x.key(), RETRY_KEYS).map(s -> "did you mean " + s + "?")
                                    .orElse("retry settings are " + String.join(", ", RETRY_KEYS)));
                    bad = true;
                }
            }
        }
        if (initial != null && max != null) {
            Duration first = initial;
            if (checked(e.keyLocation(), path, max, d -> RetryPolicy.checkMax(d, first), null, "make max at least initial") == null) {
                return null;
            }
        }
        return bad ? null : new Spec(initial, max, multiplier, jitter, attempts, path);
    }

    /** @return the policy {@code spec} makes of {@code base}; empty (with a problem) if the result breaks a rule */
    Optional<RetryPolicy> apply(RetryPolicy base, Spec spec) {
        try {
            RetryPolicy p = base;
            if (spec.initial() != null) {
                p = new RetryPolicy(spec.initial(), spec.max() != null ? spec.max()
                        : (p.max().compareTo(spec.initial()) < 0 ? spec.initial() : p.max()),
                        p.multiplier(), p.jitter(), p.attempts());
            }
            if (spec.max() != null) {
                p = p.withMax(spec.max());
            }
            if (spec.multiplier() != null) {
                p = p.withMultiplier(spec.multiplier());
            }
            if (spec.jitter() != null) {
                p = p.withJitter(spec.jitter());
            }
            if (spec.attempts() != null) {
                p = p.withAttempts(spec.attempts().get());
            }
            return Optional.of(p);
        } catch (IllegalArgumentException ex) {
            ctx.errorAtKey(spec.path(), ex.getMessage(), "retry.max must be at least retry.initial");
            return Optional.empty();
        }
    }

    private Duration duration(Entry x, String p, UnaryOperator<Duration> rule) {
        Location vl = x.value().location();
        return ctx.scalar(x, p).flatMap(s -> ctx.duration(s, vl, p))
                .map(d -> checked(vl, p, d, rule, "must be positive", "use e.g. 1s")).orElse(null);
    }

    private Double number(Entry x, String p, UnaryOperator<Double> rule, String hint) {
        Location vl = x.value().location();
        Optional<String> s = ctx.scalar(x, p);
        Optional<Double> d = s.flatMap(ReadContext::number);
        String bad = "bad " + x.key() + " '" + s.orElse("") + "'";
        if (s.isPresent() && d.isEmpty()) {
            ctx.problem(vl, p, bad, hint);
        }
        return d.map(v -> checked(vl, p, v, rule, bad, hint)).orElse(null);
    }

    private Optional<OptionalInt> attempts(Entry x, String p) {
        if (x.value() instanceof ScalarNode s && s.isNull()) {
            return Optional.of(OptionalInt.empty());
        }
        Location vl = x.value().location();
        String hint = "use a whole number >= 1, or null to retry forever";
        Optional<String> s = ctx.scalar(x, p);
        if (s.isPresent() && !s.get().matches("[0-9]{1,9}")) {
            ctx.problem(vl, p, "bad attempts '" + s.get() + "'", hint);
            return null;
        }
        Integer n = s.map(v -> checked(vl, p, Integer.parseInt(v), RetryPolicy::checkAttempts, "bad attempts '" + v + "'",
                hint)).orElse(null);
        return n == null ? null : Optional.of(OptionalInt.of(n));
    }

    /**
     * @return {@code value} if {@code rule} accepts it, else null with a problem at {@code loc}: {@code message} in the
     *     words of the YAML value as written, or the rule's own message if null
     */
    private <T> T checked(Location loc, String path, T value, UnaryOperator<T> rule, String message, String hint) {
        try {
            return rule.apply(value);
        } catch (IllegalArgumentException ex) {
            ctx.problem(loc, path, message != null ? message : ex.getMessage(), hint);
            return null;
        }
    }
}
