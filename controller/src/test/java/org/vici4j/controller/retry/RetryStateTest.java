package org.vici4j.controller.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.testing.FixedRandom;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;
import org.vici4j.controller.testing.MutableClock;

class RetryStateTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final Instant t0 = clock.instant();

    /** A jitter source that always returns the same value. */
    private static RandomGenerator fixed(double v) {
        return FixedRandom.of(v);
    }

    private Failure failure(FailureClass c) {
        return new Failure(c, Side.LOCAL, "x", null, List.of(), clock.instant());
    }

    private final RetryPolicy policy = RetryPolicy.builder().initial(Duration.ofMillis(500)).max(Duration.ofSeconds(3))
            .multiplier(2).jitter(0.5).build();

    @Test
    void exponentialWithCapAndNoJitterWhenRandomIsZero() {
        RetryState s = new RetryState(policy, clock, fixed(0.0));
        assertThat(s.isDue()).isTrue();
        assertThat(s.recordFailure(failure(FailureClass.UNKNOWN))).contains(t0.plusMillis(500));
        assertThat(s.isDue()).isFalse();
        assertThat(s.recordFailure(failure(FailureClass.UNKNOWN))).contains(t0.plusMillis(1000));
        assertThat(s.recordFailure(failure(FailureClass.UNKNOWN))).contains(t0.plusMillis(2000));
        assertThat(s.recordFailure(failure(FailureClass.UNKNOWN))).contains(t0.plusMillis(3000));
        assertThat(s.recordFailure(failure(FailureClass.UNKNOWN))).contains(t0.plusMillis(3000));
        assertThat(s.failures()).isEqualTo(5);
    }

    @Test
    void jitterShortensButNeverExceedsTheCap() {
        RetryState s = new RetryState(policy, clock, fixed(1.0));
        assertThat(s.recordFailure(failure(FailureClass.UNKNOWN))).contains(t0.plusMillis(250));
        for (int i = 0; i < 10; i++) {
            s.recordFailure(failure(FailureClass.UNKNOWN));
        }
        assertThat(s.nextAttemptAt().get()).isEqualTo(t0.plusMillis(1500));
        assertThat(policy.delayAfter(3, FailureClass.UNKNOWN, 0.5)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void dueAfterTheDelayAndResetOnSuccess() {
        RetryState s = new RetryState(policy, clock, fixed(0.0));
        s.recordFailure(failure(FailureClass.INSTALL_CHILD_SA_FAILED));
        clock.advance(Duration.ofMillis(499));
        assertThat(s.isDue()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(s.isDue()).isTrue();
        s.recordFailure(failure(FailureClass.INSTALL_CHILD_SA_FAILED));
        s.recordSuccess();
        assertThat(s.failures()).isZero();
        assertThat(s.nextAttemptAt()).isEmpty();
        assertThat(s.isDue()).isTrue();
        assertThat(s.lastFailure()).isPresent();
        // backoff starts over
        assertThat(s.recordFailure(failure(FailureClass.UNKNOWN))).contains(clock.instant().plusMillis(500));
    }

    @Test
    void cutShortMakesTheNextAttemptDueNowKeepsTheCountAndStartsTheBackoffAgain() {
        RetryState s = new RetryState(policy, clock, fixed(0.0));
        s.recordFailure(failure(FailureClass.PEER_INIT_UNREACHABLE));
        s.recordFailure(failure(FailureClass.PEER_INIT_UNREACHABLE));
        s.recordFailure(failure(FailureClass.PEER_INIT_UNREACHABLE));
        assertThat(s.nextAttemptAt()).contains(t0.plusMillis(2000));
        assertThat(s.isDue()).isFalse();
        assertThat(s.cutShort()).isTrue();
        assertThat(s.isDue()).isTrue();
        assertThat(s.failures()).isEqualTo(3);
        assertThat(s.cutShort()).isFalse();
        // the situation changed: the backoff starts again from the initial delay, the count goes on
        assertThat(s.recordFailure(failure(FailureClass.PEER_INIT_UNREACHABLE))).contains(t0.plusMillis(500));
        assertThat(s.recordFailure(failure(FailureClass.PEER_INIT_UNREACHABLE))).contains(t0.plusMillis(1000));
        assertThat(s.failures()).isEqualTo(5);
    }

    @Test
    void aPeersRejectionOfTheChildIsAmbiguousAndBacksOffExponentially() {
        RetryState s = new RetryState(policy, clock, fixed(0.0));
        Failure peerNoProposal = new Failure(FailureClass.PROPOSAL_MISMATCH_CHILD, Side.PEER, "x",
                "NO_PROPOSAL_CHOSEN", List.of(), clock.instant());
        Failure peerTs = new Failure(FailureClass.TS_MISMATCH, Side.PEER, "x", "TS_UNACCEPTABLE", List.of(),
                clock.instant());
        assertThat(RetryState.isAmbiguous(peerNoProposal)).isTrue();
        assertThat(RetryState.isAmbiguous(peerTs)).isTrue();
        assertThat(RetryState.isAmbiguous(failure(FailureClass.PROPOSAL_MISMATCH_CHILD))).isFalse(); // local
        assertThat(RetryState.isAmbiguous(new Failure(FailureClass.LOCAL_AUTH_FAILED, Side.PEER, "x",
                "AUTHENTICATION_FAILED", List.of(), clock.instant()))).isFalse();
        assertThat(s.recordFailure(peerNoProposal)).contains(t0.plusMillis(500));
        assertThat(s.recordFailure(peerNoProposal)).contains(t0.plusMillis(1000)); // not the cap
        assertThat(s.recordFailure(peerTs)).contains(t0.plusMillis(2000));
    }

    @Test
    void theOtherHalfOfAFailureRevisesTheWait() {
        RetryState s = new RetryState(policy, clock, fixed(0.0));
        Failure alertOnly = failure(FailureClass.PROPOSAL_MISMATCH_CHILD); // side unknown: local
        s.recordFailure(alertOnly);
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.recordFailure(alertOnly)).contains(clock.instant().plusSeconds(3)); // config type: the cap
        Instant recorded = clock.instant();
        clock.advance(Duration.ofMillis(100)); // the log lines arrive: NO_PROPOSAL_CHOSEN from the peer
        s.amendLastFailure(new Failure(FailureClass.PROPOSAL_MISMATCH_CHILD, Side.PEER, "x", "NO_PROPOSAL_CHOSEN",
                List.of(), recorded));
        assertThat(s.nextAttemptAt()).contains(recorded.plusMillis(1000)); // ambiguous: exponential
        assertThat(s.failures()).isEqualTo(2);
        assertThat(s.lastFailure().orElseThrow().side()).isEqualTo(Side.PEER);
    }

    @Test
    void anIkeProposalMismatchTheCallerKnowsToBeTransientBacksOffExponentially() {
        RetryState s = new RetryState(policy, clock, fixed(0.0));
        Failure f = failure(FailureClass.PROPOSAL_MISMATCH_IKE);
        assertThat(s.recordFailure(f, true)).contains(t0.plusMillis(500));
        assertThat(s.recordFailure(f, true)).contains(t0.plusMillis(1000));
        assertThat(s.recordFailure(f, false)).contains(t0.plusSeconds(3)); // a plain mismatch: the cap
    }

    @Test
    void configFailuresJumpToTheCapAfterTwo() {
        RetryState s = new RetryState(policy, clock, fixed(0.0));
        assertThat(s.recordFailure(failure(FailureClass.PROPOSAL_MISMATCH_CHILD))).contains(t0.plusMillis(500));
        assertThat(s.recordFailure(failure(FailureClass.TS_MISMATCH))).contains(t0.plusSeconds(3));
        assertThat(s.recordFailure(failure(FailureClass.PEER_AUTH_FAILED))).contains(t0.plusSeconds(3));
    }

    @Test
    void attemptLimitGivesUpOnConfigButKernelFailuresRetryForeverAtTheCap() {
        RetryPolicy limited = policy.toBuilder().maxAttempts(3).jitter(0).build();
        RetryState config = new RetryState(limited, clock, fixed(0.0));
        config.recordFailure(failure(FailureClass.LOCAL_AUTH_FAILED));
        config.recordFailure(failure(FailureClass.LOCAL_AUTH_FAILED));
        assertThat(config.recordFailure(failure(FailureClass.LOCAL_AUTH_FAILED))).isEmpty();
        assertThat(config.hasGivenUp()).isTrue();
        assertThat(config.isDue()).isFalse();
        assertThat(config.cutShort()).isTrue();
        assertThat(config.isDue()).isTrue();

        RetryState kernel = new RetryState(limited, clock, fixed(0.0));
        for (int i = 0; i < 20; i++) {
            assertThat(kernel.recordFailure(failure(FailureClass.INSTALL_CHILD_SA_FAILED))).isPresent();
        }
        assertThat(kernel.nextAttemptAt()).contains(t0.plusSeconds(3));
        assertThat(kernel.hasGivenUp()).isFalse();
    }

    @Test
    void policyValidatesItsSettings() {
        assertThatThrownBy(() -> RetryPolicy.builder().initial(Duration.ofSeconds(5)).max(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("less than retry.initial");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> RetryPolicy.builder().initial(Duration.ZERO)).hasMessageContaining("positive");
        assertThat(RetryPolicy.defaults()).isEqualTo(RetryPolicy.builder().build());
        assertThat(RetryPolicy.defaults().maxAttempts()).isEmpty();
    }
}
