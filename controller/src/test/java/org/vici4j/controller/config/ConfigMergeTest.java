package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several files merge into one state; a name declared twice is an error naming both places. */
class ConfigMergeTest {

    @TempDir
    Path dir;

    @Test
    void filesMergeInOrder() throws Exception {
        Path a = Files.writeString(dir.resolve("a.yaml"), """
                connections:
                  one: {remote_addrs: 192.0.2.2}
                secrets:
                  ike-one: {secret: x}
                """);
        Path b = Files.writeString(dir.resolve("b.yaml"), """
                connections:
                  two: {remote_addrs: 192.0.2.3}
                pools:
                  p: {addrs: 10.3.0.0/24}
                controller:
                  owner: merged
                """);
        DesiredState s = DesiredStateLoader.load(a, b);
        assertThat(s.connections()).extracting(ConnectionConfig::name).containsExactly("one", "two");
        assertThat(s.secrets()).extracting(SecretConfig::name).containsExactly("ike-one");
        assertThat(s.pools()).extracting(PoolConfig::name).containsExactly("p");
        assertThat(s.controller().owner()).isEqualTo("merged");
    }

    @Test
    void duplicateNamesAcrossFilesAreErrors() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", "connections:\n  net: {remote_addrs: 192.0.2.2}\nsecrets:\n  ike-x: {secret: a}\n");
        files.put("b.yaml", "\nconnections:\n  net: {remote_addrs: 192.0.2.3}\nsecrets:\n  ike-x: {secret: b}\n");
        assertThatThrownBy(() -> DesiredStateLoader.builder().build().parseTexts(files))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::format).containsExactly(
                            "b.yaml:3:3: connections.net: duplicate name 'net', already declared at a.yaml:2:3"
                                    + " (hint: names must be unique across all files; rename one or remove the duplicate)",
                            "b.yaml:5:3: secrets.ike-x: duplicate name 'ike-x', already declared at a.yaml:4:3"
                                    + " (hint: names must be unique across all files; rename one or remove the duplicate)");
                    assertThat(e.getMessage()).doesNotContain("{secret").doesNotContain(": a}");
                });
    }

    @Test
    void controllerSectionInTwoFilesIsAnError() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", "controller: {owner: a}\n");
        files.put("b.yaml", "controller: {owner: b}\n");
        assertThatThrownBy(() -> DesiredStateLoader.builder().build().parseTexts(files))
                .hasMessageContaining("b.yaml:1:1: controller: controller settings declared twice, first at a.yaml:1:1");
    }

    @Test
    void oneInvalidFileRejectsEverything() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), "connections:\n  one: {remote_addrs: 192.0.2.2}\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "connections:\n  two: {remote_addrs: 192.0.2.300}\n");
        assertThatThrownBy(() -> DesiredStateLoader.load(good, bad))
                .isInstanceOfSatisfying(ConfigValidationException.class, e ->
                        assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.file()).isEqualTo(bad.toString());
                            assertThat(p.line()).isEqualTo(2);
                        }));
    }

    @Test
    void missingFileIsReportedWithTheOthers() {
        assertThatThrownBy(() -> DesiredStateLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("nope.yaml: cannot read the file: no such file");
    }

    @Test
    void anEmptyStateMustBeSaidExplicitly() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "connections: {}\n");
        assertThat(DesiredStateLoader.load(empty)).isEqualTo(DesiredState.empty());
        assertThat(DesiredStateLoader.builder().build().loadAll(List.of())).isEqualTo(DesiredState.empty());
        Path comments = Files.writeString(dir.resolve("comments.yaml"), "# nothing yet\n");
        assertThatThrownBy(() -> DesiredStateLoader.load(comments)).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(comments + ":1:1: the file declares nothing");
    }
}
