package org.vici4j.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-certs}. */
@Command(name = "list-certs", description = {
    "List the loaded certificates (VICI 'list-certs', streamed 'list-cert').",
    "JSON/YAML carry the DER data as base64:... (see docs/cli.md)."})
public final class ListCertsCommand extends ListCommand {

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Certificate type: X509, X509_AC, X509_CRL, OCSP_RESPONSE, PUBKEY, ANY.")
    String type;
    @Option(names = {"-f", "--flag"}, paramLabel = "FLAG", description = "X.509 flag: NONE, CA, AA, OCSP, ANY.")
    String flag;
    @Option(names = {"-s", "--subject"}, paramLabel = "DN", description = "Only certificates with this subject.")
    String subject;

    @Override
    protected int execute() {
        ViciSection.Builder m = ViciSection.builder();
        if (type != null) {
            m.add("type", type);
        }
        if (flag != null) {
            m.add("flag", flag);
        }
        if (subject != null) {
            m.add("subject", subject);
        }
        return list("list-certs", m.build(), "list-cert");
    }

    @Override
    protected void table(PrintWriter out, ViciSection cert) {
        String t = cert.stringOr("type", "?");
        out.println("List of " + t + (cert.string("flag").filter(f -> !"NONE".equals(f)).map(f -> " " + f).orElse(""))
                + " certificate" + (cert.bool("has_privkey") ? ", has private key" : ""));
        ViciItem data = cert.get("data").orElse(null);
        if (data instanceof ViciValue der && "X509".equals(t)) {
            try {
                X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der.bytes()));
                out.println("  subject:  \"" + x.getSubjectX500Principal().getName() + "\"");
                out.println("  issuer:   \"" + x.getIssuerX500Principal().getName() + "\"");
                out.println("  validity: not before " + x.getNotBefore().toInstant());
                out.println("            not after  " + x.getNotAfter().toInstant());
                out.println("  serial:   " + HexFormat.ofDelimiter(":").formatHex(x.getSerialNumber().toByteArray()));
                return;
            } catch (CertificateException | ClassCastException e) {
                out.println("  (unparsable X.509 data: " + e.getMessage() + ")");
            }
        }
        cert.string("subject").ifPresent(s -> out.println("  subject:  \"" + s + "\""));
        cert.string("not-before").ifPresent(s -> out.println("  not before " + s));
        cert.string("not-after").ifPresent(s -> out.println("  not after  " + s));
        if (data instanceof ViciValue v) {
            out.println("  data:     " + v.length() + " bytes");
        }
    }
}
