package org.vici4j.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/systemd/vici4j-controller.service: accepted by systemd's own checker ({@code systemd-analyze verify},
 * which works without systemd running as PID 1), scored by {@code systemd-analyze security} (its sandbox), and
 * saying what the host set-up in docs/operations.md relies on.
 */
class SystemdUnitTest {

    static final Path UNIT = Path.of("systemd", "vici4j-controller.service");
    /** Where docs/operations.md has the release archive unpacked. */
    static final String PREFIX = "/opt/vici4j/";

    @TempDir
    Path tmp;

    record Result(int exit, String out) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail(command[0] + " cannot be run (" + e.getMessage() + "): install systemd's tools"
                    + " (Debian: apt-get install systemd; scripts/install-deps.sh does it)");
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail(String.join(" ", command) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** @return section.key to the values of every assignment, in order */
    static Map<String, List<String>> parse(String unit) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        String section = "";
        for (String line : unit.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[")) {
                section = l.substring(1, l.indexOf(']'));
                continue;
            }
            int eq = l.indexOf('=');
            m.computeIfAbsent(section + "." + l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        return m;
    }

    /**
     * The unit with the install prefix replaced by this checkout (systemd-analyze checks that ExecStart's program
     * exists and is executable: here bin/vici of the checkout, which the archive holds as bin/vici too).
     */
    private Path unitForThisCheckout() throws IOException {
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        assertThat(checkout.resolve("bin/vici")).isExecutable();
        String text = Files.readString(UNIT).replace(PREFIX, checkout + "/");
        return Files.writeString(tmp.resolve(UNIT.getFileName()), text);
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnitWithoutAWord() throws Exception {
        Result r = run("systemd-analyze", "verify", unitForThisCheckout().toString());
        assertThat(r.out()).as("systemd-analyze verify's warnings").isEmpty();
        assertThat(r.exit()).as(r.out()).isZero();
    }

    @Test
    void systemdAnalyzeVerifyRejectsABrokenUnit() throws Exception {
        // the check itself can fail: a misspelt key and a missing program are reported
        Path broken = Files.writeString(tmp.resolve("broken.service"), Files.readString(unitForThisCheckout())
                .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes")
                .replace("ExecReload=/bin/kill", "ExecReload=/nonexistent/kill"));
        Result r = run("systemd-analyze", "verify", broken.toString());
        assertThat(r.out()).contains("Unknown key 'NoNewPrivilege'").contains("/nonexistent/kill");
    }

    @Test
    void theSandboxScoresAsHardenedBySystemdAnalyzeSecurity() throws Exception {
        // exposure 0.0 (locked down) to 10.0 (none); 2.0 "OK" is where it stands (JIT needs W+X memory, root for the
        // socket); a dropped protection pushes it above 2.5 and fails
        Result r = run("systemd-analyze", "security", "--offline=true", "--threshold=25",
                unitForThisCheckout().toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("Overall exposure level for vici4j-controller.service: [0-2]\\.\\d");
    }

    @Test
    void theUnitRunsTheControllerOnADirectoryAfterCharonRestartsOnFailureAndReloadsOnSighup() throws Exception {
        Map<String, List<String>> u = parse(Files.readString(UNIT));
        assertThat(u.get("Unit.After").get(0).split(" ")).contains("strongswan.service");
        assertThat(u.get("Service.Type")).containsExactly("simple");
        assertThat(u.get("Service.ExecStart")).singleElement().asString()
                .startsWith(PREFIX + "bin/vici controller -f /etc/vici4j/conf.d ")
                .contains("--status-file /var/lib/vici4j/status.json");
        assertThat(u.get("Service.ExecReload")).containsExactly("/bin/kill -HUP $MAINPID");
        assertThat(u.get("Service.Restart")).containsExactly("on-failure");
        assertThat(u.get("Service.StateDirectory")).containsExactly("vici4j");
        assertThat(u.get("Service.ConfigurationDirectory")).containsExactly("vici4j");
        assertThat(u.get("Service.ProtectSystem")).containsExactly("strict");
        assertThat(u.get("Service.NoNewPrivileges")).containsExactly("yes");
        assertThat(u.get("Service.CapabilityBoundingSet")).containsExactly("");
        assertThat(u.get("Service.RestrictAddressFamilies").get(0).split(" ")).contains("AF_UNIX");
        assertThat(u).doesNotContainKey("Service.MemoryDenyWriteExecute"); // would kill the JIT
        assertThat(u.get("Install.WantedBy")).containsExactly("multi-user.target");
    }
}
