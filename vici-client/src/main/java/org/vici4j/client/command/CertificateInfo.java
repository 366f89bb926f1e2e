package org.vici4j.client.command;

import java.util.List;
import java.util.Optional;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * A loaded certificate from a {@code list-cert} event.
 *
 * @param type certificate type: {@code X509}, {@code X509_AC}, {@code X509_CRL}, {@code OCSP_RESPONSE}, {@code PUBKEY} ("" if absent)
 * @param flag X.509 flag: {@code NONE}, {@code CA}, {@code AA}, {@code OCSP} (empty if absent)
 * @param hasPrivateKey whether a matching private key is loaded ({@code has_privkey})
 * @param subject subject, sent for {@code PUBKEY} only
 * @param notBefore validity start, sent for {@code PUBKEY} only
 * @param notAfter validity end, sent for {@code PUBKEY} only
 * @param raw the event as received ({@link #data()} reads the ASN.1 encoding from it)
 */
public record CertificateInfo(String type, Optional<String> flag, boolean hasPrivateKey, Optional<String> subject,
        Optional<String> notBefore, Optional<String> notAfter, ViciSection raw) {

    public CertificateInfo {
        Fields.requireNonNull("type, raw", type, raw);
    }

    /** Reads a {@code list-cert} event. */
    public static CertificateInfo from(ViciSection event) {
        return new CertificateInfo(Fields.str(event, "type"), Fields.opt(event, "flag"),
                Fields.yes(event, "has_privkey"), Fields.opt(event, "subject"), Fields.opt(event, "not-before"),
                Fields.opt(event, "not-after"), event);
    }

    /** Reads a {@code list-cert} event as a one-element list (the shape of the other {@code fromEvent} readers). */
    public static List<CertificateInfo> fromEvent(ViciSection event) {
        return List.of(from(event));
    }

    /** @return the ASN.1 (DER) encoding of the certificate (a copy), empty if charon sent none */
    public byte[] data() {
        ViciItem item = raw.get("data").orElse(null);
        return item instanceof ViciValue v ? v.bytes() : new byte[0];
    }
}
