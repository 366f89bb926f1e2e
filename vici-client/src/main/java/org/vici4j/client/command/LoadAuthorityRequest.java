package org.vici4j.client.command;

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
public record LoadAuthorityRequest(String name, ViciSection config) implements NamedSection {

    public LoadAuthorityRequest {
        NamedSection.check("authority name", name, config);
    }

    /** @return a builder for the common keys */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds the authority section from typed values. */
    public static final class Builder extends NamedSection.Builder {

        private Builder(String name) {
            super("authority name", name);
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
