package org.vici4j.controller.failure;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One classified failed attempt.
 *
 * @param failureClass what failed ({@code class} in status JSON)
 * @param side where it failed
 * @param message a sentence for humans: what happened and what to look at
 * @param notifyType the IKE notify involved (e.g. {@code NO_PROPOSAL_CHOSEN}, {@code TS_UNACCEPTABLE},
 *     {@code AUTHENTICATION_FAILED}), or null
 * @param evidence the charon log lines (or alert/result texts) the classification rests on, "[GROUP] msg"
 * @param at when the failure was observed
 */
public record Failure(FailureClass failureClass, Side side, String message, String notifyType, List<String> evidence,
        Instant at) {

    /** Maximum number of evidence lines kept. */
    public static final int MAX_EVIDENCE = 12;

    public Failure {
        Objects.requireNonNull(failureClass, "failureClass");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        evidence = evidence == null ? List.of()
                : List.copyOf(evidence.size() > MAX_EVIDENCE ? evidence.subList(evidence.size() - MAX_EVIDENCE,
                        evidence.size()) : evidence);
    }

    /** @return a copy observed at another time */
    public Failure withAt(Instant when) {
        return new Failure(failureClass, side, message, notifyType, evidence, when);
    }

    /**
     * Combines this failure, classified from charon's log or an initiate's result, with the {@code alert} charon
     * raised for the same event (strongSwan 6.0.3+): the alert's class wins; if the classes agree, this failure's
     * side and message (which say more) are kept; the evidence holds the alert's line first, then this failure's.
     *
     * @return the combined failure, observed at the earlier of the two times
     */
    public Failure mergedWithAlert(Failure alert) {
        LinkedHashSet<String> ev = new LinkedHashSet<>(alert.evidence());
        ev.addAll(evidence);
        boolean sameClass = alert.failureClass() == failureClass;
        return new Failure(alert.failureClass(), sameClass ? side : alert.side(), sameClass ? message : alert.message(),
                alert.notifyType() != null ? alert.notifyType() : notifyType, List.copyOf(ev),
                alert.at().isBefore(at) ? alert.at() : at);
    }

    /** @return a one-line summary, e.g. {@code install-child-sa-failed (local): ...} */
    public String summary() {
        return failureClass.wireName() + " (" + side.wireName() + (notifyType == null ? "" : ", " + notifyType) + "): "
                + message;
    }
}
