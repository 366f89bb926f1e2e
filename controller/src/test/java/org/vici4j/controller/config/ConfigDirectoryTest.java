package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory given as a file: its *.yaml and *.yml files as one desired state. */
class ConfigDirectoryTest {

    @TempDir
    Path dir;

    private static String conn(String name, String remote) {
        return "connections:\n  " + name + ": {remote_addrs: " + remote + "}\n";
    }

    @Test
    void readsTheYamlAndSwanctlConfFilesInNameOrderAndIgnoresEverythingElse() throws Exception {
        Files.writeString(dir.resolve("b.yml"), conn("two", "192.0.2.3"));
        Files.writeString(dir.resolve("a.yaml"), conn("one", "192.0.2.2"));
        Files.writeString(dir.resolve(".hidden.yaml"), conn("hidden", "192.0.2.9"));
        Files.writeString(dir.resolve(".a.yaml.swp"), "not yaml at all: [");
        Files.writeString(dir.resolve("a.yaml~"), "not yaml at all: [");
        Files.writeString(dir.resolve("#a.yaml#"), "not yaml at all: [");
        Files.writeString(dir.resolve("4913"), "");
        Files.writeString(dir.resolve("swanctl.conf"), "connections {\n  three {\n    remote_addrs = 192.0.2.4\n  }\n}\n");
        Files.writeString(dir.resolve("swanctl.conf.dpkg-old"), "not a settings file {");
        Files.createDirectories(dir.resolve("sub.yaml")).resolve("c.yaml");
        Files.writeString(dir.resolve("sub.yaml").resolve("c.yaml"), conn("nested", "192.0.2.8"));

        assertThat(ConfigDirectory.files(dir)).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yml"),
                dir.resolve("swanctl.conf"));
        DesiredState s = DesiredStateLoader.load(dir);
        assertThat(s.connections()).extracting(ConnectionConfig::name).containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void readsAConfigMapVolumeThroughItsDataLinkAndResolvesSecretFilesNextToTheKeys() throws Exception {
        // the kubelet's layout: DIR/key -> ..data/key, ..data -> ..2026_..., and hidden entries for its bookkeeping
        Path version = Files.createDirectories(dir.resolve("..2026_12_02_10_00_00.1001"));
        Files.writeString(version.resolve("gw.yaml"), conn("gw", "192.0.2.2")
                + "secrets:\n  ike-gw: {id: gw, secret: {file: gw.psk}}\n");
        Files.writeString(version.resolve("gw.psk"), "s3cret\n");
        Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
        Files.createSymbolicLink(dir.resolve("gw.yaml"), Path.of("..data/gw.yaml"));
        Files.createSymbolicLink(dir.resolve("gw.psk"), Path.of("..data/gw.psk"));

        assertThat(ConfigDirectory.files(dir)).containsExactly(dir.resolve("gw.yaml"));
        DesiredState s = DesiredStateLoader.load(dir);
        assertThat(s.connections()).extracting(ConnectionConfig::name).containsExactly("gw");
        assertThat(s.secrets()).extracting(SecretConfig::name).containsExactly("ike-gw");
    }

    @Test
    void aNameDeclaredInTwoFilesIsAnErrorNamingBoth() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), conn("net", "192.0.2.2"));
        Files.writeString(dir.resolve("b.yaml"), "# the same name\n" + conn("net", "192.0.2.3"));
        assertThatThrownBy(() -> DesiredStateLoader.load(dir))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::format).containsExactly(dir.resolve("b.yaml") + ":3:3:"
                                + " connections.net: duplicate name 'net', already declared at " + dir.resolve("a.yaml")
                                + ":2:3 (hint: names must be unique across all files; rename one or remove the"
                                + " duplicate)"));
    }

    @Test
    void aDirectoryAndAFileMerge() throws Exception {
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confD.resolve("a.yaml"), conn("one", "192.0.2.2"));
        Path main = Files.writeString(dir.resolve("main.yaml"), conn("two", "192.0.2.3"));
        assertThat(DesiredStateLoader.load(main, confD).connections()).extracting(ConnectionConfig::name)
                .containsExactly("two", "one");
    }

    @Test
    void aDirectoryWithoutConfigurationFilesIsAnErrorNotAnEmptyState() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "nothing here");
        assertThatThrownBy(() -> DesiredStateLoader.load(dir))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::format).containsExactly(dir + ": the directory holds no"
                                + " configuration file (*.yaml, *.yml or *.conf; names starting with a dot are ignored) (hint:"
                                + " put the desired state in files named NAME.yaml in it; if nothing is to be loaded,"
                                + " say so in one: 'connections: {}')"));
    }

    @Test
    void aProblemInOneFileOfTheDirectoryNamesThatFileAndLine() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), conn("one", "192.0.2.2"));
        Files.writeString(dir.resolve("b.yaml"), "connections:\n  two: {remote_adrs: 192.0.2.3}\n");
        assertThatThrownBy(() -> DesiredStateLoader.load(dir))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.file()).isEqualTo(dir.resolve("b.yaml").toString());
                            assertThat(p.line()).isEqualTo(2);
                        }));
    }
}
