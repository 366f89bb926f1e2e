package org.vici4j.controller.failure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.vici4j.client.message.ViciSection;

/**
 * Keeps the recent {@code log} lines of each IKE_SA, keyed by {@code ikesa-uniqueid} (a responder's lines start
 * as "(unnamed)" and get the connection name once a config is selected: the unique id ties them together), and
 * tells when the lines of an IKE_SA show a finished failure (e.g. a responder's "failed to establish CHILD_SA").
 * Bounded: at most {@code maxIkeSas} IKE_SAs (least recently used dropped) of {@code maxLines} lines each.
 * Thread-safe.
 */
public final class LogCorrelator {

    /** Messages after which an IKE_SA's lines describe a finished (failed) attempt. */
    private static final List<String> TERMINAL = List.of("failed to establish CHILD_SA",
            "establishing IKE_SA failed", "giving up after", "received AUTHENTICATION_FAILED notify error",
            "but MAC mismatched", "no IKE config found for", "unable to install IPsec policies (SPD) in kernel",
            "traffic selectors", "no acceptable proposal found");

    private record Timed(Instant at, LogLine line) {
    }

    private static final class Ike {
        String name;
        final Deque<Timed> lines = new ArrayDeque<>();
    }

    private final Clock clock;
    private final FailureClassifier classifier;
    private final int maxIkeSas;
    private final int maxLines;
    private final LinkedHashMap<Long, Ike> byId;

    public LogCorrelator(Clock clock, int maxIkeSas, int maxLines) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.classifier = new FailureClassifier(clock);
        this.maxIkeSas = maxIkeSas;
        this.maxLines = maxLines;
        this.byId = new LinkedHashMap<>(16, 0.75f, true);
    }

    public LogCorrelator(Clock clock) {
        this(clock, 1024, 200);
    }

    /**
     * A failure seen in the log of an IKE_SA nobody was waiting for (e.g. at a responder).
     *
     * @param ikeSaName connection name (null if the IKE_SA never got one)
     * @param ikeSaUniqueId the IKE_SA's unique id
     * @param childName the CHILD_SA named by "establishing CHILD_SA x{n}" lines, or null
     * @param failure the classification
     */
    public record PassiveFailure(String ikeSaName, long ikeSaUniqueId, String childName, Failure failure) {
    }

    /**
     * Records one {@code log} event.
     *
     * @return a failure if this line ends a failed attempt; the IKE_SA's buffered lines are then consumed so that a
     *     later attempt on the same IKE_SA is classified on its own lines
     */
    public synchronized Optional<PassiveFailure> accept(ViciSection logEvent) {
        return accept(LogLine.from(logEvent));
    }

    /** As {@link #accept(ViciSection)}. */
    public synchronized Optional<PassiveFailure> accept(LogLine line) {
        if (line.ikeSaUniqueId() <= 0) {
            return Optional.empty();
        }
        Ike ike = byId.computeIfAbsent(line.ikeSaUniqueId(), k -> new Ike());
        if (line.ikeSaName() != null && !"(unnamed)".equals(line.ikeSaName())) {
            ike.name = line.ikeSaName();
        }
        ike.lines.addLast(new Timed(clock.instant(), line));
        while (ike.lines.size() > maxLines) {
            ike.lines.removeFirst();
        }
        while (byId.size() > maxIkeSas) {
            Long eldest = byId.keySet().iterator().next();
            byId.remove(eldest);
        }
        String m = line.message();
        boolean terminal = TERMINAL.stream().anyMatch(m::contains)
                && (!m.startsWith("traffic selectors") || m.endsWith("unacceptable"));
        if (!terminal) {
            return Optional.empty();
        }
        List<LogLine> lines = ike.lines.stream().map(Timed::line).toList();
        Optional<Failure> f = classifier.classifyLines(lines);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        String child = childName(lines);
        ike.lines.clear();
        return Optional.of(new PassiveFailure(ike.name, line.ikeSaUniqueId(), child, f.get()));
    }

    /** @return the lines of every IKE_SA named {@code ikeSaName} recorded at or after {@code since}, in order */
    public synchronized List<LogLine> linesFor(String ikeSaName, Instant since) {
        List<Timed> all = new ArrayList<>();
        for (Ike ike : byId.values()) {
            if (ikeSaName.equals(ike.name)) {
                for (Timed t : ike.lines) {
                    if (!t.at().isBefore(since)) {
                        all.add(t);
                    }
                }
            }
        }
        all.sort((a, b) -> a.at().compareTo(b.at()));
        return all.stream().map(Timed::line).toList();
    }

    /** Forgets everything (e.g. after charon restarted). */
    public synchronized void clear() {
        byId.clear();
    }

    /** @return the child named in "establishing CHILD_SA name{n}", if any */
    static String childName(List<LogLine> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String m = lines.get(i).message();
            for (String prefix : new String[] {"establishing CHILD_SA ", "CHILD_SA "}) {
                if (m.startsWith(prefix)) {
                    String rest = m.substring(prefix.length());
                    int brace = rest.indexOf('{');
                    if (brace > 0) {
                        return rest.substring(0, brace);
                    }
                }
            }
        }
        return null;
    }

    Map<Long, Integer> sizes() {
        Map<Long, Integer> m = new LinkedHashMap<>();
        byId.forEach((k, v) -> m.put(k, v.lines.size()));
        return m;
    }
}
