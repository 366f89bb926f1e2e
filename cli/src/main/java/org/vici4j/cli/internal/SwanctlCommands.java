package org.vici4j.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.vici4j.cli.ExitCode;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.command.CertType;
import org.vici4j.client.command.Pool;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.config.TokenSecret;
import org.vici4j.controller.config.swanctl.CredentialFile;
import org.vici4j.controller.config.swanctl.SwanctlConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * swanctl's imperative loading commands ({@code load-all}, {@code load-conns}, {@code load-creds},
 * {@code load-pools}, {@code load-authorities}), {@code flush-certs} and {@code import}, which reads a
 * swanctl.conf and prints vici4j YAML. The swanctl.conf is read and checked as a whole before anything is sent.
 */
public final class SwanctlCommands {

    private SwanctlCommands() {
    }

    /** What the loading commands share: the options, reading the file, and each step as swanctl does it. */
    abstract static class Loading extends BaseCommand {

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "swanctl.conf to read; its directory holds the credential directories (x509/,"
                        + " x509ca/, private/, ...). Default: /etc/swanctl/swanctl.conf.")
        Path file = SwanctlConf.DEFAULT_FILE;

        private int failures;

        /** @return the state read from the file (credential directories left to load-creds) */
        DesiredState read() {
            DesiredState state;
            try {
                state = DesiredStateLoader.builder().environment(root.ctx().env()).swanctlDirectoryCredentials(false)
                        .build().loadAll(List.of(file));
            } catch (ConfigValidationException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage(), e);
            }
            for (ConfigProblem w : state.warnings()) {
                err().println("vici: warning: " + w.format());
            }
            return state;
        }

        /** @return the exit code: 0, or 1 if anything failed */
        int result() {
            err().flush();
            return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
        }

        private void failed(String line) {
            failures++;
            err().println(line);
            err().flush();
        }

        /** @return whether the request succeeded; a failure is printed as {@code what failed: errmsg} */
        private ViciSection send(String command, ViciSection message, String what) {
            try {
                return request(command, message);
            } catch (CommandFailedException e) {
                failed(what + " failed: " + (e.errmsg() == null ? "charon said no" : e.errmsg()));
                return null;
            }
        }

        /** swanctl --load-creds: certificates and keys of the directories, tokens, shared secrets; unloads the rest. */
        void loadCreds(DesiredState state, boolean clear) {
            PrintWriter out = out();
            if (clear) {
                client().await(client().clearCreds());
            }
            Set<String> keys = new LinkedHashSet<>(client().await(client().getKeys()).names());
            Set<String> shared = new LinkedHashSet<>(client().await(client().getShared()).names());
            Path dir = file.toAbsolutePath().getParent();
            List<ConfigProblem> listing = new ArrayList<>();
            for (CredentialFile f : CredentialFile.list(dir, listing)) {
                byte[] data;
                try {
                    data = f.read();
                } catch (CredentialFile.ReadFailed e) {
                    failed("loading '" + f.path() + "' failed: " + e.getMessage());
                    continue;
                }
                CredentialFile.Kind k = f.kind();
                if (!k.isKey()) {
                    ViciSection.Builder m = ViciSection.builder().add("type", k.certType());
                    if (k.flag() != null) {
                        m.add("flag", k.flag());
                    }
                    if (send("load-cert", m.add("data", data).build(), "loading '" + f.path() + "'") != null) {
                        out.println("loaded certificate from '" + f.path() + "'");
                    }
                } else if (k == CredentialFile.Kind.PKCS12) {
                    failed("loading '" + f.path() + "' failed: PKCS#12 containers are not supported by vici (hint:"
                            + " extract the key and certificates with openssl pkcs12 -nodes into private/ and x509/)");
                } else if (CredentialFile.isEncryptedPem(data)) {
                    failed("loading '" + f.path() + "' failed: the private key is encrypted, and vici does not decrypt"
                            + " keys (hint: store it decrypted with restrictive permissions: openssl pkey -in F -out F)");
                } else {
                    ViciSection r = send("load-key", ViciSection.builder().add("type", k.keyType()).add("data", data)
                            .build(), "loading '" + f.path() + "'");
                    if (r != null) {
                        out.println("loaded " + k.directory() + " key from '" + f.path() + "'");
                        keys.remove(r.stringOr("id", ""));
                    }
                }
                java.util.Arrays.fill(data, (byte) 0);
            }
            listing.forEach(p -> failed("vici: " + p.format()));
            for (SecretConfig s : state.secrets()) {
                if (s instanceof TokenSecret t) {
                    ViciSection r = send("load-token", t.toRequest(), "loading '" + t.name() + "'");
                    if (r != null) {
                        out.println("loaded key " + t.name() + " from token [keyid: " + r.stringOr("id", "") + "]");
                        keys.remove(r.stringOr("id", ""));
                    }
                } else if (s instanceof SharedSecret sh) {
                    if (send("load-shared", sh.toRequest(), "loading shared secret") != null) {
                        out.println("loaded " + sh.type().wireName() + " secret '" + sh.name() + "'");
                        shared.remove(sh.name());
                    }
                }
            }
            for (String id : keys) {
                send("unload-key", ViciSection.builder().add("id", id).build(), "unloading key '" + id + "'");
            }
            for (String id : shared) {
                send("unload-shared", ViciSection.builder().add("id", id).build(), "unloading key '" + id + "'");
            }
            out.flush();
        }

        /** swanctl --load-authorities. @return whether every authority loaded */
        boolean loadAuthorities(DesiredState state) {
            Set<String> loaded = new LinkedHashSet<>(client().await(client().getAuthorities()).names());
            return loadAndUnloadTheRest(loaded, state.authorities(), AuthorityConfig::name,
                    AuthorityConfig::toLoadAuthorityRequest, "authority", "authority", "authorities");
        }

        /** swanctl --load-pools. @return whether every pool loaded */
        boolean loadPools(DesiredState state) {
            Set<String> loaded = new LinkedHashSet<>();
            for (Pool p : client().await(client().getPools())) {
                loaded.add(p.name());
            }
            return loadAndUnloadTheRest(loaded, state.pools(), PoolConfig::name, PoolConfig::toLoadPoolRequest, "pool",
                    "pool", "pools");
        }

        /** swanctl --load-conns: loads every connection and unloads the loaded ones the file does not have. */
        boolean loadConns(DesiredState state) {
            Set<String> loaded = new LinkedHashSet<>(client().await(client().getConns()).names());
            return loadAndUnloadTheRest(loaded, state.connections(), ConnectionConfig::name,
                    ConnectionConfig::toLoadConnRequest, "conn", "connection", "connections");
        }

        /**
         * What swanctl's load-conns, load-pools and load-authorities share: loads each item of the file with
         * {@code load-COMMAND}, then unloads with {@code unload-COMMAND} every name charon had ({@code loaded}) that
         * the file has not, and prints swanctl's summary.
         *
         * @return whether every item loaded
         */
        private <T> boolean loadAndUnloadTheRest(Set<String> loaded, List<T> items, Function<T, String> name,
                Function<T, ViciSection> request, String command, String kind, String kinds) {
            int ok = 0;
            for (T item : items) {
                String n = name.apply(item);
                loaded.remove(n);
                if (send("load-" + command, request.apply(item), "loading " + kind + " '" + n + "'") != null) {
                    out().println("loaded " + kind + " '" + n + "'");
                    ok++;
                }
            }
            int unloaded = 0;
            for (String n : loaded) {
                if (send("unload-" + command, ViciSection.builder().add("name", n).build(),
                        "unloading " + kind + " '" + n + "'") != null) {
                    unloaded++;
                }
            }
            return summary(ok, items.size(), unloaded, kinds);
        }

        private boolean summary(int ok, int found, int unloaded, String what) {
            if (found == 0) {
                out().println("no " + what + " found, " + unloaded + " unloaded");
            } else if (ok == found) {
                out().println("successfully loaded " + ok + " " + what + ", " + unloaded + " unloaded");
            } else {
                err().println("loaded " + ok + " of " + found + " " + what + ", " + (found - ok) + " failed to load, "
                        + unloaded + " unloaded");
            }
            out().flush();
            err().flush();
            return ok == found;
        }
    }

    /** {@code vici load-all}. */
    @Command(name = "load-all", description = {
        "Load credentials, authorities, pools and connections from a swanctl.conf, as swanctl --load-all:"
            + " what charon has and the file has not is unloaded (certificates stay).",
        "The whole file is checked first; an invalid file loads nothing (exit 2)."})
    public static final class LoadAll extends Loading {
        @Option(names = {"-c", "--clear"}, description = "Clear the loaded credentials first (clear-creds).")
        boolean clear;
        @Option(names = {"-n", "--noprompt"}, description = "Accepted for swanctl's sake: vici never prompts.")
        boolean noprompt;

        @Override
        protected int execute() {
            DesiredState s = read();
            loadCreds(s, clear);
            if (loadAuthorities(s) && loadPools(s)) {
                loadConns(s);
            }
            return result();
        }
    }

    /** {@code vici load-conns}. */
    @Command(name = "load-conns", description = {
        "Load the connections of a swanctl.conf, as swanctl --load-conns: connections charon has that the file"
            + " has not are unloaded."})
    public static final class LoadConns extends Loading {
        @Override
        protected int execute() {
            loadConns(read());
            return result();
        }
    }

    /** {@code vici load-creds}. */
    @Command(name = "load-creds", description = {
        "Load the certificates and keys of the credential directories beside a swanctl.conf (x509, x509ca,"
            + " x509ocsp, x509aa, x509ac, x509crl, pubkey, private, rsa, ecdsa, pkcs8), its tokens and shared"
            + " secrets, as swanctl --load-creds; keys and shared secrets not loaded now are unloaded.",
        "Encrypted keys and PKCS#12 containers are refused (decrypt or extract them first)."})
    public static final class LoadCreds extends Loading {
        @Option(names = {"-c", "--clear"}, description = "Clear the loaded credentials first (clear-creds).")
        boolean clear;
        @Option(names = {"-n", "--noprompt"}, description = "Accepted for swanctl's sake: vici never prompts.")
        boolean noprompt;

        @Override
        protected int execute() {
            loadCreds(read(), clear);
            return result();
        }
    }

    /** {@code vici load-pools}. */
    @Command(name = "load-pools", description = {
        "Load the pools of a swanctl.conf, as swanctl --load-pools; pools not in the file are unloaded."})
    public static final class LoadPools extends Loading {
        @Override
        protected int execute() {
            loadPools(read());
            return result();
        }
    }

    /** {@code vici load-authorities}. */
    @Command(name = "load-authorities", description = {
        "Load the authorities of a swanctl.conf, as swanctl --load-authorities; authorities not in the file are"
            + " unloaded."})
    public static final class LoadAuthorities extends Loading {
        @Override
        protected int execute() {
            loadAuthorities(read());
            return result();
        }
    }

    /** {@code vici flush-certs}. */
    @Command(name = "flush-certs", description = {"Flush the certificate cache (fetched CRLs, OCSP responses, ...),"
        + " as swanctl --flush-certs."})
    public static final class FlushCerts extends BaseCommand {
        @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
                description = "Only this type: x509, x509_ac, x509_crl, ocsp_response, pubkey.")
        String type;

        @Override
        protected int execute() {
            CertType t = null;
            if (type != null) {
                try {
                    t = CertType.valueOf(type.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCode.USAGE, "unknown certificate type '" + type
                            + "': use x509, x509_ac, x509_crl, ocsp_response or pubkey");
                }
            }
            client().await(client().flushCerts(t));
            return ExitCode.OK;
        }
    }

    /** {@code vici import}. */
    @Command(name = "import", description = {
        "Print the vici4j YAML equivalent to a swanctl.conf: every connection, child, pool, authority, shared"
            + " secret and token, and the keys of its key directories (by file name).",
        "What the YAML cannot hold is refused with file and line (exit 2). Secrets are never printed: with"
            + " --secrets-dir each is written to a file there (mode 0600) that the YAML refers to."})
    public static final class Import extends BaseCommand {
        @Parameters(index = "0", paramLabel = "SWANCTL.CONF", description = "The swanctl.conf to convert.")
        Path file;
        @Option(names = "--secrets-dir", paramLabel = "DIR", description = "Where to write secret values.")
        Path secretsDir;

        @Override
        protected int execute() {
            try {
                out().print(SwanctlConf.toYaml(file, secretsDir));
            } catch (ConfigValidationException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage(), e);
            } catch (IOException e) {
                throw new CliException(ExitCode.FAILED, "cannot write a secret file in " + secretsDir + ": "
                        + e.getMessage(), e);
            }
            return ExitCode.OK;
        }
    }
}
