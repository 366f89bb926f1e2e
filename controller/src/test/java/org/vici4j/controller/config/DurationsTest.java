package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration grammar (YAML, CLI, Java API) and swanctl.conf's time values. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({"90, PT90S", "0, PT0S", "500ms, PT0.5S", "30s, PT30S", "30m, PT30M", "4h, PT4H", "1d, PT24H",
            "1m30s, PT90S", "1h30m, PT90M", "1d2h3m4s5ms, PT26H3M4.005S", "4H, PT4H", "' 30s ', PT30S",
            "999999999999999999, PT277777777777777H46M39S"})
    void readsEveryForm(String text, Duration expected) {
        assertThat(Durations.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "s", "ms", "10x", "1w", "1.5h", "1.5s", "-1s", "-5", "+5s", "10 s", "1 hour",
            "PT30S", "1h 30m", "30s1", "0x10", "soon",
            // beyond Duration's range, and beyond a long
            "999999999999999999d", "9999999999999999999", "99999999999999999999s"})
    void refusesEverythingElse(String text) {
        assertThat(Durations.parse(text)).as("'%s'", text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"90s", "1m30s", "2h", "1500ms", "1d", "0"})
    void formatsWhatItReads(String text) {
        Duration d = Durations.parse(text).orElseThrow();
        assertThat(Durations.parse(Durations.format(d))).contains(d);
    }

    @ParameterizedTest
    @CsvSource({"3600, PT1H", "4h, PT4H", "4 h, PT4H", "4H, PT4H", "30m, PT30M", "10s, PT10S", "1d, PT24H"})
    void readsSwanctlTimeValues(String text, Duration expected) {
        assertThat(Durations.parseCharonTime(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "1.5h", "2w", "-5s", "1 hour", "500ms", "1m30s", "999999999999999999d"})
    void refusesWhatCharonWouldNotRead(String text) {
        assertThat(Durations.parseCharonTime(text)).as("'%s'", text).isEmpty();
    }
}
