package org.vici4j.controller.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.internal.Schema;

/**
 * An authentication round of a connection: a section named {@code local}, {@code local-<suffix>},
 * {@code remote} or {@code remote-<suffix>} (charon accepts any name starting with local/remote),
 * with its options ({@code auth}, {@code id}, {@code certs}, ...) and certificate sections. The
 * {@code certs}, {@code cacerts} and {@code pubkeys} options hold the file contents, read when the
 * configuration was loaded, as swanctl sends them.
 */
public record AuthRound(String name, ConfigOptions options, List<CertificateSection> certificates) {

    public AuthRound {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        certificates = List.copyOf(certificates);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return true for a local round (name starts with "local") */
    public boolean isLocal() {
        return name.toLowerCase(Locale.ROOT).startsWith("local");
    }

    /** @return the {@code auth} option, "pubkey" (charon's default) if not given */
    public String auth() {
        return options.string("auth").orElse("pubkey");
    }

    /** Adds this round as a section to a {@code load-conn} message being built. */
    void addTo(ViciSection.Builder b) {
        b.beginSection(name);
        options.addTo(b);
        for (CertificateSection c : certificates) {
            b.beginSection(c.name());
            c.options().addTo(b);
            b.endSection();
        }
        b.endSection();
    }

    public static final class Builder {
        private final String name;
        private final ConfigOptions.Builder options = ConfigOptions.builder();
        private final List<CertificateSection> certificates = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets an option; a comma separated value of a list option becomes a list, as in swanctl.conf. */
        public Builder option(String key, String value) {
            Schema.setOption(options, Schema.Context.AUTH, key, value);
            return this;
        }

        public Builder option(String key, List<String> values) {
            options.setList(key, values);
            return this;
        }

        /** Sets certs/cacerts/pubkeys to certificate or key data (PEM or DER). */
        public Builder blobs(String key, List<byte[]> data) {
            options.setBlobs(key, data);
            return this;
        }

        public Builder certificate(CertificateSection section) {
            certificates.add(section);
            return this;
        }

        public AuthRound build() {
            return new AuthRound(name, options.build(), certificates);
        }
    }
}
