package org.vici4j.cli.internal;

/** Output formats of {@code -o, --output}. */
public enum Format {
    /** Aligned, human-readable text (swanctl-like for SAs). */
    TABLE,
    /** The VICI message tree as JSON. */
    JSON,
    /** The VICI message tree as YAML. */
    YAML;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
