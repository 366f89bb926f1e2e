package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.time.Clock;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-certs}. */
@Command(name = "list-certs", description = {
    "List the loaded certificates (VICI 'list-certs', streamed 'list-cert'), in swanctl's layout.",
    "JSON/YAML carry the DER data as base64:... (see docs/cli.md)."})
public final class ListCertsCommand extends ListCommand {

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Certificate type: X509, X509_AC, X509_CRL, OCSP_RESPONSE, PUBKEY, ANY.")
    String type;
    @Option(names = {"-f", "--flag"}, paramLabel = "FLAG", description = "X.509 flag: NONE, CA, AA, OCSP, ANY.")
    String flag;
    @Option(names = {"-s", "--subject"}, paramLabel = "DN", description = "Only certificates with this subject.")
    String subject;
    @Option(names = {"-S", "--short"}, description = "Omit some certificate details (flags, CRL/OCSP URIs, pathlen), as swanctl's --short.")
    boolean brief;
    @Option(names = {"-U", "--utc"}, description = "Print times in UTC (default: local time).")
    boolean utc;

    private CertificatePrinter printer;

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
        if (format() == Format.TABLE) {
            // a few details differ between swanctl versions: follow the swanctl of charon's version
            String version = request("version", ViciSection.empty()).stringOr("version", "");
            Clock clock = root.ctx().clock();
            printer = new CertificatePrinter(clock, clock.getZone(), utc, !brief, CertificatePrinter.Dialect.of(version));
        }
        return list("list-certs", m.build(), "list-cert");
    }

    @Override
    protected void table(PrintWriter out, ViciSection cert) {
        ViciItem data = cert.get("data").orElse(null);
        if (!(data instanceof ViciValue der)) {
            err().println("vici: received incomplete certificate data");
            return;
        }
        try {
            printer.print(out, cert.stringOr("type", "ANY"), cert.stringOr("flag", "NONE"), cert.bool("has_privkey"),
                    der.bytes());
        } catch (IllegalArgumentException e) {
            // as swanctl: the certificate is left out, the listing goes on
            err().println("vici: parsing certificate failed: " + e.getMessage());
        }
    }
}
