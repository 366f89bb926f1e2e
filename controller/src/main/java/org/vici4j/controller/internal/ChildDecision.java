package org.vici4j.controller.internal;

import java.time.Instant;
import java.util.Objects;

import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.config.Ensure;

/**
 * What to do about one desired child now: a pure function of what charon has of it, the attempt under way and its
 * retry state. Returns the child's state, the step to take and when to look again.
 */
public final class ChildDecision {

    /** The step to take. */
    public enum Step {
        /** nothing now */
        NONE,
        /** the child is as desired: reset its retry state */
        SUCCEEDED,
        /** send {@code initiate} */
        INITIATE,
        /** send {@code install} */
        INSTALL,
        /** the attempt under way has had no outcome by its deadline: look at charon */
        CHECK_OVERDUE
    }

    /**
     * What the decision rests on.
     *
     * @param ensure what is desired of the child
     * @param installed charon has an INSTALLED CHILD_SA of it
     * @param trapped charon has its trap policy installed
     * @param awaiting an attempt of ours is under way (initiate sent, no outcome yet)
     * @param deadline when the attempt under way is overdue (null if none)
     * @param givenUp the retry policy gave up
     * @param nextAttemptAt when the next attempt is due (null: now)
     * @param now the current time
     */
    public record Input(Ensure ensure, boolean installed, boolean trapped, boolean awaiting, Instant deadline,
            boolean givenUp, Instant nextAttemptAt, Instant now) {
        public Input {
            Objects.requireNonNull(ensure, "ensure");
            Objects.requireNonNull(now, "now");
        }

        boolean due() {
            return nextAttemptAt == null || !now.isBefore(nextAttemptAt);
        }
    }

    /**
     * The outcome.
     *
     * @param state the child's state to report
     * @param step what to do now
     * @param wakeAt when to decide again (null: only when something happens)
     */
    public record Decision(ChildState state, Step step, Instant wakeAt) {
    }

    private ChildDecision() {
    }

    /** @return what to do about the child now */
    public static Decision decide(Input in) {
        return switch (in.ensure()) {
            case UP -> up(in);
            case TRAP -> trap(in);
            default -> new Decision(in.installed() ? ChildState.INSTALLED : ChildState.LOADED, Step.NONE, null);
        };
    }

    private static Decision up(Input in) {
        if (in.installed()) {
            return new Decision(ChildState.INSTALLED, Step.SUCCEEDED, null);
        }
        if (in.awaiting()) {
            if (in.deadline() != null && !in.now().isBefore(in.deadline())) {
                return new Decision(ChildState.ESTABLISHING, Step.CHECK_OVERDUE, null);
            }
            return new Decision(ChildState.ESTABLISHING, Step.NONE, in.deadline());
        }
        if (in.givenUp()) {
            return new Decision(ChildState.FAILED, Step.NONE, null);
        }
        if (!in.due()) {
            return new Decision(ChildState.RETRYING, Step.NONE, in.nextAttemptAt());
        }
        return new Decision(ChildState.ESTABLISHING, Step.INITIATE, null);
    }

    private static Decision trap(Input in) {
        if (in.installed()) {
            return new Decision(ChildState.INSTALLED, Step.SUCCEEDED, null);
        }
        if (in.trapped()) {
            return new Decision(ChildState.TRAPPED, Step.NONE, null);
        }
        if (in.givenUp()) {
            return new Decision(ChildState.FAILED, Step.NONE, null);
        }
        if (!in.due()) {
            return new Decision(ChildState.RETRYING, Step.NONE, in.nextAttemptAt());
        }
        return new Decision(ChildState.LOADED, Step.INSTALL, null);
    }
}
