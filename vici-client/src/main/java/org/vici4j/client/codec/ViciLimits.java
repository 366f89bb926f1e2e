package org.vici4j.client.codec;

/**
 * Size and nesting limits enforced by {@link ViciEncoder} and {@link ViciDecoder}.
 *
 * <p>The protocol fixes the upper bounds: a segment (packet body: type, name and message, without
 * the 4-byte length prefix) is at most {@value #PROTOCOL_MAX_SEGMENT_SIZE} bytes (charon's limit),
 * names are at most {@value #PROTOCOL_MAX_NAME_LENGTH} bytes (1-byte length) and values at most
 * {@value #PROTOCOL_MAX_VALUE_LENGTH} bytes (2-byte length). The protocol has no nesting limit;
 * vici4j caps section nesting at {@value #DEFAULT_MAX_DEPTH} levels below the root by default, far
 * beyond anything charon sends (its deepest messages, e.g. {@code list-sas}, nest 4 levels), so that
 * a hostile or corrupt stream cannot build arbitrarily deep trees. Limits may be lowered, never raised
 * above the protocol's.
 *
 * @param maxSegmentSize maximum packet body size in bytes, 1..{@value #PROTOCOL_MAX_SEGMENT_SIZE}
 * @param maxNameLength maximum section, key, list and packet name length in bytes, 0..{@value #PROTOCOL_MAX_NAME_LENGTH}
 * @param maxValueLength maximum value length in bytes, 0..{@value #PROTOCOL_MAX_VALUE_LENGTH}
 * @param maxDepth maximum number of sections nested below the root message, 0..{@value #MAX_DEPTH_CAP}
 */
public record ViciLimits(int maxSegmentSize, int maxNameLength, int maxValueLength, int maxDepth) {

    /** Charon's maximum segment size: 512 KiB. */
    public static final int PROTOCOL_MAX_SEGMENT_SIZE = 512 * 1024;
    /** Names carry a 1-byte length. */
    public static final int PROTOCOL_MAX_NAME_LENGTH = 255;
    /** Values carry a 2-byte big-endian length. */
    public static final int PROTOCOL_MAX_VALUE_LENGTH = 65535;
    /** vici4j's default cap on section nesting below the root. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** The highest nesting limit that may be configured. */
    public static final int MAX_DEPTH_CAP = 1024;

    /** The protocol's limits with a nesting cap of {@value #DEFAULT_MAX_DEPTH}. */
    public static final ViciLimits DEFAULT = new ViciLimits(
            PROTOCOL_MAX_SEGMENT_SIZE, PROTOCOL_MAX_NAME_LENGTH, PROTOCOL_MAX_VALUE_LENGTH, DEFAULT_MAX_DEPTH);

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if a limit is outside its range
     */
    public ViciLimits {
        check("maxSegmentSize", maxSegmentSize, 1, PROTOCOL_MAX_SEGMENT_SIZE);
        check("maxNameLength", maxNameLength, 0, PROTOCOL_MAX_NAME_LENGTH);
        check("maxValueLength", maxValueLength, 0, PROTOCOL_MAX_VALUE_LENGTH);
        check("maxDepth", maxDepth, 0, MAX_DEPTH_CAP);
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}
