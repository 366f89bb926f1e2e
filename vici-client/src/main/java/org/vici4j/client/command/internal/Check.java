package org.vici4j.client.command.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Argument checks for request builders, with messages that say what is wrong and how to fix it. Internal. */
public final class Check {

    /** charon's limit for key names and section names (8-bit length prefix). */
    public static final int MAX_NAME_BYTES = 255;
    /** charon's limit for one value (16-bit length prefix). */
    public static final int MAX_VALUE_BYTES = 65535;

    private Check() {
    }

    /** A non-blank name usable as a VICI key/section name (at most 255 UTF-8 bytes). */
    public static String name(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        int len = value.getBytes(StandardCharsets.UTF_8).length;
        if (len > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(what + " is " + len + " bytes long in UTF-8, but VICI allows at most "
                    + MAX_NAME_BYTES + "; use a shorter name");
        }
        return value;
    }

    /** A null or non-blank value of at most 65535 UTF-8 bytes. */
    public static String optionalValue(String what, String value) {
        if (value == null) {
            return null;
        }
        return value(what, value);
    }

    /** A non-blank value of at most 65535 UTF-8 bytes. */
    public static String value(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank (leave it unset to omit it)");
        }
        int len = value.getBytes(StandardCharsets.UTF_8).length;
        if (len > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(what + " is " + len + " bytes long, but a VICI value holds at most "
                    + MAX_VALUE_BYTES + " bytes");
        }
        return value;
    }

    /** A positive unique id (charon's ids start at 1), or null. */
    public static Long id(String what, Long id) {
        if (id != null && (id < 1 || id > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException(what + " must be between 1 and 4294967295 (charon's unique ids start"
                    + " at 1), got " + id);
        }
        return id;
    }

    /** A log level -1..4, or null. */
    public static Integer loglevel(Integer level) {
        if (level != null && (level < -1 || level > 4)) {
            throw new IllegalArgumentException("loglevel must be between -1 (silent) and 4 (most verbose), got "
                    + level);
        }
        return level;
    }

    /** A command timeout in ms: -1 (return at once), 0 (wait without limit) or positive; or null. */
    public static Long timeoutMillis(Long ms) {
        if (ms != null && (ms < -1 || ms > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("timeout must be -1 (return at once), 0 (wait without limit) or"
                    + " between 1 and " + Integer.MAX_VALUE + " ms, got " + ms);
        }
        return ms;
    }

    /** A positive duration as milliseconds. */
    public static long positiveMillis(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, got " + d
                    + "; use waitIndefinitely() or returnImmediately() for charon's special values");
        }
        long ms = d.toMillis();
        return Math.max(1, ms);
    }

    /** Non-empty binary data of at most 65535 bytes. */
    public static byte[] data(String what, byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException(what + " must not be null or empty");
        }
        if (data.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(what + " is " + data.length + " bytes long, but a VICI value holds at"
                    + " most " + MAX_VALUE_BYTES + " bytes");
        }
        return data.clone();
    }
}
