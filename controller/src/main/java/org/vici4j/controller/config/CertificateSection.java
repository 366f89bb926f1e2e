package org.vici4j.controller.config;

import java.util.Objects;

/**
 * A {@code cert<suffix>} or {@code cacert<suffix>} section of an authentication round: a certificate
 * charon loads itself from {@code file} (absolute path) or from a token ({@code handle},
 * {@code slot}, {@code module}).
 */
public record CertificateSection(String name, ConfigOptions options) {
    public CertificateSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
    }

    /** @return true for a {@code cacert*} section */
    public boolean isCa() {
        return name.toLowerCase(java.util.Locale.ROOT).startsWith("cacert");
    }
}
