package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration grammar (YAML, CLI, Java API) and swanctl.conf's time values. */
class DurationsTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("90", Duration.ofSeconds(90)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("30m", Duration.ofMinutes(30)),
                Arguments.of("4h", Duration.ofHours(4)),
                Arguments.of("1d", Duration.ofDays(1)),
                Arguments.of("1m30s", Duration.ofSeconds(90)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("1d2h3m4s5ms", Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5)),
                Arguments.of("4H", Duration.ofHours(4)),
                Arguments.of(" 30s ", Duration.ofSeconds(30)),
                Arguments.of("999999999999999999", Duration.ofSeconds(999_999_999_999_999_999L)));
    }

    @ParameterizedTest
    @MethodSource("valid")
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

    static Stream<Arguments> charonTimes() {
        return Stream.of(
                Arguments.of("3600", Duration.ofHours(1)),
                Arguments.of("4h", Duration.ofHours(4)),
                Arguments.of("4 h", Duration.ofHours(4)),
                Arguments.of("4H", Duration.ofHours(4)),
                Arguments.of("30m", Duration.ofMinutes(30)),
                Arguments.of("10s", Duration.ofSeconds(10)),
                Arguments.of("1d", Duration.ofDays(1)));
    }

    @ParameterizedTest
    @MethodSource("charonTimes")
    void readsSwanctlTimeValues(String text, Duration expected) {
        assertThat(Durations.parseCharonTime(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "1.5h", "2w", "-5s", "1 hour", "500ms", "1m30s", "999999999999999999d"})
    void refusesWhatCharonWouldNotRead(String text) {
        assertThat(Durations.parseCharonTime(text)).as("'%s'", text).isEmpty();
    }
}
