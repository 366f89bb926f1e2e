package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** apply says how long it really waited, not --wait when it stopped early. */
class ApplyWaitTextTest {

    @Test
    void stoppingEarlySaysWhenAndWhy() {
        assertThat(ApplyCommand.waitedText(Duration.ofMillis(3620), Duration.ofSeconds(10)))
                .isEqualTo(" after 3.6s (of --wait 10s: what failed will not fix itself)");
    }

    @Test
    void waitingItOutSaysTheWait() {
        assertThat(ApplyCommand.waitedText(Duration.ofMillis(10_004), Duration.ofSeconds(10))).isEqualTo(" after 10s");
        assertThat(ApplyCommand.waitedText(Duration.ofMillis(9_700), Duration.ofSeconds(10))).isEqualTo(" after 10s");
    }

    @Test
    void noWaitSaysNothing() {
        assertThat(ApplyCommand.waitedText(Duration.ofMillis(40), Duration.ZERO)).isEmpty();
    }
}
