package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.vici4j.controller.failure.FailureClass;

/** One retry policy type: the constructor, the builder and the with-methods apply the same rules. */
class RetryPolicyTest {

    private static final Duration S1 = Duration.ofSeconds(1);
    private static final Duration M1 = Duration.ofMinutes(1);

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("retry.initial must be positive", () -> new RetryPolicy(Duration.ZERO, M1, 2, 0.2, OptionalInt.empty()),
                        () -> RetryPolicy.builder().initial(Duration.ZERO)),
                rule("retry.max (PT1S) is less than retry.initial (PT1M)",
                        () -> new RetryPolicy(M1, S1, 2, 0.2, OptionalInt.empty()),
                        () -> RetryPolicy.builder().initial(M1).max(S1).build()),
                rule("retry.multiplier must be a finite number >= 1.0",
                        () -> new RetryPolicy(S1, M1, 0.5, 0.2, OptionalInt.empty()),
                        () -> RetryPolicy.builder().multiplier(Double.POSITIVE_INFINITY)),
                rule("retry.jitter must be between 0.0 and 1.0",
                        () -> new RetryPolicy(S1, M1, 2, 1.5, OptionalInt.empty()),
                        () -> RetryPolicy.DEFAULT.withJitter(-0.1)),
                rule("retry.attempts must be at least 1",
                        () -> new RetryPolicy(S1, M1, 2, 0.2, OptionalInt.of(0)),
                        () -> RetryPolicy.builder().maxAttempts(0)),
                rule("configFailuresToCap must be at least 1",
                        () -> new RetryPolicy(S1, M1, 2, 0.2, OptionalInt.empty(), 0),
                        () -> RetryPolicy.builder().configFailuresToCap(0)));
    }

    private static Arguments rule(String message, Supplier<Object> constructor, Supplier<Object> builder) {
        return Arguments.of(message, constructor, builder);
    }

    @ParameterizedTest
    @MethodSource("brokenRules")
    void constructorAndBuilderRefuseTheSameWay(String message, Supplier<Object> constructor, Supplier<Object> builder) {
        assertThatThrownBy(constructor::get).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
        assertThatThrownBy(builder::get).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void builderAndRecordAreOneValue() {
        RetryPolicy built = RetryPolicy.builder().initial(Duration.ofSeconds(2)).max(Duration.ofMinutes(10))
                .multiplier(1.5).jitter(0.1).maxAttempts(7).build();
        assertThat(built).isEqualTo(new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 1.5, 0.1,
                OptionalInt.of(7)));
        assertThat(built.maxAttempts()).isEqualTo(built.attempts()).hasValue(7);
        assertThat(built.toBuilder().unlimitedAttempts().build().attempts()).isEmpty();
        assertThat(RetryPolicy.defaults()).isEqualTo(RetryPolicy.builder().build()).isSameAs(RetryPolicy.DEFAULT);
        assertThat(RetryPolicy.DEFAULT.configFailuresToCap()).isEqualTo(2);
    }

    @Test
    void delaysGrowToTheCapAndJitterOnlyShortensThem() {
        RetryPolicy p = RetryPolicy.builder().initial(S1).max(Duration.ofSeconds(10)).jitter(0.5).build();
        assertThat(p.delayAfter(1, FailureClass.UNKNOWN, 0.0)).isEqualTo(S1);
        assertThat(p.delayAfter(3, FailureClass.UNKNOWN, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.delayAfter(9, FailureClass.UNKNOWN, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayAfter(9, FailureClass.UNKNOWN, 1.0)).isEqualTo(Duration.ofSeconds(5));
        // configuration-type failures wait the cap from the second on; kernel failures never give up
        assertThat(p.delayAfter(2, FailureClass.TS_MISMATCH, 0.0)).isEqualTo(Duration.ofSeconds(10));
        RetryPolicy limited = p.toBuilder().maxAttempts(2).build();
        assertThat(limited.mayRetry(2, FailureClass.TS_MISMATCH)).isFalse();
        assertThat(limited.mayRetry(50, FailureClass.INSTALL_CHILD_SA_FAILED)).isTrue();
    }
}
