package org.vici4j.cli.internal;

import java.time.Duration;

import org.vici4j.controller.config.Durations;

import picocli.CommandLine;

/** Reads a duration option in vici4j's one grammar, {@link Durations#parse}: 500ms, 30s, 2m, 1h, 1d, 1m30s, 45. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * @throws CommandLine.TypeConversionException saying what is accepted
     */
    public static Duration parse(String value) {
        return Durations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                + "' is not a duration; use a number with a unit: 500ms, 30s, 2m, 1h, 1d (a bare number is seconds)"));
    }

    /** @return {@code d} in the form this converter reads, e.g. 1m30s or 500ms */
    public static String format(Duration d) {
        return Durations.format(d);
    }
}
