package org.vici4j.client.command.internal;

import org.vici4j.client.message.ViciSection;

/**
 * Builds a request message from optional arguments: a null argument (or a false flag) is not sent, so
 * charon's default applies. Keys are sent in the order they are added. Internal.
 */
public final class OptionalArgs {

    private final ViciSection.Builder b = ViciSection.builder();

    private OptionalArgs() {
    }

    /** @return an empty message */
    public static OptionalArgs message() {
        return new OptionalArgs();
    }

    /** Adds {@code key = value} unless {@code value} is null. */
    public OptionalArgs add(String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
        return this;
    }

    /** Adds {@code key = value} (decimal) unless {@code value} is null. */
    public OptionalArgs add(String key, Long value) {
        if (value != null) {
            b.add(key, value.longValue());
        }
        return this;
    }

    /** Adds {@code key = value} (decimal) unless {@code value} is null. */
    public OptionalArgs add(String key, Integer value) {
        if (value != null) {
            b.add(key, value.longValue());
        }
        return this;
    }

    /** Adds {@code key = yes|no} unless {@code value} is null. */
    public OptionalArgs add(String key, Boolean value) {
        if (value != null) {
            b.add(key, value.booleanValue());
        }
        return this;
    }

    /** Adds {@code key = yes} if {@code set}; nothing otherwise. */
    public OptionalArgs flag(String key, boolean set) {
        if (set) {
            b.add(key, true);
        }
        return this;
    }

    /** Adds {@code key = value}; the value is required. */
    public OptionalArgs required(String key, String value) {
        b.add(key, value);
        return this;
    }

    /** @return the message */
    public ViciSection build() {
        return b.build();
    }
}
