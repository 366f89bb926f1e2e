package org.vici4j.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.command.CertFlag;
import org.vici4j.client.command.CertType;
import org.vici4j.client.command.CommandResult;
import org.vici4j.client.command.LoadAuthorityRequest;
import org.vici4j.client.command.LoadCertRequest;
import org.vici4j.client.command.LoadConnRequest;
import org.vici4j.client.command.LoadKeyRequest;
import org.vici4j.client.command.LoadKeyResult;
import org.vici4j.client.command.LoadPoolRequest;
import org.vici4j.client.command.LoadSharedRequest;
import org.vici4j.client.command.Pool;
import org.vici4j.client.command.PrivateKeyType;
import org.vici4j.client.command.SharedKeyType;
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
import picocli.CommandLine.Mixin;
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

        /** The kinds of credentials in the report of -o json|yaml. */
        private static final String CERTS = "certs";
        private static final String KEYS = "keys";
        private static final String SHARED = "shared";

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "swanctl.conf to read; its directory holds the credential directories (x509/,"
                        + " x509ca/, private/, ...). Default: /etc/swanctl/swanctl.conf.")
        Path file = SwanctlConf.DEFAULT_FILE;

        private int failures;
        private final LoadReport report = new LoadReport();

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

        /** Prints the report with -o json|yaml. @return the exit code: 0, or 1 if anything failed */
        int result() {
            err().flush();
            if (format() != Format.TABLE) {
                printMessage(report.toMessage(), m -> { });
            }
            return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
        }

        /** Prints a line of the table output (swanctl's); JSON and YAML print the report at the end instead. */
        private void say(String line) {
            if (format() == Format.TABLE) {
                out().println(line);
            }
        }

        private void failed(String kind, String name, String line, String reason) {
            failures++;
            report.failed(kind, name, reason);
            err().println(line + reason);
            err().flush();
        }

        /**
         * Sends a typed request; a failure is printed as {@code what failed: errmsg} and reported under
         * {@code kind} and {@code name}.
         *
         * @return charon's answer, or null if it said no
         */
        private <R> R send(Supplier<CompletableFuture<R>> call, String kind, String name, String what) {
            try {
                return await(call.get());
            } catch (CommandFailedException e) {
                failed(kind, name, what + " failed: ", e.errmsg().isEmpty() ? "charon said no" : e.errmsg());
                return null;
            } catch (IllegalArgumentException e) {
                // a request vici-client refuses to send (e.g. an empty or oversized file): this item fails
                failed(kind, name, what + " failed: ", e.getMessage());
                return null;
            }
        }

        /** swanctl --load-creds: certificates and keys of the directories, tokens, shared secrets; unloads the rest. */
        void loadCreds(DesiredState state, boolean clear) {
            ViciCommands charon = commands();
            if (clear) {
                await(charon.clearCreds());
            }
            Set<String> keys = new LinkedHashSet<>(await(charon.getKeys()).names());
            Set<String> shared = new LinkedHashSet<>(await(charon.getShared()).names());
            List.of(CERTS, KEYS, SHARED).forEach(report::kind);
            Path dir = file.toAbsolutePath().getParent();
            List<ConfigProblem> listing = new ArrayList<>();
            for (CredentialFile f : CredentialFile.list(dir, listing)) {
                String path = f.path().toString();
                CredentialFile.Kind k = f.kind();
                String kind = k.isKey() ? KEYS : CERTS;
                byte[] data;
                try {
                    data = f.read();
                } catch (CredentialFile.ReadFailed e) {
                    failed(kind, path, "loading '" + path + "' failed: ", e.getMessage());
                    continue;
                }
                if (!k.isKey()) {
                    CertFlag flag = k.flag() == null ? null : CertFlag.valueOf(k.flag());
                    if (send(() -> charon.loadCert(new LoadCertRequest(CertType.valueOf(k.certType()), flag, data)),
                            kind, path, "loading '" + path + "'") != null) {
                        say("loaded certificate from '" + path + "'");
                        report.loaded(kind, path);
                    }
                } else if (k == CredentialFile.Kind.PKCS12) {
                    failed(kind, path, "loading '" + path + "' failed: ", "PKCS#12 containers are not supported by vici"
                            + " (hint: extract the key and certificates with openssl pkcs12 -nodes into private/ and x509/)");
                } else if (CredentialFile.isEncryptedPem(data)) {
                    failed(kind, path, "loading '" + path + "' failed: ", "the private key is encrypted, and vici does"
                            + " not decrypt keys (hint: store it decrypted with restrictive permissions: openssl pkey -in F"
                            + " -out F)");
                } else {
                    PrivateKeyType type = PrivateKeyType.valueOf(k.keyType().toUpperCase(Locale.ROOT));
                    LoadKeyResult r = send(() -> charon.loadKey(new LoadKeyRequest(type, data)), kind, path,
                            "loading '" + path + "'");
                    if (r != null) {
                        say("loaded " + k.directory() + " key from '" + path + "'");
                        report.loaded(kind, path);
                        keys.remove(r.id());
                    }
                }
                java.util.Arrays.fill(data, (byte) 0);
            }
            listing.forEach(p -> failed(CERTS, java.util.Objects.toString(p.file(), dir.toString()), "vici: ",
                    p.format()));
            for (SecretConfig s : state.secrets()) {
                if (s instanceof TokenSecret t) {
                    LoadKeyResult r = send(() -> charon.loadToken(t.toLoadToken()), KEYS, t.name(),
                            "loading '" + t.name() + "'");
                    if (r != null) {
                        say("loaded key " + t.name() + " from token [keyid: " + r.id() + "]");
                        report.loaded(KEYS, t.name());
                        keys.remove(r.id());
                    }
                } else if (s instanceof SharedSecret sh) {
                    SharedKeyType type = SharedKeyType.valueOf(sh.type().name());
                    if (send(() -> charon.loadShared(new LoadSharedRequest(sh.name(), type, sh.data().bytes(),
                            sh.owners())), SHARED, sh.name(), "loading shared secret") != null) {
                        say("loaded " + sh.type().wireName() + " secret '" + sh.name() + "'");
                        report.loaded(SHARED, sh.name());
                        shared.remove(sh.name());
                    }
                }
            }
            for (String id : keys) {
                if (send(() -> charon.unloadKey(id), KEYS, id, "unloading key '" + id + "'") != null) {
                    report.unloaded(KEYS, id);
                }
            }
            for (String id : shared) {
                if (send(() -> charon.unloadShared(id), SHARED, id, "unloading key '" + id + "'") != null) {
                    report.unloaded(SHARED, id);
                }
            }
            out().flush();
        }

        /** swanctl --load-authorities. @return whether every authority loaded */
        boolean loadAuthorities(DesiredState state) {
            ViciCommands charon = commands();
            Set<String> loaded = new LinkedHashSet<>(await(charon.getAuthorities()).names());
            return loadAndUnloadTheRest(loaded, state.authorities(), AuthorityConfig::name,
                    a -> charon.loadAuthority(new LoadAuthorityRequest(a.name(), section(a.toLoadAuthorityRequest(),
                            a.name()))), charon::unloadAuthority, "authority", "authorities");
        }

        /** swanctl --load-pools. @return whether every pool loaded */
        boolean loadPools(DesiredState state) {
            ViciCommands charon = commands();
            Set<String> loaded = new LinkedHashSet<>();
            for (Pool p : await(charon.getPools())) {
                loaded.add(p.name());
            }
            return loadAndUnloadTheRest(loaded, state.pools(), PoolConfig::name,
                    p -> charon.loadPool(new LoadPoolRequest(p.name(), section(p.toLoadPoolRequest(), p.name()))),
                    charon::unloadPool, "pool", "pools");
        }

        /** swanctl --load-conns: loads every connection and unloads the loaded ones the file does not have. */
        boolean loadConns(DesiredState state) {
            ViciCommands charon = commands();
            Set<String> loaded = new LinkedHashSet<>(await(charon.getConns()).names());
            return loadAndUnloadTheRest(loaded, state.connections(), ConnectionConfig::name,
                    c -> charon.loadConn(new LoadConnRequest(c.name(), section(c.toLoadConnRequest(), c.name()))),
                    charon::unloadConn, "connection", "connections");
        }

        /** @return the section {@code name} of a load request {@code { name = { ... } }} */
        private static ViciSection section(ViciSection request, String name) {
            return request.section(name).orElseThrow(() -> new IllegalStateException("no section " + name));
        }

        /**
         * What swanctl's load-conns, load-pools and load-authorities share: loads each item of the file with
         * {@code load}, then unloads with {@code unload} every name charon had ({@code loaded}) that the file has
         * not, and prints swanctl's summary. The report lists them under {@code kinds} ("connections", ...).
         *
         * @return whether every item loaded
         */
        private <T> boolean loadAndUnloadTheRest(Set<String> loaded, List<T> items, Function<T, String> name,
                Function<T, CompletableFuture<CommandResult>> load, Function<String, CompletableFuture<CommandResult>> unload,
                String kind, String kinds) {
            report.kind(kinds);
            int ok = 0;
            for (T item : items) {
                String n = name.apply(item);
                loaded.remove(n);
                if (send(() -> load.apply(item), kinds, n, "loading " + kind + " '" + n + "'") != null) {
                    say("loaded " + kind + " '" + n + "'");
                    report.loaded(kinds, n);
                    ok++;
                }
            }
            int unloaded = 0;
            for (String n : loaded) {
                if (send(() -> unload.apply(n), kinds, n, "unloading " + kind + " '" + n + "'") != null) {
                    report.unloaded(kinds, n);
                    unloaded++;
                }
            }
            return summary(ok, items.size(), unloaded, kinds);
        }

        private boolean summary(int ok, int found, int unloaded, String what) {
            if (found == 0) {
                say("no " + what + " found, " + unloaded + " unloaded");
            } else if (ok == found) {
                say("successfully loaded " + ok + " " + what + ", " + unloaded + " unloaded");
            } else {
                err().println("loaded " + ok + " of " + found + " " + what + ", " + (found - ok) + " failed to load, "
                        + unloaded + " unloaded");
            }
            out().flush();
            err().flush();
            return ok == found;
        }
    }

    /** The options of load-all and load-creds, as swanctl's. */
    static final class CredentialOptions {
        @Option(names = {"-c", "--clear"}, description = "Clear the loaded credentials first (clear-creds).")
        boolean clear;
        @Option(names = {"-n", "--noprompt"}, description = "Accepted for swanctl's sake: vici never prompts.")
        boolean noprompt;
    }

    /** {@code vici load-all}. */
    @Command(name = "load-all", description = {
        "Load credentials, authorities, pools and connections from a swanctl.conf, as swanctl --load-all:"
            + " what charon has and the file has not is unloaded (certificates stay).",
        "The whole file is checked first; an invalid file loads nothing (exit 2)."})
    public static final class LoadAll extends Loading {
        @Mixin
        CredentialOptions credentials;

        @Override
        protected int execute() {
            DesiredState s = read();
            loadCreds(s, credentials.clear);
            if (loadAuthorities(s) && loadPools(s)) {
                loadConns(s);
            }
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
        @Mixin
        CredentialOptions credentials;

        @Override
        protected int execute() {
            loadCreds(read(), credentials.clear);
            return result();
        }
    }

    /**
     * The commands that load one kind of the file, each named after what it loads: load-conns, load-pools and
     * load-authorities.
     */
    abstract static class LoadingOneKind extends Loading {
        @Override
        protected final int execute() {
            DesiredState s = read();
            switch (spec.name()) {
                case "load-conns" -> loadConns(s);
                case "load-pools" -> loadPools(s);
                case "load-authorities" -> loadAuthorities(s);
                default -> throw new IllegalStateException("no loader for command " + spec.name());
            }
            return result();
        }
    }

    /** {@code vici load-conns}. */
    @Command(name = "load-conns", description = {
        "Load the connections of a swanctl.conf, as swanctl --load-conns: connections charon has that the file"
            + " has not are unloaded."})
    public static final class LoadConns extends LoadingOneKind {
    }

    /** {@code vici load-pools}. */
    @Command(name = "load-pools", description = {
        "Load the pools of a swanctl.conf, as swanctl --load-pools; pools not in the file are unloaded."})
    public static final class LoadPools extends LoadingOneKind {
    }

    /** {@code vici load-authorities}. */
    @Command(name = "load-authorities", description = {
        "Load the authorities of a swanctl.conf, as swanctl --load-authorities; authorities not in the file are"
            + " unloaded."})
    public static final class LoadAuthorities extends LoadingOneKind {
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
            await(commands().flushCerts(t));
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
