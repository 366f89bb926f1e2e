package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CertificatePrinter} against what swanctl printed for the same certificates (src/test/resources/certs). */
class CertificatePrinterTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    /** A moment on the day swanctl's reference output was taken, after the certificates were made. */
    private static final Clock SAME_DAY = Clock.fixed(Instant.parse("2026-12-02T18:00:00Z"), UTC);

    @ParameterizedTest
    @CsvSource({"5.9.8, swanctl-5.9.8-list-certs.txt", "6.1.0, swanctl-6.1.0-list-certs.txt"})
    void printsWhatSwanctlOfThatVersionPrinted(String version, String reference) throws IOException {
        CertificatePrinter p = new CertificatePrinter(SAME_DAY, UTC, false, true, CertificatePrinter.Dialect.of(version));
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        // the order charon listed them in
        p.print(w, "X509", "NONE", true, der("moon.pem"));
        p.print(w, "X509", "CA", false, der("ecCa.pem"));
        p.print(w, "X509", "CA", false, der("rootCa.pem"));
        w.flush();
        assertThat(out.toString()).isEqualTo(resource(reference));
    }

    @Test
    void validityOutsideTheValidPeriod() throws IOException {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        new CertificatePrinter(Clock.fixed(Instant.parse("2026-12-02T15:00:00Z"), UTC), UTC, true, false,
                CertificatePrinter.Dialect.of("6.1.0")).print(w, "X509", "NONE", false, der("moon.pem"));
        new CertificatePrinter(Clock.fixed(Instant.parse("2027-01-11T15:02:52Z"), UTC), UTC, false, false,
                CertificatePrinter.Dialect.of("6.1.0")).print(w, "X509", "NONE", false, der("moon.pem"));
        w.flush();
        assertThat(out.toString())
                .contains("  validity:  not before Dec 02 15:02:52 UTC 2026, not valid yet (valid in 2 minutes)\n"
                        + "             not after  Jan 01 15:02:52 UTC 2027, ok (expires in 30 days)\n")
                .contains("  validity:  not before Dec 02 15:02:52 2026, ok\n"
                        + "             not after  Jan 01 15:02:52 2027, expired (10 days ago)\n")
                .doesNotContain("flags:", "CRL URIs:");
    }

    @Test
    void localTimeIsTheGivenZone() throws IOException {
        CertificatePrinter p = new CertificatePrinter(SAME_DAY, ZoneId.of("Europe/Zurich"), false, true,
                CertificatePrinter.Dialect.of("5.9.8"));
        assertThat(p.time(Instant.parse("2026-12-02T15:02:52Z"))).isEqualTo("Dec 02 16:02:52 2026");
    }

    @ParameterizedTest
    @CsvSource({"1, 1 second", "120, 120 seconds", "121, 2 minutes", "7200, 120 minutes", "7201, 2 hours",
        "172800, 48 hours", "172801, 2 days", "31536000, 365 days"})
    void timeSpansAsStrongSwanPrintsThem(long seconds, String text) {
        assertThat(CertificatePrinter.delta(1000, 1000 + seconds)).isEqualTo(text);
        assertThat(CertificatePrinter.delta(1000 + seconds, 1000)).isEqualTo(text);
    }

    @Test
    void captionOnlyWhenTypeOrFlagChanges() throws IOException {
        CertificatePrinter p = new CertificatePrinter(SAME_DAY, UTC, false, false, CertificatePrinter.Dialect.of("6.1"));
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        p.print(w, "X509", "CA", false, der("ecCa.pem"));
        p.print(w, "X509", "CA", false, der("rootCa.pem"));
        p.print(w, "X509", "NONE", false, der("moon.pem"));
        p.print(w, "X509_CRL", "NONE", false, new byte[] {0x30, 0x00});
        w.flush();
        assertThat(out.toString().lines().filter(l -> l.startsWith("List of")))
                .containsExactly("List of X.509 CA Certificates", "List of X.509 End Entity Certificates",
                        "List of X.509 CRLs");
        assertThat(out.toString()).endsWith("\nList of X.509 CRLs\n\n  (X509_CRL data: 2 bytes, not decoded by vici)\n");
    }

    @Test
    void unparsableDataPrintsNothing() {
        CertificatePrinter p = new CertificatePrinter(SAME_DAY, UTC, false, true, CertificatePrinter.Dialect.of("5.9.8"));
        StringWriter out = new StringWriter();
        assertThatThrownBy(() -> p.print(new PrintWriter(out), "X509", "CA", false, new byte[] {0x30, 0x03, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void dialects() {
        assertThat(CertificatePrinter.Dialect.of("5.9.8")).isEqualTo(new CertificatePrinter.Dialect("           ", false));
        assertThat(CertificatePrinter.Dialect.of("5.9.11").crlSignWithoutKeyUsage()).isTrue();
        assertThat(CertificatePrinter.Dialect.of("5.9.14").uriIndent()).hasSize(11);
        assertThat(CertificatePrinter.Dialect.of("6.1.0")).isEqualTo(new CertificatePrinter.Dialect("             ", true));
        assertThat(CertificatePrinter.Dialect.of("6.0.0rc1").uriIndent()).hasSize(13);
    }

    @Test
    void dnsInEncodedOrderWithStrongSwansNamesAndUnprintableBytesAsQuestionMarks() {
        // RFC 2253 text lists the RDNs last first: the encoding (and strongSwan) starts with C
        byte[] dn = new X500Principal("CN=Zürich GW,OU=a\\,b,O=strongSwan,C=CH,1.2.3.4=#0c0178,EMAILADDRESS=gw@example.org")
                .getEncoded();
        assertThat(StrongSwanIds.dn(dn))
                .isEqualTo("E=gw@example.org, 2a:03:04=x, C=CH, O=strongSwan, OU=a,b, CN=Z??rich GW");
    }

    @ParameterizedTest
    @CsvSource({"::1, ::1", "2001:db8::1, 2001:db8::1", "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "1:0:0:1:0:0:0:1, 1:0:0:1::1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "fe80::, fe80::",
        "::, ::", "2001:DB8:0:0:1:0:0:0, 2001:db8:0:0:1::", "::192.0.2.1, ::192.0.2.1", "192.0.2.1, 192.0.2.1"})
    void addressesAsInetNtopPrintsThem(String in, String expected) throws Exception {
        byte[] a = java.net.InetAddress.getByName(in).getAddress();
        if (a.length == 4 && in.startsWith("::ffff:")) { // Java makes IPv4-mapped addresses IPv4 ones
            a = new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, a[0], a[1], a[2], a[3]};
        }
        assertThat(StrongSwanIds.ip(a)).hasValue(expected);
        assertThat(StrongSwanIds.ip(new byte[5])).isEmpty();
    }

    private static byte[] der(String name) throws IOException {
        String pem = resource(name);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CertificatePrinterTest.class.getResourceAsStream("/certs/" + name)) {
            assertThat(in).as("test resource certs/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
