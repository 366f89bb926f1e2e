package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vici4j.lab.CharonLab;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * vici's table output equals swanctl's, text for text, for the same charon state: a tunnel up (IKE_SA and
 * CHILD_SA), pass and drop policies, an IKEv1 road-warrior connection with rekeying by bytes, two pools. swanctl is
 * the one of the same strongSwan version (the host's 5.9; for 6.x the one in the strongSwan 6 root file system).
 * Only what changes from one second to the next is normalized (see {@link #normalize}; docs/cli.md lists it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SwanctlLayoutChecks {

    /** @return the lab ({@link SwanctlLayoutIT}: strongSwan 5.9, {@link SwanctlLayoutStrongSwan6IT}: 6.x) */
    abstract CharonLabExtension lab();

    Gateway a;

    @BeforeAll
    void bringUpATunnel() {
        a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        a.loadSwanctlConf(conf(a, b, true));
        b.loadSwanctlConf(conf(b, a, false));
        var up = a.swanctl("--initiate", "--child", "net", "--timeout", "30");
        assertThat(up.exitCode()).as(up.stdout() + up.stderr()).isZero();
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
        CliRunner.Result vici = CliRunner.run(null, viciArgs.toArray(String[]::new));
        assertThat(vici.exit()).as(vici.toString()).isZero();
        assertThat(normalize(command, vici.out())).as("vici " + command + " vs swanctl --" + command)
                .isEqualTo(normalize(command, swanctl));
        if (!command.equals("list-certs") && !command.equals("list-authorities")) {
            assertThat(vici.out()).as("something to compare").isNotBlank();
        }
    }

    private static final Pattern AGO = Pattern.compile("\\d+s ago");
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
            // the strongSwan 6 root file system's swanctl, run by its own loader and libraries (its plugins are not
            // needed for listings; it warns about the host's on stderr)
            Path root = Path.of(System.getProperty(CharonLab.STRONGSWAN6_ROOT_PROPERTY,
                    System.getenv().getOrDefault("VICI4J_STRONGSWAN6_ROOT", CharonLab.STRONGSWAN6_DEFAULT_ROOT)));
            Path loader = root.resolve("lib64/ld-linux-x86-64.so.2");
            assertThat(loader).as("strongSwan 6's loader (scripts/install-strongswan6.sh)").exists();
            cmd.addAll(List.of(loader.toString(), "--library-path", root.resolve("usr/lib/x86_64-linux-gnu") + ":"
                    + root.resolve("usr/lib/ipsec") + ":" + root.resolve("lib/x86_64-linux-gnu"),
                    root.resolve("usr/sbin/swanctl").toString()));
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
