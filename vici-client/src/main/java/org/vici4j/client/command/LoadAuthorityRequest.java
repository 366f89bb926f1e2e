package org.vici4j.client.command;

import java.util.Objects;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code load-authority}: one certification authority, sent as
 * {@code { <name> = { <config> } }} with swanctl.conf's {@code authorities} keys
 * ({@code cacert} (PEM/DER data), {@code file}, {@code handle}/{@code slot}/{@code module},
 * {@code crl_uris}, {@code ocsp_uris}, {@code cert_uri_base}).
 *
 * @param name authority name (the section key)
 * @param config the authority's section
 */
public record LoadAuthorityRequest(String name, ViciSection config) implements ViciRequest {

    public LoadAuthorityRequest {
        Check.name("authority name", name);
        Objects.requireNonNull(config, "config");
    }

    /** @return a builder for the common keys */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public ViciSection toMessage() {
        return ViciSection.builder().addSection(name, config).build();
    }

    /** Builds the authority section from typed values. */
    public static final class Builder {
        private final String name;
        private final ViciSection.Builder section = ViciSection.builder();

        private Builder(String name) {
            this.name = Check.name("authority name", name);
        }

        /** {@code cacert}: the CA certificate, PEM or DER. */
        public Builder cacert(byte[] certificate) {
            section.add("cacert", Check.data("cacert", certificate));
            return this;
        }

        /** {@code crl_uris}. */
        public Builder crlUris(String... uris) {
            section.addList("crl_uris", uris);
            return this;
        }

        /** {@code ocsp_uris}. */
        public Builder ocspUris(String... uris) {
            section.addList("ocsp_uris", uris);
            return this;
        }

        /** {@code cert_uri_base}. */
        public Builder certUriBase(String base) {
            section.add("cert_uri_base", Check.value("cert_uri_base", base));
            return this;
        }

        public LoadAuthorityRequest build() {
            return new LoadAuthorityRequest(name, section.build());
        }
    }
}
