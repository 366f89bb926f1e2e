package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;

/** vici import and validate on swanctl.conf files, in-process (the loading commands run against charon in SwanctlConfIT). */
class SwanctlCommandsTest {

    @TempDir
    Path dir;

    private Path conf(String text) throws Exception {
        Path f = dir.resolve("swanctl.conf");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void importPrintsYamlThatReadsAsTheSameStateWithSecretsInFilesOnly() throws Exception {
        Path conf = conf(SwanctlConfChecks.ROADWARRIOR);
        Path secrets = dir.resolve("secrets");
        Result r = CliRunner.run(null, "import", conf.toString(), "--secrets-dir", secrets.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("connections:", "pools:", "rw-range:", "eap-carol:", "file: " + secrets.resolve("eap-carol"))
                .doesNotContain("gw-psk-secret").doesNotContain("ZGF2ZS1wYXNz").doesNotContain("pass");
        assertThat(Files.getPosixFilePermissions(secrets.resolve("ike-gw")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path yaml = dir.resolve("imported.yaml");
        Files.writeString(yaml, r.out());
        DesiredState fromYaml = DesiredStateLoader.load(yaml);
        DesiredState fromConf = DesiredStateLoader.load(conf);
        assertThat(fromYaml).isEqualTo(fromConf);
        assertThat(fromYaml.secrets()).hasSize(3);
    }

    @Test
    void importWithoutASecretsDirectoryRefusesToPrintSecrets() throws Exception {
        Path conf = conf(SwanctlConfChecks.ROADWARRIOR);
        Result r = CliRunner.run(null, "import", conf.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":24:5: secrets.eap-carol: the file holds secrets, and vici never prints them")
                .contains("--secrets-dir");
        assertThat(r.out() + r.err()).doesNotContain("gw-psk-secret");
    }

    @Test
    void importRefusesWhatTheYamlCannotHoldWithFileAndLine() throws Exception {
        Path conf = conf("connections {\n  a {\n    remote_addrs = 192.0.2.2\n    local {\n      auth = psk\n"
                + "      bogus = 1\n    }\n  }\n}\n");
        Result r = CliRunner.run(null, "import", conf.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":6:7: connections.a.local.bogus:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void validateReadsASwanctlConfByItsName() throws Exception {
        Path conf = conf(SwanctlConfChecks.ROADWARRIOR);
        Result r = CliRunner.run(null, "validate", "-f", conf.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("connection rw: rw (ensure loaded)").contains("3 secrets, 3 pools, 0 authorities");
    }

    @Test
    void loadingCommandsCheckTheWholeFileBeforeContactingCharon() throws Exception {
        Path conf = conf("connections {\n  a {\n    remote_addrs = 192.0.2.2\n  }\n");
        Result r = CliRunner.run("unix:///nonexistent/charon.vici", "load-conns", "--file", conf.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":5:1: section 'connections' opened at line 1 is not closed");
    }

    @Test
    void flushCertsRefusesAnUnknownType() {
        Result r = CliRunner.run("unix:///nonexistent/charon.vici", "flush-certs", "--type", "bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown certificate type 'bogus'");
    }
}
