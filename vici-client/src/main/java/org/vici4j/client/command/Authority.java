package org.vici4j.client.command;

import java.util.List;
import java.util.Optional;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * A certification authority from a {@code list-authority} event.
 *
 * @param name authority name
 * @param cacert subject DN of the CA certificate, if sent
 * @param crlUris CRL URIs
 * @param ocspUris OCSP URIs
 * @param certUriBase base URI for hash-and-URL certificates, if any
 * @param raw the section as received
 */
public record Authority(String name, Optional<String> cacert, List<String> crlUris, List<String> ocspUris,
        Optional<String> certUriBase, ViciSection raw) {

    public Authority {
        Fields.requireNonNull("name, raw", name, raw);
        crlUris = List.copyOf(crlUris);
        ocspUris = List.copyOf(ocspUris);
    }

    /** Reads an authority section. */
    public static Authority from(String name, ViciSection s) {
        return new Authority(name, Fields.opt(s, "cacert"), Fields.list(s, "crl_uris"), Fields.list(s, "ocsp_uris"),
                Fields.opt(s, "cert_uri_base"), s);
    }

    /** Reads every authority section of a {@code list-authority} event (normally exactly one). */
    public static List<Authority> fromEvent(ViciSection event) {
        return Fields.sections(event, Authority::from);
    }
}
