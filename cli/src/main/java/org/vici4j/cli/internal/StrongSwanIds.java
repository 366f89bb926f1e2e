package org.vici4j.cli.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Identities as strongSwan prints them ({@code %Y}): a DN in its encoded order with strongSwan's attribute
 * names, {@code "C=CH, O=strongSwan, CN=moon"}, values byte for byte with what is not printable ASCII as
 * {@code ?}; general names (subjectAltName and the like) by their type.
 */
final class StrongSwanIds {

    /** The DN attribute names of strongSwan's OID table (asn1/oid.txt). */
    private static final Map<String, String> ATTRIBUTES = Map.ofEntries(
            Map.entry("0.2.262.1.10.7.20", "ND"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"),
            Map.entry("2.5.4.3", "CN"), Map.entry("2.5.4.4", "SN"), Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.7", "L"), Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.9", "STREET"), Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.12", "T"), Map.entry("2.5.4.13", "D"), Map.entry("2.5.4.16", "postalAddress"),
            Map.entry("2.5.4.17", "postalCode"), Map.entry("2.5.4.36", "userCertificate"),
            Map.entry("2.5.4.41", "N"), Map.entry("2.5.4.42", "G"), Map.entry("2.5.4.43", "I"),
            Map.entry("2.5.4.45", "ID"), Map.entry("2.5.4.46", "dnQualifier"), Map.entry("2.5.4.54", "dmdName"),
            Map.entry("2.5.4.65", "pseudonym"), Map.entry("2.5.4.72", "role"),
            Map.entry("1.2.840.113549.1.9.1", "E"), Map.entry("1.2.840.113549.1.9.2", "unstructuredName"),
            Map.entry("1.2.840.113549.1.9.8", "unstructuredAddress"),
            Map.entry("2.16.840.1.113730.3.1.3", "employeeNumber"));

    static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";
    static final String MS_UPN = "1.3.6.1.4.1.311.20.2.3";

    private StrongSwanIds() {
    }

    /** @return the DER-encoded DN (a SEQUENCE of RDN SETs) as strongSwan prints it */
    static String dn(byte[] encodedDn) {
        StringBuilder sb = new StringBuilder();
        for (Der set : Der.parse(encodedDn).children()) {
            for (Der atv : set.children()) {
                List<Der> parts = atv.children();
                if (parts.size() < 2 || parts.get(0).tag() != Der.OID) {
                    continue;
                }
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                byte[] oid = parts.get(0).content();
                String name = ATTRIBUTES.get(Der.oidString(oid));
                sb.append(name != null ? name : hex(oid)).append('=').append(printable(parts.get(1).content()));
            }
        }
        return sb.toString();
    }

    /**
     * @return one GeneralName as strongSwan prints it, or empty for the kinds strongSwan does not keep (x400Address,
     *         ediPartyName, registeredID, odd IP lengths, unknown otherNames)
     */
    static Optional<String> generalName(Der gn) {
        return switch (gn.contextNumber()) {
            case 1, 2, 6 -> Optional.of(printable(gn.content())); // rfc822Name, dNSName, URI
            case 4 -> Optional.of(dn(gn.content())); // directoryName: [4] EXPLICIT Name
            case 7 -> ip(gn.content());
            case 0 -> otherName(gn);
            default -> Optional.empty();
        };
    }

    /** xmppAddr and msUPN otherNames, which strongSwan shows as e-mail addresses. */
    private static Optional<String> otherName(Der gn) {
        List<Der> parts = gn.children();
        if (parts.size() == 2 && parts.get(0).tag() == Der.OID) {
            String oid = Der.oidString(parts.get(0).content());
            if (oid.equals(XMPP_ADDR) || oid.equals(MS_UPN)) {
                List<Der> value = parts.get(1).children();
                if (value.size() == 1) {
                    return Optional.of(printable(value.get(0).content()));
                }
            }
        }
        return Optional.empty();
    }

    /** @return an IPv4 or IPv6 address as inet_ntop prints it */
    static Optional<String> ip(byte[] a) {
        if (a.length == 4) {
            return Optional.of((a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff));
        }
        if (a.length != 16) {
            return Optional.empty();
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        boolean v4Tail = bestStart == 0 && (bestLen == 6 || bestLen == 5 && w[5] == 0xffff);
        StringBuilder sb = new StringBuilder();
        int end = v4Tail ? 6 : 8;
        for (int i = 0; i < end; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (v4Tail) {
            if (sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff).append('.')
                    .append(a[15] & 0xff);
        }
        return Optional.of(sb.toString());
    }

    /** @return an address and netmask (a name constraint's IP subnet) as strongSwan prints it: {@code 10.0.0.0/8} */
    static Optional<String> subnet(byte[] addressAndMask) {
        int half = addressAndMask.length / 2;
        Optional<String> address = ip(Arrays.copyOfRange(addressAndMask, 0, half));
        int bits = 0;
        for (int i = half; i < addressAndMask.length; i++) {
            bits += Integer.bitCount(addressAndMask[i] & 0xff);
        }
        int cidr = bits;
        return address.map(a -> a + "/" + cidr);
    }

    /** @return the bytes as text, each one that is not printable ASCII as {@code ?} (chunk_printable) */
    static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return sb.toString();
    }

    /** @return the bytes as colon-separated lowercase hex ({@code %#B}) */
    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
