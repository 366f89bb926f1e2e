package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vici4j.lab.CharonLab;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * vici's table output equals swanctl's, text for text, for the same charon state: a tunnel up (IKE_SA and
 * CHILD_SA), pass and drop policies, an IKEv1 road-warrior connection with rekeying by bytes, two pools, four
 * certificates made by openssl (an RSA root CA with keyUsage, an ECDSA CA without keyUsage but with a path length,
 * an intermediate CA with name constraints and policies,
 * an end-entity certificate with altNames of five kinds, extended key usages, CRL and OCSP URIs, a serial with its
 * top bit set and its private key loaded) and an authority with CRL and OCSP URIs. swanctl is the one of the same
 * strongSwan version (the host's 5.9; for 6.x the one in the strongSwan 6 root file system, chrooted there).
 * Only what changes from one second to the next is normalized (see {@link #normalize}; docs/cli.md lists it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SwanctlLayoutChecks {

    /** @return the lab ({@link SwanctlLayoutIT}: strongSwan 5.9, {@link SwanctlLayoutStrongSwan6IT}: 6.x) */
    abstract CharonLabExtension lab();

    Gateway a;
    private Path dir;

    @BeforeAll
    void bringUpATunnel() throws Exception {
        a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        dir = Files.createTempDirectory("swanctl-layout");
        makeCertificates(dir);
        Files.writeString(dir.resolve("swanctl.conf"), conf(a, b, true) + AUTHORITY);
        var loaded = a.swanctl("--load-all", "--noprompt", "--file", dir.resolve("swanctl.conf").toString());
        assertThat(loaded.succeeded()).as(loaded.output()).isTrue();
        assertThat(loaded.output()).contains("loaded private key", "loaded authority 'lab-root'");
        b.loadSwanctlConf(conf(b, a, false));
        var up = a.swanctl("--initiate", "--child", "net", "--timeout", "30");
        assertThat(up.exitCode()).as(up.stdout() + up.stderr()).isZero();
    }

    @AfterAll
    void removeCertificates() throws IOException {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** An authority with two CRL and two OCSP URIs and a certificate URI base, its CA certificate from x509ca/. */
    static final String AUTHORITY = """
            authorities {
              lab-root {
                cacert = rootCa.pem
                crl_uris = http://crl.example/root.crl, http://crl2.example/root.crl
                ocsp_uris = http://ocsp.example/, http://ocsp2.example/
                cert_uri_base = http://certs.example/
              }
            }
            """;

    /** The end-entity certificate's extensions. */
    static final String MOON_EXTENSIONS = """
            subjectAltName=DNS:moon.example,IP:192.0.2.1,IP:2001:db8::1,email:moon@example.org,URI:https://moon.example/
            extendedKeyUsage=serverAuth,clientAuth,1.3.6.1.5.5.8.2.2
            crlDistributionPoints=URI:http://crl.example/root.crl,URI:ldap://ldap.example/cn=root
            authorityInfoAccess=OCSP;URI:http://ocsp.example/,OCSP;URI:http://ocsp2.example/
            keyUsage=digitalSignature,keyEncipherment
            """;

    /**
     * An intermediate CA's extensions: name constraints, policies with a CPS, a mapping and constraints (these in
     * constructed [0]/[1] tags, the form strongSwan reads, and non-critical: Java's X.509 parser refuses that form,
     * tolerated in a non-critical extension only; openssl's own policyConstraints strongSwan passes over).
     */
    static final String SUB_CA_EXTENSIONS = """
            basicConstraints=critical,CA:TRUE,pathlen:0
            keyUsage=critical,keyCertSign,cRLSign
            certificatePolicies=1.3.6.1.4.1.36906.1.1,@pol
            policyMappings=1.3.6.1.4.1.36906.1.1:1.3.6.1.4.1.36906.1.2
            inhibitAnyPolicy=2
            2.5.29.36=DER:30:0a:a0:03:02:01:01:a1:03:02:01:03
            nameConstraints=permitted;DNS:.example,permitted;email:example.org,permitted;dirName:dir,excluded;DNS:bad.example
            [pol]
            policyIdentifier=1.3.6.1.4.1.36906.1.3
            CPS.1=http://cps.example/
            [dir]
            C=CH
            O=vici4j Lab
            """;

    /** Writes the certificates into swanctl's credential directories under {@code dir} (openssl, at test time). */
    static void makeCertificates(Path dir) throws Exception {
        for (String d : List.of("x509", "x509ca", "private")) {
            Files.createDirectories(dir.resolve(d));
        }
        String rootKey = dir.resolve("rootCa.key").toString();
        String rootCert = dir.resolve("x509ca/rootCa.pem").toString();
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
                "-subj", "/C=CH/O=vici4j Lab/CN=Lab Root CA", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", rootKey, "-out", rootCert);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "365",
                "-subj", "/C=CH/O=vici4j Lab/CN=Lab EC CA", "-addext", "basicConstraints=critical,CA:TRUE,pathlen:1",
                "-keyout", dir.resolve("ecCa.key").toString(), "-out", dir.resolve("x509ca/ecCa.pem").toString());
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("private/moon.key").toString(),
                "-subj", "/C=CH/O=vici4j Lab/OU=Gateways/CN=moon.example", "-out", dir.resolve("moon.csr").toString());
        Files.writeString(dir.resolve("moon.ext"), MOON_EXTENSIONS);
        openssl("x509", "-req", "-in", dir.resolve("moon.csr").toString(), "-CA", rootCert, "-CAkey", rootKey,
                "-set_serial", "0x80ab12", "-days", "30", "-extfile", dir.resolve("moon.ext").toString(),
                "-out", dir.resolve("x509/moon.pem").toString());
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes",
                "-keyout", dir.resolve("subCa.key").toString(), "-subj", "/C=CH/O=vici4j Lab/CN=Lab Sub CA",
                "-out", dir.resolve("subCa.csr").toString());
        Files.writeString(dir.resolve("subCa.ext"), SUB_CA_EXTENSIONS);
        openssl("x509", "-req", "-in", dir.resolve("subCa.csr").toString(), "-CA", rootCert, "-CAkey", rootKey,
                "-set_serial", "7", "-days", "60", "-extfile", dir.resolve("subCa.ext").toString(),
                "-out", dir.resolve("x509ca/subCa.pem").toString());
        // Each certificate is valid for a whole number of days from the second it was made, and both printers
        // floor the time left to whole days: within that second it reads N days, from the next one N-1. Let that
        // second pass, so that swanctl and vici (run one after the other) read the same N-1 whatever the timing.
        Thread.sleep(1100);
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("openssl " + String.join(" ", args) + ": " + out).isZero();
    }

    /** swanctl.conf of one side: the tunnel; on the first side also pass/drop children, a road warrior and pools. */
    static String conf(Gateway local, Gateway remote, boolean extras) {
        StringBuilder c = new StringBuilder("connections {\n  net {\n")
                .append("    local_addrs = ").append(local.address()).append('\n')
                .append("    remote_addrs = ").append(remote.address()).append('\n')
                .append("    local {\n      auth = psk\n      id = ").append(local.name()).append("\n    }\n")
                .append("    remote {\n      auth = psk\n      id = ").append(remote.name()).append("\n    }\n")
                .append("    children {\n      net {\n        local_ts = ").append(local.subnet())
                .append("\n        remote_ts = ").append(remote.subnet())
                .append("\n        esp_proposals = aes128gcm16\n      }\n");
        if (extras) {
            c.append("      bypass {\n        local_ts = 198.18.0.0/24\n        remote_ts = 198.18.0.0/24\n"
                    + "        mode = pass\n        start_action = trap\n      }\n"
                    + "      block {\n        local_ts = 198.18.1.0/24\n        remote_ts = 10.9.0.0/16\n"
                    + "        mode = drop\n        start_action = trap\n      }\n");
        }
        c.append("    }\n  }\n");
        if (extras) {
            c.append("  rw {\n    local_addrs = ").append(local.address()).append('\n')
                    .append("    pools = pool-a\n    version = 1\n    rekey_time = 2h\n    dpd_delay = 30s\n")
                    .append("    local {\n      auth = psk\n      id = ").append(local.name()).append("\n    }\n")
                    .append("    remote {\n      auth = psk\n    }\n")
                    .append("    children {\n      rw {\n        local_ts = 0.0.0.0/0\n        rekey_time = 0\n")
                    .append("        rekey_bytes = 1000000\n        dpd_action = clear\n      }\n    }\n  }\n");
        }
        c.append("}\n");
        if (extras) {
            c.append("pools {\n  pool-a {\n    addrs = 10.3.0.0/24\n  }\n  pool-b {\n    addrs = 10.4.0.10-10.4.0.20\n  }\n}\n");
        }
        c.append("secrets {\n  ike-net {\n    id-1 = ").append(local.name()).append("\n    id-2 = ")
                .append(remote.name()).append("\n    secret = \"layout-test-psk\"\n  }\n}\n");
        return c.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"list-sas", "list-conns", "list-pols", "list-certs", "list-authorities", "list-pools",
        "list-algs", "stats"})
    void tableEqualsSwanctls(String command) throws Exception {
        List<String> extra = command.equals("list-pools") ? List.of("--leases") : List.of();
        List<String> swanctlArgs = new ArrayList<>(List.of("--" + command));
        swanctlArgs.addAll(extra);
        String swanctl = swanctl(swanctlArgs);
        List<String> viciArgs = new ArrayList<>(List.of("--uri", a.viciUri(), command));
        viciArgs.addAll(extra);
        CliRunner.Result vici = CliRunner.runNow(viciArgs.toArray(String[]::new));
        assertThat(vici.exit()).as(vici.toString()).isZero();
        assertThat(normalize(command, vici.out())).as("vici " + command + " vs swanctl --" + command)
                .isEqualTo(normalize(command, swanctl));
        assertThat(vici.out()).as("something to compare").isNotBlank();
        if (command.equals("list-certs")) {
            assertThat(vici.out()).contains("List of X.509 End Entity Certificates", "List of X.509 CA Certificates",
                    "\"C=CH, O=vici4j Lab, OU=Gateways, CN=moon.example\"", "has private key", "serial:    80:ab:12",
                    "  permitted nameConstraints:\n", "             CPS: http://cps.example/\n",
                    "           requireExplicitPolicy: 1\n");
        }
        if (command.equals("list-authorities")) {
            assertThat(vici.out()).contains("lab-root:", "cacert: C=CH, O=vici4j Lab, CN=Lab Root CA");
        }
    }

    /**
     * {@code bin/vici list-sas} as a user runs it (a process: the quick path, without picocli) prints swanctl's
     * table, and its JSON is the command line's (in-process, through picocli and Jackson).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "-o json", "--ike net"})
    void theLaunchersListSasEqualsSwanctlsAndTheCommandLines(String options) throws Exception {
        List<String> opts = options.isEmpty() ? List.of() : List.of(options.split(" "));
        List<String> viciArgs = new ArrayList<>(List.of("--uri", a.viciUri(), "list-sas"));
        viciArgs.addAll(opts);
        org.vici4j.cli.testing.ViciProcess.Result process = org.vici4j.cli.testing.ViciProcess.run(
                viciArgs.toArray(String[]::new));
        assertThat(process.exit()).as(process.toString()).isZero();
        assertThat(process.out()).as("something to compare").isNotBlank();
        assertThat(process.err()).isEmpty();
        CliRunner.Result inProcess = CliRunner.runNow(viciArgs.toArray(String[]::new));
        assertThat(JSON_TIMES.matcher(normalize("list-sas", process.out())).replaceAll("\"$1\": \"N\""))
                .isEqualTo(JSON_TIMES.matcher(normalize("list-sas", inProcess.out())).replaceAll("\"$1\": \"N\""));
        if (!options.equals("-o json")) {
            List<String> swanctlArgs = new ArrayList<>(List.of("--list-sas"));
            swanctlArgs.addAll(opts);
            assertThat(normalize("list-sas", process.out())).as("bin/vici list-sas " + options)
                    .isEqualTo(normalize("list-sas", swanctl(swanctlArgs)));
        }
    }

    /** list-certs' options: --short leaves details out, --utc prints UTC times, --flag filters (in charon). */
    @ParameterizedTest
    @ValueSource(strings = {"--short --utc", "--flag CA", "--type X509 --flag NONE --utc"})
    void certificateListingOptionsEqualSwanctls(String options) throws Exception {
        List<String> opts = List.of(options.split(" "));
        List<String> swanctlArgs = new ArrayList<>(List.of("--list-certs"));
        swanctlArgs.addAll(opts);
        String swanctl = swanctl(swanctlArgs);
        List<String> viciArgs = new ArrayList<>(List.of("--uri", a.viciUri(), "list-certs"));
        viciArgs.addAll(opts);
        CliRunner.Result vici = CliRunner.runNow(viciArgs.toArray(String[]::new));
        assertThat(vici.exit()).as(vici.toString()).isZero();
        assertThat(vici.out()).as("vici list-certs " + options + " vs swanctl --list-certs " + options)
                .isEqualTo(swanctl).isNotBlank();
    }

    private static final Pattern AGO = Pattern.compile("\\d+s ago");
    private static final Pattern JSON_TIMES = Pattern.compile("\"(established|rekey-time|reauth-time|life-time"
            + "|install-time|(bytes|packets|use)-(in|out))\": \"\\d+\"");
    private static final Pattern IN = Pattern.compile("(rekeying|reauth|expires) in \\d+s");
    private static final Pattern COUNTERS = Pattern.compile(" +\\d+ (bytes|packets)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /**
     * Replaces what changes between two listings a moment apart: list-sas' ages, remaining times and traffic
     * counters; in stats the uptime, the workers' and scheduler's counts and the allocator's figures (the IKE_SA
     * counts, job queues and plugins stay). Nothing else.
     */
    static String normalize(String command, String text) {
        if (command.equals("list-sas")) {
            String t = AGO.matcher(text).replaceAll("Ns ago");
            t = IN.matcher(t).replaceAll("$1 in Ns");
            return COUNTERS.matcher(t).replaceAll(" N $1");
        }
        if (command.equals("stats")) {
            StringBuilder sb = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                boolean volatileLine = line.startsWith("uptime:") || line.startsWith("worker threads:")
                        || line.startsWith("jobs scheduled:") || line.startsWith("mallinfo:")
                        || line.startsWith("memory usage:");
                sb.append(volatileLine ? DIGITS.matcher(line).replaceAll("N") : line).append('\n');
            }
            return sb.toString();
        }
        return text;
    }

    /** Runs the swanctl of the lab's strongSwan version against gateway a; returns its stdout. */
    String swanctl(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (lab().runsStrongSwan6()) {
            // the strongSwan 6 root file system's swanctl, chrooted there with its own libraries and plugins (it
            // parses certificates with them), in a mount namespace of its own where the gateway's directory with
            // the vici socket is bound at the same path (as the lab does for charon)
            Path root = Path.of(System.getProperty(CharonLab.STRONGSWAN6_ROOT_PROPERTY,
                    System.getenv().getOrDefault("VICI4J_STRONGSWAN6_ROOT", CharonLab.STRONGSWAN6_DEFAULT_ROOT)));
            assertThat(root.resolve("usr/sbin/swanctl")).as("strongSwan 6's swanctl (scripts/install-strongswan6.sh)")
                    .exists();
            cmd.addAll(List.of("unshare", "--mount", "sh", "-c", "r=$1 l=$2; shift 2; mkdir -p \"$r$l\" && "
                    + "mount --bind \"$l\" \"$r$l\" && exec chroot \"$r\" /usr/sbin/swanctl \"$@\"", "sh",
                    root.toString(), a.socketPath().getParent().toString()));
        } else {
            cmd.add(System.getenv().getOrDefault("VICI4J_SWANCTL", "swanctl"));
        }
        cmd.addAll(args);
        cmd.addAll(List.of("--uri", a.viciUri()));
        Path err = Files.createTempFile("vici4j-swanctl", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("swanctl finished").isTrue();
            assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + Files.readString(err)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
