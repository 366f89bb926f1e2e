package org.vici4j.controller.config.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.vici4j.controller.config.ControllerSettings;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.Location;
import org.vici4j.controller.config.internal.YamlTree.MapNode;

/**
 * Reads the {@code controller} section ({@code resync}, {@code retry}, {@code owner}, {@code maxPruneShare}), which
 * one file at most may declare, and makes the {@link ControllerSettings} of it.
 */
final class ControllerSectionReader {

    private static final List<String> CONTROLLER_KEYS = List.of("resync", "retry", "owner", "maxPruneShare");

    private final ReadContext ctx;
    private final RetryReader retries;
    private Location location;
    private Duration resync;
    private String owner;
    private Double maxPruneShare;
    private RetryReader.Spec retry;

    ControllerSectionReader(ReadContext ctx, RetryReader retries) {
        this.ctx = ctx;
        this.retries = retries;
    }

    void read(Entry e) {
        String path = "controller";
        if (location != null) {
            ctx.problem(e.keyLocation(), path, "controller settings declared twice, first at " + location.file()
                    + ":" + location.line() + ":" + location.column(),
                    "declare the controller section in one file only");
            return;
        }
        location = e.keyLocation();
        ctx.map().key(path, e.keyLocation());
        MapNode m = ctx.body(e, path);
        if (m == null) {
            return;
        }
        for (Entry x : ctx.unique(m, path)) {
            String p = path + "." + x.key();
            ctx.map().key(p, x.keyLocation());
            switch (x.key()) {
                case "resync" -> ctx.scalar(x, p).ifPresent(s -> ctx.duration(s, x.value().location(), p).ifPresent(d -> resync = d));
                case "owner" -> ctx.scalar(x, p).ifPresent(s -> {
                    if (s.matches(ControllerSettings.OWNER_PATTERN)) {
                        owner = s;
                    } else {
                        ctx.problem(x.value().location(), p, "bad owner tag '" + s + "'",
                                "use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                    }
                });
                case "retry" -> retry = retries.read(x, p);
                case "maxPruneShare" -> ctx.scalar(x, p).ifPresent(s -> {
                    Optional<Double> share = share(s);
                    if (share.isPresent()) {
                        maxPruneShare = share.get();
                    } else {
                        ctx.problem(x.value().location(), p, "bad share '" + s + "'",
                                "use a percentage from 0% to 100% or a fraction from 0 to 1, e.g. 50% or 0.5"
                                        + " (100% turns the prune guard off)");
                    }
                });
                default -> ctx.problem(x.keyLocation(), p, "unknown controller setting '" + x.key() + "'",
                        Suggest.nearest(x.key(), CONTROLLER_KEYS).map(s -> "did you mean " + s + "?")
                                .orElse("controller settings are " + String.join(", ", CONTROLLER_KEYS)));
            }
        }
    }

    /** @return the controller's retry policy: the default completed by the section's {@code retry} */
    RetryPolicy retryPolicy() {
        return retry == null ? RetryPolicy.DEFAULT : retries.apply(RetryPolicy.DEFAULT, retry).orElse(RetryPolicy.DEFAULT);
    }

    /** @return the settings read, the defaults where nothing was given (or with a problem if they do not fit) */
    ControllerSettings settings(RetryPolicy retryPolicy) {
        ControllerSettings cs = ControllerSettings.DEFAULT;
        try {
            return new ControllerSettings(resync != null ? resync : cs.resync(), retryPolicy,
                    owner != null ? owner : cs.owner(), maxPruneShare != null ? maxPruneShare : cs.maxPruneShare());
        } catch (IllegalArgumentException ex) {
            ctx.problem(location, "controller", ex.getMessage(), null);
            return cs;
        }
    }

    /** Parses a share: {@code 50%} or {@code 0.5}, between 0 and 1. */
    private static Optional<Double> share(String s) {
        String t = s.strip();
        boolean percent = t.endsWith("%");
        Optional<Double> d = ReadContext.number(percent ? t.substring(0, t.length() - 1).strip() : t);
        return d.map(v -> percent ? v / 100.0 : v).filter(v -> v >= 0.0 && v <= 1.0);
    }
}
