package org.vici4j.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class QuietLoggersTest {

    private final String before = System.getProperty("slf4j.provider");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("slf4j.provider");
        } else {
            System.setProperty("slf4j.provider", before);
        }
    }

    @Test
    void theNoOperationProviderChosenGivesItsLoggerWithoutSlf4jOtherwiseSlf4jsLogger() {
        System.setProperty("slf4j.provider", QuietLoggers.NOP_PROVIDER);
        assertThat(QuietLoggers.of(QuietLoggersTest.class)).isSameAs(NOPLogger.NOP_LOGGER);
        System.clearProperty("slf4j.provider");
        assertThat(QuietLoggers.of(QuietLoggersTest.class)).isNotSameAs(NOPLogger.NOP_LOGGER)
                .extracting(org.slf4j.Logger::getName).isEqualTo(QuietLoggersTest.class.getName());
    }
}
