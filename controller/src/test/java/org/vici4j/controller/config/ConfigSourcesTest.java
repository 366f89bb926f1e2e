package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a read touches: the same files the loader reads, found with its include rules. */
class ConfigSourcesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void aSwanctlConfNamesItsIncludedFilesNestedAndMissingOnesAndTheDirectoriesOfItsGlobs() throws IOException {
        Path conf = write("swanctl.conf", """
                connections {
                  include conf.d/*.conf
                }
                secrets {
                  include secrets/ike.secret
                }
                pools {
                  include pools.d/*.conf
                }
                """);
        write("conf.d/b.conf", "b { remote_addrs = 192.0.2.2 }\n");
        write("conf.d/a.conf", "a { remote_addrs = 192.0.2.1 }\ninclude nested/x.inc\n");
        write("conf.d/nested/x.inc", "x { remote_addrs = 192.0.2.3 }\n");
        write("conf.d/notes.txt", "not matched\n");
        write("conf.d/sub.conf/y.conf", "a directory named like a match is not read\n");

        ConfigSources s = ConfigSources.of(List.of(conf));

        Path d = dir.toAbsolutePath().normalize();
        assertThat(s.files()).containsExactly(d.resolve("swanctl.conf"), d.resolve("conf.d/a.conf"),
                d.resolve("conf.d/nested/x.inc"), d.resolve("conf.d/b.conf"), d.resolve("secrets/ike.secret"));
        assertThat(s.directories()).containsExactly(d.resolve("conf.d"), d.resolve("pools.d"));
        // the same as the loader reads: what it names is what it reads (x.inc is in conf.d/nested, as included)
        DesiredState state = DesiredStateLoader.builder().environment(n -> null).swanctlDirectoryCredentials(false)
                .build().loadAll(List.of(conf));
        assertThat(state.connections()).extracting(ConnectionConfig::name).containsExactlyInAnyOrder("a", "x", "b");
    }

    @Test
    void aDirectoryStandsForItsConfigurationFilesAndTheirIncludesAndAYamlFileForItself() throws IOException {
        write("etc/gw.yaml", "connections: {}\n# include x.conf\n");
        write("etc/site.conf", "connections {\n  include peers/*.conf\n}\n");
        write("etc/peers/p.conf", "p { remote_addrs = 192.0.2.1 }\n");
        write("etc/x.conf.bak", "ignored\n");

        ConfigSources s = ConfigSources.of(List.of(dir.resolve("etc")));

        Path etc = dir.resolve("etc").toAbsolutePath().normalize();
        assertThat(s.files()).containsExactly(etc.resolve("gw.yaml"), etc.resolve("site.conf"),
                etc.resolve("peers/p.conf"));
        assertThat(s.directories()).containsExactly(etc, etc.resolve("peers"));
    }

    @Test
    void aFileThatCannotBeReadOrDoesNotExistStandsForItselfOnly() throws IOException {
        Path missing = dir.resolve("none.conf");
        Path loop = write("loop.conf", "include loop.conf\n");

        assertThat(ConfigSources.of(List.of(missing)).files()).containsExactly(missing.toAbsolutePath().normalize());
        assertThat(ConfigSources.of(List.of(loop)).files()).containsExactly(loop.toAbsolutePath().normalize());
    }
}
