package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The corpus of invalid files (src/test/resources/invalid, each with the text its message must contain in
 * expected.txt) is refused file by file with a message naming the file and a line, never a secret nor a Java
 * name; and every example of examples/config, the README and docs/ is valid.
 */
class InputCorpusTest {

    private static final Map<String, String> ENV = Map.of("CAROL_PASSWORD", "pw", "HSM_PIN", "4711", "GW_PSK", "psk");

    private static Path resource(String name) {
        try {
            return Path.of(InputCorpusTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> expectations(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t", 2);
                m.put(parts[0], parts[1]);
            }
        }
        return m;
    }

    @Test
    void everyInvalidFileIsRefusedWithItsMessageNamingTheFileAndALine() throws IOException {
        Path dir = resource("invalid");
        Map<String, String> expected = expectations(dir);
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.txt")).sorted().toList();
        }
        assertThat(files).as("every file has an expectation, every expectation a file")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(files).hasSizeGreaterThanOrEqualTo(70);
        DesiredStateLoader loader = DesiredStateLoader.builder().environment(ENV).build();
        List<String> faults = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String name : files) {
                Path f = dir.resolve(name);
                try {
                    loader.loadAll(List.of(f));
                    faults.add(name + ": accepted");
                } catch (ConfigValidationException e) {
                    String m = e.getMessage();
                    if (!m.contains(expected.get(name))) {
                        faults.add(name + ": message without '" + expected.get(name) + "': " + m);
                    }
                    if (m.contains("CORPUS-SECRET")) {
                        faults.add(name + ": a secret in the message: " + m);
                    }
                    if (JAVA_NAMES.matcher(m).find()) {
                        faults.add(name + ": Java names in the message: " + m);
                    }
                    for (ConfigProblem p : e.problems()) {
                        if (!f.toString().equals(p.file()) || p.line() <= 0
                                || !p.format().startsWith(f + ":" + p.line() + ":")) {
                            faults.add(name + ": a problem without the file and a line: " + p);
                        }
                    }
                }
            }
        });
        assertThat(faults).isEmpty();
    }

    private static final Pattern JAVA_NAMES = Pattern.compile(
            "[A-Za-z]+(Exception|Error)\\b|java\\.|org\\.yaml|snakeyaml|jackson");

    @Test
    void everyExampleFileIsValidAndEndsWithALineBreak() throws IOException {
        List<Path> yaml;
        try (Stream<Path> s = Files.walk(Path.of("..", "examples"))) {
            yaml = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.toString().contains("/target/"))
                    // Kubernetes objects; the desired state in their ConfigMap: KubernetesManifestsTest
                    .filter(p -> !p.startsWith(Path.of("..", "examples", "kubernetes"))).sorted().toList();
        }
        assertThat(yaml).isNotEmpty();
        for (Path f : yaml) {
            assertThat(Files.readString(f)).as(f.toString()).endsWith("\n");
            assertThat(DesiredStateLoader.builder().environment(ENV).build().loadAll(List.of(f)).warnings())
                    .as(f.toString()).isEmpty();
        }
        Path complete = resource("config/complete.yaml");
        assertThat(Files.readString(complete)).endsWith("\n");
        DesiredStateLoader.builder().environment(ENV).build().loadAll(List.of(complete));
    }

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TOP_LEVEL = Pattern.compile("(connections|secrets|pools|authorities|controller):.*");

    /** @return the ```yaml blocks of a Markdown file that are whole configurations (not fragments) */
    private static List<String> configBlocks(Path markdown) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        while (m.find()) {
            String block = m.group(1);
            boolean whole = block.lines().filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("#"))
                    .allMatch(l -> TOP_LEVEL.matcher(l).matches());
            if (whole && !block.isBlank()) {
                out.add(block);
            }
        }
        return out;
    }

    @Test
    void everyConfigurationInTheDocsIsValidApartFromFilesMissingHere() throws IOException {
        Map<Path, Path> docs = new LinkedHashMap<>();
        docs.put(Path.of("..", "README.md"), Path.of("..", "examples", "config"));
        try (Stream<Path> s = Files.list(Path.of("..", "docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(p -> docs.put(p, resource("config/complete.yaml").getParent()));
        }
        int checked = 0;
        for (Map.Entry<Path, Path> d : docs.entrySet()) {
            List<String> blocks = configBlocks(d.getKey());
            for (int i = 0; i < blocks.size(); i++) {
                String name = d.getKey().getFileName() + "#yaml" + (i + 1);
                List<ConfigProblem> problems = new ArrayList<>();
                try {
                    DesiredStateLoader.builder().environment(ENV).baseDirectory(d.getValue()).build()
                            .parseText(blocks.get(i), name);
                } catch (ConfigValidationException e) {
                    problems.addAll(e.problems());
                }
                // absolute paths such as /etc/vici4j/ab.psk do not exist here; anything else is a fault of the docs
                assertThat(problems).as(name).allSatisfy(p -> assertThat(p.message()).endsWith(": no such file"));
                checked++;
            }
        }
        assertThat(checked).as("configurations found in README.md and docs/").isGreaterThanOrEqualTo(2);
    }
}
