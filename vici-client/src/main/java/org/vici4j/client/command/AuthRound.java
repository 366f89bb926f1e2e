package org.vici4j.client.command;

import java.util.List;
import java.util.Optional;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * One local or remote authentication round of a connection in {@code list-conn} events.
 *
 * @param key section key, e.g. {@code local-1}, {@code remote-2}
 * @param authClass authentication class ({@code class}), e.g. {@code pre-shared key}, {@code public key}, {@code EAP}
 * @param eapType EAP type, if EAP
 * @param eapVendor EAP vendor, if any
 * @param xauth XAuth backend, if any
 * @param revocation revocation policy, if any
 * @param id IKE identity, if configured
 * @param caId CA identity, if configured
 * @param aaaId AAA identity, if configured
 * @param eapId EAP identity, if configured
 * @param xauthId XAuth identity, if configured
 * @param groups required group memberships
 * @param certPolicy required certificate policy OIDs ({@code cert_policy})
 * @param certs subjects of certificates allowed
 * @param cacerts subjects of CA certificates allowed
 * @param raw the section as received
 */
public record AuthRound(String key, Optional<String> authClass, Optional<String> eapType, Optional<String> eapVendor,
        Optional<String> xauth, Optional<String> revocation, Optional<String> id, Optional<String> caId,
        Optional<String> aaaId, Optional<String> eapId, Optional<String> xauthId, List<String> groups,
        List<String> certPolicy, List<String> certs, List<String> cacerts, ViciSection raw) {

    public AuthRound {
        Fields.requireNonNull("key, raw", key, raw);
        groups = List.copyOf(groups);
        certPolicy = List.copyOf(certPolicy);
        certs = List.copyOf(certs);
        cacerts = List.copyOf(cacerts);
    }

    /** Reads an authentication round section. */
    public static AuthRound from(String key, ViciSection s) {
        return new AuthRound(key, Fields.opt(s, "class"), Fields.opt(s, "eap-type"), Fields.opt(s, "eap-vendor"),
                Fields.opt(s, "xauth"), Fields.opt(s, "revocation"), Fields.opt(s, "id"), Fields.opt(s, "ca_id"),
                Fields.opt(s, "aaa_id"), Fields.opt(s, "eap_id"), Fields.opt(s, "xauth_id"),
                Fields.list(s, "groups"), Fields.list(s, "cert_policy"), Fields.list(s, "certs"),
                Fields.list(s, "cacerts"), s);
    }
}
