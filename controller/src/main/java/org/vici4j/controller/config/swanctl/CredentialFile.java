package org.vici4j.controller.config.swanctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.internal.BoundedFiles;

/**
 * A file in one of swanctl's credential directories beside swanctl.conf ({@code x509/}, {@code x509ca/},
 * {@code private/}, ...): what {@code swanctl --load-creds} loads from it.
 */
public record CredentialFile(Kind kind, Path path) {

    /** The credential directories, in the order swanctl loads them. */
    public enum Kind {
        X509("x509", "X509", "NONE", null),
        X509CA("x509ca", "X509", "CA", null),
        X509OCSP("x509ocsp", "X509", "OCSP", null),
        X509AA("x509aa", "X509", "AA", null),
        X509AC("x509ac", "X509_AC", null, null),
        X509CRL("x509crl", "X509_CRL", null, null),
        PUBKEY("pubkey", "PUBKEY", null, null),
        PRIVATE("private", null, null, "any"),
        RSA("rsa", null, null, "rsa"),
        ECDSA("ecdsa", null, null, "ecdsa"),
        PKCS8("pkcs8", null, null, "any"),
        PKCS12("pkcs12", null, null, null);

        private final String directory;
        private final String certType;
        private final String flag;
        private final String keyType;

        Kind(String directory, String certType, String flag, String keyType) {
            this.directory = directory;
            this.certType = certType;
            this.flag = flag;
            this.keyType = keyType;
        }

        /** @return the directory's name, e.g. "x509ca" */
        public String directory() {
            return directory;
        }

        /** @return whether the files are private keys or containers (not certificates) */
        public boolean isKey() {
            return certType == null;
        }

        /** @return load-cert's {@code type} (X509, X509_AC, X509_CRL, PUBKEY); null for keys */
        public String certType() {
            return certType;
        }

        /** @return load-cert's {@code flag} for X509 (NONE, CA, OCSP, AA), else null */
        public String flag() {
            return flag;
        }

        /** @return load-key's {@code type} (any, rsa, ecdsa); null for certificates and PKCS#12 */
        public String keyType() {
            return keyType;
        }
    }

    /**
     * Lists the files of every credential directory below {@code dir}, directory by directory in swanctl's
     * order, files sorted by name. A missing directory holds nothing; one that cannot be listed is a problem.
     */
    public static List<CredentialFile> list(Path dir, List<ConfigProblem> problems) {
        List<CredentialFile> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            Path d = dir.resolve(k.directory());
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                for (Path f : ds) {
                    if (Files.isRegularFile(f)) {
                        files.add(f);
                    }
                }
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                problems.add(new ConfigProblem(d.toString(), 0, 0, "", "cannot list the directory: "
                        + BoundedFiles.reason(e), "check its permissions"));
                continue;
            }
            files.sort(null);
            files.forEach(f -> out.add(new CredentialFile(k, f)));
        }
        return out;
    }

    /**
     * Reads the file with vici4j's limits (a key: 64 KiB, a certificate: 1 MiB).
     *
     * @throws ReadFailed naming the file and the reason; never the file's content
     */
    public byte[] read() {
        try {
            return BoundedFiles.read(path, kind.isKey() ? BoundedFiles.SECRET_LIMIT : BoundedFiles.CERTIFICATE_LIMIT,
                    kind.isKey() ? "private key file" : "certificate file");
        } catch (BoundedFiles.Refused e) {
            throw new ReadFailed(path + ": cannot read the file: " + e.reason()
                    + (e.hint() == null ? "" : " (hint: " + e.hint() + ")"));
        }
    }

    /**
     * @return whether the file is a PEM private key encrypted with a pass phrase ({@code ENCRYPTED PRIVATE KEY}
     *     or a {@code Proc-Type: 4,ENCRYPTED} header); false if it cannot be read (reading it later says why)
     */
    public boolean encrypted() {
        try {
            return isEncryptedPem(read());
        } catch (ReadFailed e) {
            return false;
        }
    }

    /** @return whether PEM data holds an encrypted private key */
    public static boolean isEncryptedPem(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        return text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED");
    }

    /** A credential file that cannot be read. */
    public static final class ReadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailed(String message) {
            super(message, null, false, false);
        }
    }
}
