package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vici4j.cli.ViciCli;

import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void parsesUnits() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationConverter.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsWithAHint() {
        for (String bad : new String[] {"", "s", "10x", "1.5s", "-1s", "10 s"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("500ms, 30s, 2m");
        }
    }

    @Test
    void formatsBack() {
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationConverter.format(Duration.ofHours(2))).isEqualTo("2h");
    }

    @ParameterizedTest
    @CsvSource({"1d, 86400", "90s, 90", "30m, 1800", "500ms, 0.5", "45, 45"})
    void timeoutOptionTakesTheOneDurationGrammar(String text, double seconds) {
        CommandLine cl = ViciCli.builder().env(java.util.Map.of()).build();
        CommandLine.ParseResult parsed = cl.parseArgs("--timeout", text, "stats");
        assertThat(((RootCommand) cl.getCommand()).timeout()).isEqualTo(Duration.ofMillis((long) (seconds * 1000)));
        assertThat(parsed.hasMatchedOption("--timeout")).isTrue();
    }
}
