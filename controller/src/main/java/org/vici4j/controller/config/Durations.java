package org.vici4j.controller.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of vici4j: the controller's YAML keys ({@code resync}, {@code retry.initial}), the CLI's
 * options ({@code --timeout}, {@code --wait}) and the Java API read durations with {@link #parse}; the charon
 * options that take swanctl.conf time values ({@code rekey_time}, {@code dpd_delay}) are checked with
 * {@link #parseCharonTime}, which is the narrower form charon itself reads.
 *
 * <p>{@link #parse}: a whole number is seconds ({@code 90}); otherwise one or more parts, each a whole number and a
 * unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 30s}, {@code 1d},
 * {@code 1h30m}). Units may be upper case; white space around the value is ignored, inside it is not. Negative and
 * fractional numbers, other units and values beyond {@link Duration}'s range are not durations.
 *
 * <p>{@link #parseCharonTime}: swanctl.conf's form, one whole number with an optional unit {@code s}, {@code m},
 * {@code h} or {@code d} (upper case too), which may follow a blank ({@code 4 h}); no {@code ms}, no parts.
 */
public final class Durations {

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern PARTS = Pattern.compile("(?:[0-9]{1,18}(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,18})(ms|s|m|h|d)");
    private static final Pattern CHARON_TIME = Pattern.compile("([0-9]{1,18}) *([smhd]?)");

    private Durations() {
    }

    /** @return the duration written as {@code text} in vici4j's grammar, empty if it is not one */
    public static Optional<Duration> parse(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (SECONDS.matcher(v).matches()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            if (!PARTS.matcher(v).matches()) {
                return Optional.empty();
            }
            Duration total = Duration.ZERO;
            Matcher m = PART.matcher(v);
            while (m.find()) {
                total = total.plus(of(Long.parseLong(m.group(1)), m.group(2)));
            }
            return Optional.of(total);
        } catch (ArithmeticException ex) {
            return Optional.empty();
        }
    }

    /** @return the duration of a swanctl.conf time value such as {@code 4h} or {@code 3600}, empty if it is not one */
    public static Optional<Duration> parseCharonTime(String text) {
        Matcher m = CHARON_TIME.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(Long.parseLong(m.group(1)), m.group(2).isEmpty() ? "s" : m.group(2)));
        } catch (ArithmeticException ex) {
            return Optional.empty();
        }
    }

    /** @return {@code d} in the form {@link #parse} reads: {@code 1m30s}, {@code 2h}, {@code 1500ms} */
    public static String format(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        if (d.toHours() > 0) {
            sb.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            sb.append(d.toSecondsPart()).append('s');
        }
        return sb.toString();
    }

    private static Duration of(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
