package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.command.CertFlag;
import org.vici4j.client.command.CertType;
import org.vici4j.client.command.CertificateInfo;
import org.vici4j.client.command.ListCertsRequest;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-certs}. */
@Command(name = "list-certs", description = {
    "List the loaded certificates (VICI 'list-certs', streamed 'list-cert'), in swanctl's layout.",
    "JSON/YAML carry the DER data as base64:... (see docs/cli.md)."})
public final class ListCertsCommand extends ItemListCommand<CertificateInfo> {

    private static final String TYPES = "X509, X509_AC, X509_CRL, OCSP_RESPONSE, PUBKEY or ANY";
    private static final String FLAGS = "NONE, CA, AA, OCSP or ANY";

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
    protected void beforeTable() {
        // a few details differ between swanctl versions: follow the swanctl of charon's version
        Clock clock = root.ctx().clock();
        printer = new CertificatePrinter(clock, clock.getZone(), utc, !brief, CertificatePrinter.Dialect.of(charonVersion()));
    }

    @Override
    protected Listing<CertificateInfo> listing() {
        ListCertsRequest request = new ListCertsRequest(option("type", type, CertType.class, TYPES),
                option("flag", flag, CertFlag.class, FLAGS), subject);
        return (commands, onItem) -> commands.listCerts(request, onItem);
    }

    @Override
    protected ViciSection message(CertificateInfo cert) {
        return cert.raw();
    }

    /** @return {@code value} as a constant of {@code type}, any case; null if not given */
    private static <E extends Enum<E>> E option(String name, String value, Class<E> type, String choices) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "unknown certificate " + name + " '" + value + "': use " + choices);
        }
    }

    @Override
    protected void table(PrintWriter out, CertificateInfo info) {
        ViciSection cert = info.raw();
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
