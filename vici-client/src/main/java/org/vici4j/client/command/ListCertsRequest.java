package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code list-certs}; unset (null) filters are not sent.
 *
 * @param type only certificates of this type ({@code type}), or null
 * @param flag only X.509 certificates with this flag ({@code flag}), or null
 * @param subject only certificates with this subject ({@code subject}), or null
 */
public record ListCertsRequest(CertType type, CertFlag flag, String subject) implements ViciRequest {

    /** All certificates. */
    public static final ListCertsRequest ALL = new ListCertsRequest(null, null, null);

    public ListCertsRequest {
        Check.optionalValue("subject", subject);
    }

    @Override
    public ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder();
        if (type != null) {
            b.add("type", type.wireName());
        }
        if (flag != null) {
            b.add("flag", flag.wireName());
        }
        if (subject != null) {
            b.add("subject", subject);
        }
        return b.build();
    }
}
