package org.vici4j.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Prints the certificates of a {@code list-certs} listing as swanctl does (libstrongswan's certificate printer):
 * a caption whenever the type or X.509 flag changes, then per certificate subject and issuer in strongSwan's DN
 * format, validity with the time left, serial, altNames, flags, CRL and OCSP URIs, path length, key identifiers
 * and the public key with its two SHA-1 key ids. One printer serves one listing (it remembers the last caption).
 */
final class CertificatePrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT);

    private final Clock clock;
    private final ZoneId zone;
    private final boolean utc;
    private final boolean detailed;
    private final Dialect dialect;
    private String lastType = "";
    private String lastFlag = "";

    /**
     * What differs between the swanctl versions: the indentation of a second CRL/OCSP URI (13 spaces from 6.0 on,
     * 11 before) and whether a CA certificate without keyUsage gets the CRLSign flag (from 5.9.11 on).
     */
    record Dialect(String uriIndent, boolean crlSignWithoutKeyUsage) {

        /** @return the dialect of the swanctl released with charon {@code version} (e.g. "5.9.8", "6.1.0") */
        static Dialect of(String version) {
            int[] v = Arrays.stream((version + ".0.0.0").split("[^0-9]+", -1)).limit(3)
                    .mapToInt(s -> s.isEmpty() ? 0 : Integer.parseInt(s)).toArray();
            boolean six = v[0] >= 6;
            boolean newCrlSign = six || v[0] == 5 && (v[1] > 9 || v[1] == 9 && v[2] >= 11);
            return new Dialect(six ? "             " : "           ", newCrlSign);
        }
    }

    CertificatePrinter(Clock clock, ZoneId zone, boolean utc, boolean detailed, Dialect dialect) {
        this.clock = clock;
        this.zone = zone;
        this.utc = utc;
        this.detailed = detailed;
        this.dialect = dialect;
    }

    /**
     * Prints one streamed {@code list-cert} message's certificate: its caption (if it changed) and details. Types it
     * does not decode (CRL, attribute certificates, OCSP responses, raw public keys) get the caption and a line
     * with the size of their data.
     *
     * @throws IllegalArgumentException if the X.509 data does not parse (nothing is printed then)
     */
    void print(PrintWriter out, String type, String flag, boolean hasPrivateKey, byte[] der) {
        StringWriter body = new StringWriter();
        PrintWriter b = new PrintWriter(body);
        if ("X509".equals(type)) {
            try {
                X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
                x509(b, x, hasPrivateKey);
            } catch (CertificateException | ClassCastException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        } else {
            b.println("  (" + type + " data: " + der.length + " bytes, not decoded by vici)");
        }
        b.flush();
        caption(out, type, flag);
        out.print(body);
    }

    private void caption(PrintWriter out, String type, String flag) {
        String f = flag == null ? "NONE" : flag;
        if (!type.equals(lastType) || "X509".equals(type) && !f.equals(lastFlag)) {
            String caption = switch (type) {
                case "X509" -> switch (f) {
                    case "NONE" -> "X.509 End Entity Certificate";
                    case "CA" -> "X.509 CA Certificate";
                    case "AA" -> "X.509 AA Certificate";
                    case "OCSP" -> "X.509 OCSP Signer Certificate";
                    default -> null;
                };
                case "X509_AC" -> "X.509 Attribute Certificate";
                case "X509_CRL" -> "X.509 CRL";
                case "OCSP_RESPONSE" -> "OCSP Response";
                case "PUBKEY" -> "Raw Public Key";
                default -> null;
            };
            if (caption != null) {
                out.println();
                out.println("List of " + caption + "s");
                lastType = type;
                if ("X509".equals(type)) {
                    lastFlag = f;
                }
            }
        }
        out.println();
    }

    private void x509(PrintWriter out, X509Certificate x, boolean hasPrivateKey) {
        byte[] subject = x.getSubjectX500Principal().getEncoded();
        byte[] issuer = x.getIssuerX500Principal().getEncoded();
        out.println("  subject:  \"" + StrongSwanIds.dn(subject) + "\"");
        out.println("  issuer:   \"" + StrongSwanIds.dn(issuer) + "\"");
        validity(out, x.getNotBefore().toInstant(), x.getNotAfter().toInstant());

        out.println("  serial:    " + StrongSwanIds.hex(serial(x.getSerialNumber())));
        List<String> altNames = generalNames(x.getExtensionValue("2.5.29.17"));
        if (!altNames.isEmpty()) {
            out.println("  altNames:  " + String.join(", ", altNames));
        }
        byte[] akid = authKeyId(x);
        byte[] skid = subjectKeyId(x);
        if (detailed) {
            flags(out, x, akid, skid, subject, issuer);
            uris(out, "  CRL URIs:  ", crlUris(x));
            uris(out, "  OCSP URIs: ", ocspUris(x));
            if (x.getBasicConstraints() >= 0 && x.getBasicConstraints() < 0x80) {
                out.println("  pathlen:   " + x.getBasicConstraints());
            }
            nameConstraints(out, x);
            policies(out, x);
        }
        if (akid != null) {
            out.println("  authkeyId: " + StrongSwanIds.hex(akid));
        }
        byte[] spki = x.getPublicKey().getEncoded();
        byte[] bits = subjectPublicKeyBits(spki);
        if (skid == null) {
            skid = sha1(bits);
        }
        out.println("  subjkeyId: " + StrongSwanIds.hex(skid));
        pubkey(out, x.getPublicKey(), hasPrivateKey, spki, bits);
    }

    private void validity(PrintWriter out, Instant notBefore, Instant notAfter) {
        long now = clock.instant().getEpochSecond();
        out.print("  validity:  not before " + time(notBefore) + ", ");
        out.println(now < notBefore.getEpochSecond()
                ? "not valid yet (valid in " + delta(now, notBefore.getEpochSecond()) + ")" : "ok");
        out.print("             not after  " + time(notAfter) + ", ");
        out.println(now > notAfter.getEpochSecond()
                ? "expired (" + delta(now, notAfter.getEpochSecond()) + " ago)"
                : "ok (expires in " + delta(now, notAfter.getEpochSecond()) + ")");
    }

    /** @return a time as strongSwan's {@code %T}: "Dec 02 15:00:53 2026", in UTC "Dec 02 15:00:53 UTC 2026" */
    String time(Instant t) {
        ZonedDateTime z = t.atZone(utc ? ZoneId.of("UTC") : zone);
        return TIME.format(z) + (utc ? " UTC " : " ") + String.format(Locale.ROOT, "%04d", z.getYear());
    }

    /** @return a time span as strongSwan's {@code %V}: seconds up to 2 minutes, then minutes, hours, days */
    static String delta(long a, long b) {
        long d = Math.abs(a - b);
        String unit = "second";
        if (d > 2 * 60 * 60 * 24) {
            d /= 60 * 60 * 24;
            unit = "day";
        } else if (d > 2 * 60 * 60) {
            d /= 60 * 60;
            unit = "hour";
        } else if (d > 2 * 60) {
            d /= 60;
            unit = "minute";
        }
        return d + " " + unit + (d == 1 ? "" : "s");
    }

    /** @return the serial's bytes without leading zero bytes (one byte at least) */
    static byte[] serial(BigInteger serial) {
        byte[] b = serial.toByteArray();
        int i = 0;
        while (i < b.length - 1 && b[i] == 0) {
            i++;
        }
        return Arrays.copyOfRange(b, i, b.length);
    }

    private void flags(PrintWriter out, X509Certificate x, byte[] akid, byte[] skid, byte[] subject, byte[] issuer) {
        StringBuilder f = new StringBuilder();
        boolean ca = x.getBasicConstraints() >= 0;
        boolean[] ku = x.getKeyUsage();
        if (ca) {
            f.append("CA ");
        }
        if (ku != null ? ku.length > 6 && ku[6] : ca && dialect.crlSignWithoutKeyUsage()) {
            f.append("CRLSign ");
        }
        List<String> eku = extendedKeyUsage(x);
        if (eku.contains("1.3.6.1.5.5.7.3.9")) {
            f.append("ocspSigning ");
        }
        if (eku.contains("1.3.6.1.5.5.7.3.1")) {
            f.append("serverAuth ");
        }
        if (eku.contains("1.3.6.1.5.5.7.3.2")) {
            f.append("clientAuth ");
        }
        if (eku.contains("1.3.6.1.5.5.8.2.2")) {
            f.append("ikeIntermediate ");
        }
        if (eku.contains("1.3.6.1.4.1.311.20.2.2")) {
            f.append("msSmartcardLogon"); // sic: swanctl prints no space after this one
        }
        if (selfSigned(x, akid, skid, subject, issuer)) {
            f.append("self-signed ");
        }
        if (!f.isEmpty()) {
            out.println("  flags:     " + f);
        }
    }

    /** strongSwan's test: the key ids agree (or, without an authority key id, the DNs), and the signature verifies. */
    private static boolean selfSigned(X509Certificate x, byte[] akid, byte[] skid, byte[] subject, byte[] issuer) {
        if (akid != null && skid != null) {
            if (!Arrays.equals(akid, skid)) {
                return false;
            }
        } else if (!Arrays.equals(subject, issuer)
                && !x.getSubjectX500Principal().equals(x.getIssuerX500Principal())) {
            return false;
        }
        try {
            x.verify(x.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** permitted and excluded subtrees' base names, as strongSwan keeps them. */
    private static void nameConstraints(PrintWriter out, X509Certificate x) {
        Optional<Der> ext = extension(x, "2.5.29.30");
        for (int which = 0; which < 2 && ext.isPresent(); which++) {
            boolean first = true;
            for (Der subtrees : ext.get().children()) {
                if (subtrees.contextNumber() != which) {
                    continue;
                }
                for (Der subtree : subtrees.children()) {
                    List<Der> parts = subtree.children();
                    Optional<String> base = parts.isEmpty() ? Optional.empty()
                            : parts.get(0).contextNumber() == 7 && parts.get(0).content().length % 4 == 0
                                    && parts.get(0).content().length != 4 && parts.get(0).content().length != 16
                                    ? StrongSwanIds.subnet(parts.get(0).content())
                                    : StrongSwanIds.generalName(parts.get(0));
                    if (base.isEmpty()) {
                        continue;
                    }
                    if (first) {
                        out.println(which == 0 ? "  permitted nameConstraints:" : "  excluded nameConstraints:");
                        first = false;
                    }
                    out.println("           " + base.get());
                }
            }
        }
    }

    /** certificatePolicies (OIDs and CPS URIs), policyMappings and inhibitAnyPolicy. */
    private static void policies(PrintWriter out, X509Certificate x) {
        Optional<Der> ext = extension(x, "2.5.29.32");
        if (ext.isPresent() && !ext.get().children().isEmpty()) {
            out.println("  certificatePolicies:");
            for (Der info : ext.get().children()) {
                List<Der> parts = info.children();
                out.println("             " + Der.oidString(parts.get(0).content()));
                if (parts.size() > 1) {
                    for (Der qualifier : parts.get(1).children()) {
                        List<Der> q = qualifier.children();
                        if (q.size() == 2 && Der.oidString(q.get(0).content()).equals("1.3.6.1.5.5.7.2.1")
                                && q.get(1).content().length > 0
                                && StrongSwanIds.printable(q.get(1).content()).indexOf('?') < 0) {
                            out.println("             CPS: " + StrongSwanIds.printable(q.get(1).content()));
                            break; // strongSwan keeps the first CPS URI only
                        }
                    }
                }
            }
        }
        Optional<Der> mappings = extension(x, "2.5.29.33");
        if (mappings.isPresent() && !mappings.get().children().isEmpty()) {
            out.println("  policyMappings:");
            for (Der m : mappings.get().children()) {
                List<Der> p = m.children();
                out.println("           " + Der.oidString(p.get(0).content()) + " => " + Der.oidString(p.get(1).content()));
            }
        }
        // strongSwan reads policyConstraints' SkipCerts only in constructed [0]/[1] tags (what RFC 5280's implicit
        // tagging gives, primitive ones, it passes over)
        int explicit = -1;
        int inhibitMapping = -1;
        Optional<Der> constraints = extension(x, "2.5.29.36");
        if (constraints.isPresent()) {
            for (Der c : constraints.get().children()) {
                List<Der> inner = c.tag() == 0xa0 || c.tag() == 0xa1 ? c.children() : List.of();
                if (inner.size() == 1 && inner.get(0).tag() == Der.INTEGER) {
                    if (c.tag() == 0xa0) {
                        explicit = skipCerts(inner.get(0).content());
                    } else {
                        inhibitMapping = skipCerts(inner.get(0).content());
                    }
                }
            }
        }
        int inhibitAny = extension(x, "2.5.29.54").filter(d -> d.tag() == Der.INTEGER)
                .map(d -> skipCerts(d.content())).orElse(-1);
        if (explicit >= 0 || inhibitMapping >= 0 || inhibitAny >= 0) {
            out.println("  policyConstraints:");
            if (explicit >= 0) {
                out.println("           requireExplicitPolicy: " + explicit);
            }
            if (inhibitMapping >= 0) {
                out.println("           inhibitPolicyMapping: " + inhibitMapping);
            }
            if (inhibitAny >= 0) {
                out.println("           inhibitAnyPolicy: " + inhibitAny);
            }
        }
    }

    /** @return a constraint's value as strongSwan reads it (one byte, 0..127), or -1 for none */
    private static int skipCerts(byte[] v) {
        return v.length == 0 ? 0 : v.length == 1 && (v[0] & 0x80) == 0 ? v[0] : -1;
    }

    private void uris(PrintWriter out, String label, List<String> uris) {
        for (int i = 0; i < uris.size(); i++) {
            out.println((i == 0 ? label : dialect.uriIndent()) + uris.get(i));
        }
    }

    private static List<String> extendedKeyUsage(X509Certificate x) {
        Optional<Der> ext = extension(x, "2.5.29.37");
        List<String> oids = new ArrayList<>();
        ext.ifPresent(e -> e.children().stream().filter(d -> d.tag() == Der.OID)
                .forEach(d -> oids.add(Der.oidString(d.content()))));
        return oids;
    }

    /** URIs of the CRL distribution points' full names. */
    private static List<String> crlUris(X509Certificate x) {
        List<String> uris = new ArrayList<>();
        extension(x, "2.5.29.31").ifPresent(points -> {
            for (Der point : points.children()) {
                for (Der field : point.children()) {
                    if (field.contextNumber() != 0) {
                        continue; // distributionPoint [0]; reasons and cRLIssuer are not printed by vici
                    }
                    for (Der name : field.children()) {
                        if (name.contextNumber() == 0) { // fullName [0] GeneralNames
                            for (Der gn : name.children()) {
                                if (gn.contextNumber() == 6) {
                                    uris.add(StrongSwanIds.printable(gn.content()));
                                }
                            }
                        }
                    }
                }
            }
        });
        return uris;
    }

    /** URIs of the authorityInfoAccess OCSP access descriptions. */
    private static List<String> ocspUris(X509Certificate x) {
        List<String> uris = new ArrayList<>();
        extension(x, "1.3.6.1.5.5.7.1.1").ifPresent(aia -> {
            for (Der ad : aia.children()) {
                List<Der> parts = ad.children();
                if (parts.size() == 2 && parts.get(0).tag() == Der.OID
                        && Der.oidString(parts.get(0).content()).equals("1.3.6.1.5.5.7.48.1")
                        && parts.get(1).contextNumber() == 6) {
                    uris.add(StrongSwanIds.printable(parts.get(1).content()));
                }
            }
        });
        return uris;
    }

    private static List<String> generalNames(byte[] extensionValue) {
        List<String> names = new ArrayList<>();
        if (extensionValue != null) {
            for (Der gn : Der.parse(Der.parse(extensionValue).content()).children()) {
                StrongSwanIds.generalName(gn).ifPresent(names::add);
            }
        }
        return names;
    }

    private static byte[] authKeyId(X509Certificate x) {
        return extension(x, "2.5.29.35").flatMap(e -> e.children().stream().filter(d -> d.contextNumber() == 0)
                .findFirst()).map(Der::content).orElse(null);
    }

    private static byte[] subjectKeyId(X509Certificate x) {
        return extension(x, "2.5.29.14").map(Der::content).orElse(null);
    }

    /** @return the value of an extension (the DER inside its OCTET STRING) */
    private static Optional<Der> extension(X509Certificate x, String oid) {
        byte[] v = x.getExtensionValue(oid);
        return v == null ? Optional.empty() : Optional.of(Der.parse(Der.parse(v).content()));
    }

    /** @return the subjectPublicKey BIT STRING's bits (for RSA the RSAPublicKey, for EC the point) */
    static byte[] subjectPublicKeyBits(byte[] spki) {
        for (Der d : Der.parse(spki).children()) {
            if (d.tag() == Der.BIT_STRING) {
                return Arrays.copyOfRange(d.content(), 1, d.content().length);
            }
        }
        throw new IllegalArgumentException("subjectPublicKeyInfo without a BIT STRING");
    }

    private static void pubkey(PrintWriter out, PublicKey key, boolean hasPrivateKey, byte[] spki, byte[] bits) {
        String type;
        int size;
        if (key instanceof RSAPublicKey rsa) {
            type = "RSA";
            size = rsa.getModulus().bitLength();
        } else if (key instanceof ECPublicKey ec) {
            type = "ECDSA";
            size = ec.getParams().getCurve().getField().getFieldSize();
        } else if (Objects.equals(key.getAlgorithm(), "Ed25519") || Objects.equals(key.getAlgorithm(), "EdDSA")
                && bits.length == 32) {
            type = "ED25519";
            size = 256;
        } else if (Objects.equals(key.getAlgorithm(), "Ed448") || Objects.equals(key.getAlgorithm(), "EdDSA")
                && bits.length == 57) {
            type = "ED448";
            size = 456;
        } else {
            return; // strongSwan has no other public key types to print
        }
        out.println("  pubkey:    " + type + " " + size + " bits" + (hasPrivateKey ? ", has private key" : ""));
        out.println("  keyid:     " + StrongSwanIds.hex(sha1(spki)));
        out.println("  subjkey:   " + StrongSwanIds.hex(sha1(bits)));
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
