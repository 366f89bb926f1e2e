package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.internal.ChildDecision.Decision;
import org.vici4j.controller.internal.ChildDecision.Input;
import org.vici4j.controller.internal.ChildDecision.Step;

/** {@link ChildDecision#decide}: every branch, as a table, and invariants over every combination of inputs. */
class ChildDecisionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(5);
    private static final Instant LATER = NOW.plusSeconds(5);

    /** The input with everything "nothing there" unless changed by the builder methods below. */
    private record In(Ensure ensure, boolean installed, boolean trapped, boolean awaiting, Instant deadline,
            boolean givenUp, Instant next) {
        static In of(Ensure e) {
            return new In(e, false, false, false, null, false, null);
        }

        In withInstalled() {
            return new In(ensure, true, trapped, awaiting, deadline, givenUp, next);
        }

        In withTrap() {
            return new In(ensure, installed, true, awaiting, deadline, givenUp, next);
        }

        In withAttempt(Instant dl) {
            return new In(ensure, installed, trapped, true, dl, givenUp, next);
        }

        In withGivenUp() {
            return new In(ensure, installed, trapped, awaiting, deadline, true, next);
        }

        In withNext(Instant at) {
            return new In(ensure, installed, trapped, awaiting, deadline, givenUp, at);
        }

        Input input() {
            return new Input(ensure, installed, trapped, awaiting, deadline, givenUp, next, NOW);
        }
    }

    private static Decision d(ChildState s, Step step, Instant wake) {
        return new Decision(s, step, wake);
    }

    private static Arguments row(String what, In in, Decision expected) {
        return Arguments.of(what, in, expected);
    }

    static Stream<Arguments> table() {
        In up = In.of(Ensure.UP);
        In trap = In.of(Ensure.TRAP);
        In loaded = In.of(Ensure.LOADED);
        return Stream.of(
                // ---- up
                row("up, installed", up.withInstalled(), d(ChildState.INSTALLED, Step.SUCCEEDED, null)),
                row("up, installed wins over an attempt under way", up.withInstalled().withAttempt(EARLIER),
                        d(ChildState.INSTALLED, Step.SUCCEEDED, null)),
                row("up, installed wins over given up and not due", up.withInstalled().withGivenUp().withNext(LATER),
                        d(ChildState.INSTALLED, Step.SUCCEEDED, null)),
                row("up, attempt under way, deadline ahead", up.withAttempt(LATER),
                        d(ChildState.ESTABLISHING, Step.NONE, LATER)),
                row("up, attempt under way, no deadline", up.withAttempt(null),
                        d(ChildState.ESTABLISHING, Step.NONE, null)),
                row("up, attempt under way, deadline now", up.withAttempt(NOW),
                        d(ChildState.ESTABLISHING, Step.CHECK_OVERDUE, null)),
                row("up, attempt under way, deadline passed", up.withAttempt(EARLIER),
                        d(ChildState.ESTABLISHING, Step.CHECK_OVERDUE, null)),
                row("up, attempt under way wins over given up", up.withAttempt(LATER).withGivenUp(),
                        d(ChildState.ESTABLISHING, Step.NONE, LATER)),
                row("up, attempt under way wins over a later retry", up.withAttempt(LATER).withNext(LATER.plusSeconds(9)),
                        d(ChildState.ESTABLISHING, Step.NONE, LATER)),
                row("up, given up", up.withGivenUp(), d(ChildState.FAILED, Step.NONE, null)),
                row("up, given up wins over not due", up.withGivenUp().withNext(LATER), d(ChildState.FAILED, Step.NONE, null)),
                row("up, next attempt later", up.withNext(LATER), d(ChildState.RETRYING, Step.NONE, LATER)),
                row("up, next attempt now", up.withNext(NOW), d(ChildState.ESTABLISHING, Step.INITIATE, null)),
                row("up, next attempt passed", up.withNext(EARLIER), d(ChildState.ESTABLISHING, Step.INITIATE, null)),
                row("up, no retry state", up, d(ChildState.ESTABLISHING, Step.INITIATE, null)),
                row("up, a trap policy does not count", up.withTrap(), d(ChildState.ESTABLISHING, Step.INITIATE, null)),
                // ---- trap
                row("trap, installed", trap.withInstalled(), d(ChildState.INSTALLED, Step.SUCCEEDED, null)),
                row("trap, installed wins over the trap", trap.withInstalled().withTrap(),
                        d(ChildState.INSTALLED, Step.SUCCEEDED, null)),
                row("trap, trapped", trap.withTrap(), d(ChildState.TRAPPED, Step.NONE, null)),
                row("trap, trapped wins over given up and not due", trap.withTrap().withGivenUp().withNext(LATER),
                        d(ChildState.TRAPPED, Step.NONE, null)),
                row("trap, given up", trap.withGivenUp(), d(ChildState.FAILED, Step.NONE, null)),
                row("trap, given up wins over not due", trap.withGivenUp().withNext(LATER),
                        d(ChildState.FAILED, Step.NONE, null)),
                row("trap, next attempt later", trap.withNext(LATER), d(ChildState.RETRYING, Step.NONE, LATER)),
                row("trap, next attempt now", trap.withNext(NOW), d(ChildState.LOADED, Step.INSTALL, null)),
                row("trap, next attempt passed", trap.withNext(EARLIER), d(ChildState.LOADED, Step.INSTALL, null)),
                row("trap, nothing", trap, d(ChildState.LOADED, Step.INSTALL, null)),
                row("trap, an initiate under way is not a trap", trap.withAttempt(LATER),
                        d(ChildState.LOADED, Step.INSTALL, null)),
                // ---- loaded
                row("loaded, nothing", loaded, d(ChildState.LOADED, Step.NONE, null)),
                row("loaded, installed", loaded.withInstalled(), d(ChildState.INSTALLED, Step.NONE, null)),
                row("loaded, trapped", loaded.withTrap(), d(ChildState.LOADED, Step.NONE, null)),
                row("loaded, everything else ignored", loaded.withAttempt(EARLIER).withGivenUp().withNext(LATER),
                        d(ChildState.LOADED, Step.NONE, null)),
                row("loaded, installed with everything else", loaded.withInstalled().withTrap().withAttempt(EARLIER)
                        .withGivenUp().withNext(LATER), d(ChildState.INSTALLED, Step.NONE, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String what, In in, Decision expected) {
        assertThat(ChildDecision.decide(in.input())).isEqualTo(expected);
    }

    @Test
    void theTableCoversEveryStepAndEveryState() {
        List<Decision> all = table().map(a -> (Decision) a.get()[2]).toList();
        assertThat(all).extracting(Decision::step).contains(Step.values());
        // every state but UNKNOWN, which only the status reports (charon not observed or not reachable)
        assertThat(all).extracting(Decision::state).contains(java.util.Arrays.stream(ChildState.values())
                .filter(s -> s != ChildState.UNKNOWN).toArray(ChildState[]::new));
        assertThat(all).extracting(Decision::state).doesNotContain(ChildState.UNKNOWN);
    }

    @Test
    void inputRequiresEnsureAndNow() {
        assertThatThrownBy(() -> new Input(null, false, false, false, null, false, null, NOW))
                .isInstanceOf(NullPointerException.class).hasMessage("ensure");
        assertThatThrownBy(() -> new Input(Ensure.UP, false, false, false, null, false, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("now");
    }

    @Test
    void dueIsNowOrLaterThanTheNextAttempt() {
        assertThat(new Input(Ensure.UP, false, false, false, null, false, null, NOW).due()).isTrue();
        assertThat(new Input(Ensure.UP, false, false, false, null, false, NOW, NOW).due()).isTrue();
        assertThat(new Input(Ensure.UP, false, false, false, null, false, EARLIER, NOW).due()).isTrue();
        assertThat(new Input(Ensure.UP, false, false, false, null, false, LATER, NOW).due()).isFalse();
    }

    /** Every combination of the inputs (ensure x flags x deadline x next attempt). */
    private static List<Input> everyInput() {
        List<Input> out = new ArrayList<>();
        List<Instant> times = Arrays.asList(null, EARLIER, NOW, LATER);
        for (Ensure e : Ensure.values()) {
            for (int flags = 0; flags < 16; flags++) {
                for (Instant deadline : times) {
                    for (Instant next : times) {
                        out.add(new Input(e, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, deadline,
                                (flags & 8) != 0, next, NOW));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void invariantsHoldForEveryInput() {
        List<Input> inputs = everyInput();
        assertThat(inputs).hasSize(3 * 16 * 4 * 4);
        for (Input in : inputs) {
            Decision d = ChildDecision.decide(in);
            String ctx = in + " -> " + d;
            assertThat(d).as(ctx).isNotNull();
            assertThat(d.state()).as(ctx).isNotNull();
            assertThat(d.step()).as(ctx).isNotNull();
            // a child with an INSTALLED CHILD_SA is reported installed, whatever else
            assertThat(d.state() == ChildState.INSTALLED).as(ctx).isEqualTo(in.installed());
            // only up initiates, only trap installs, loaded never acts
            if (d.step() == Step.INITIATE || d.step() == Step.CHECK_OVERDUE) {
                assertThat(in.ensure()).as(ctx).isEqualTo(Ensure.UP);
            }
            if (d.step() == Step.INSTALL) {
                assertThat(in.ensure()).as(ctx).isEqualTo(Ensure.TRAP);
            }
            if (in.ensure() == Ensure.LOADED) {
                assertThat(d.step()).as(ctx).isEqualTo(Step.NONE);
                assertThat(d.wakeAt()).as(ctx).isNull();
            }
            // never a second initiate while one is under way, never an attempt after giving up or before it is due
            if (d.step() == Step.INITIATE || d.step() == Step.INSTALL) {
                assertThat(in.givenUp()).as(ctx).isFalse();
                assertThat(in.nextAttemptAt() == null || !in.nextAttemptAt().isAfter(NOW)).as(ctx).isTrue();
                assertThat(in.installed()).as(ctx).isFalse();
            }
            if (d.step() == Step.INITIATE) {
                assertThat(in.awaiting()).as(ctx).isFalse();
            }
            // succeeded exactly when a desired CHILD_SA is up
            assertThat(d.step() == Step.SUCCEEDED).as(ctx).isEqualTo(in.installed() && in.ensure() != Ensure.LOADED);
            // a wake-up is in the future and is either the deadline or the next attempt
            if (d.wakeAt() != null) {
                assertThat(d.wakeAt()).as(ctx).isAfter(NOW);
                assertThat(d.wakeAt()).as(ctx).isIn(in.deadline(), in.nextAttemptAt());
                assertThat(d.step()).as(ctx).isEqualTo(Step.NONE);
            }
            // failed only when the policy gave up; retrying only while waiting for the next attempt
            if (d.state() == ChildState.FAILED) {
                assertThat(in.givenUp()).as(ctx).isTrue();
            }
            if (d.state() == ChildState.RETRYING) {
                assertThat(d.wakeAt()).as(ctx).isEqualTo(in.nextAttemptAt());
            }
            if (d.state() == ChildState.TRAPPED) {
                assertThat(in.trapped() && in.ensure() == Ensure.TRAP).as(ctx).isTrue();
            }
            // pure: the same input gives the same decision
            assertThat(ChildDecision.decide(in)).as(ctx).isEqualTo(d);
        }
    }
}
