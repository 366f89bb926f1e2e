package org.vici4j.client.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Loggers of the blocking transport, the one a short-lived command line uses: when the process chose slf4j's
 * no-operation provider (system property {@code slf4j.provider}, as {@code vici} does unless {@code --debug}), its
 * loggers would log nothing, and this gives the no-operation logger without starting slf4j (whose start, about a
 * hundred classes and a class generated at run time, costs a one-shot command more than its request).
 */
public final class QuietLoggers {

    /** slf4j's no-operation provider. */
    static final String NOP_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    private QuietLoggers() {
    }

    /** @return the logger of {@code type}: slf4j's, or its no-operation logger if that provider was chosen */
    public static Logger of(Class<?> type) {
        return NOP_PROVIDER.equals(System.getProperty("slf4j.provider")) ? NOPLogger.NOP_LOGGER
                : LoggerFactory.getLogger(type);
    }
}
