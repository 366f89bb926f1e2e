package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loader refuses before anything is sent: YAML features that would be misread (aliases, anchors,
 * merge keys, tags), files that declare nothing or may be half-written, files that are not regular files or
 * too large, text that is not UTF-8. Every refusal names the file (and line where there is one) and never
 * repeats a secret.
 */
class InputHardeningTest {

    private static final String PSK = "Hunter2-Very-Secret";

    @TempDir
    Path dir;

    private DesiredStateLoader loader() {
        return DesiredStateLoader.builder().environment(Map.of()).baseDirectory(dir).build();
    }

    private List<ConfigProblem> fileProblems(Path file) {
        ConfigValidationException[] caught = new ConfigValidationException[1];
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> loader().loadAll(List.of(file)))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> caught[0] = e));
        assertThat(caught[0].getMessage()).doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
                .doesNotContain("java.", "snakeyaml", "jackson");
        return caught[0].problems();
    }

    private ConfigProblem fileProblem(Path file) {
        List<ConfigProblem> p = fileProblems(file);
        assertThat(p).as(p.toString()).hasSize(1);
        return p.get(0);
    }

    private ConfigProblem problem(String yaml) throws Exception {
        return fileProblem(Files.writeString(dir.resolve("gw.yaml"), yaml));
    }

    private List<ConfigProblem> problems(String yaml) throws Exception {
        return fileProblems(Files.writeString(dir.resolve("gw.yaml"), yaml));
    }

    private static final String CONN = """
            connections:
              net:
                local_addrs: 192.0.2.1
                remote_addrs: 192.0.2.2
                children:
                  net:
                    remote_ts: 198.18.4.0/22
            """;

    // ------------------------------------------------------------------------- aliases, anchors, tags

    @Test
    void aliasesAreRefusedWithFileLineColumnAndHowToFixIt() throws Exception {
        List<ConfigProblem> ps = problems("""
                connections:
                  net:
                    local_addrs: &gw 192.0.2.1
                    remote_addrs: *gw
                """);
        assertThat(ps).extracting(ConfigProblem::format).containsExactly(
                dir.resolve("gw.yaml") + ":3:18: connections.net.local_addrs: YAML anchors (&gw) are not supported"
                        + " (hint: remove &gw and write the value out wherever *gw is used)",
                dir.resolve("gw.yaml") + ":4:19: connections.net.remote_addrs: YAML aliases (*gw) are not supported"
                        + " (hint: write the value out here instead of *gw)");
    }

    @Test
    void anAliasedSecretIsRefusedAndItsValueNeverShown() throws Exception {
        List<ConfigProblem> ps = problems("secrets:\n  ike-a:\n    secret: &sec " + PSK + "\n  ike-b:\n    secret: *sec\n");
        assertThat(ps).extracting(ConfigProblem::path).containsExactly("secrets.ike-a.secret", "secrets.ike-b.secret");
        assertThat(ps).extracting(ConfigProblem::line).containsExactly(3, 5);
        assertThat(ps.toString()).contains("*sec").doesNotContain(PSK);
    }

    @Test
    void mergeKeysAreRefused() throws Exception {
        List<ConfigProblem> ps = problems("""
                connections:
                  a: &base
                    local_addrs: 192.0.2.1
                  b:
                    <<: *base
                    remote_addrs: 192.0.2.3
                """);
        assertThat(ps).extracting(ConfigProblem::message).containsExactly("YAML anchors (&base) are not supported",
                "YAML merge keys (<<) are not supported", "YAML aliases (*base) are not supported");
        assertThat(ps.get(1).line()).isEqualTo(5);
        assertThat(ps.get(1).column()).isEqualTo(5);
        assertThat(ps.get(1).hint()).isEqualTo("write the keys out in this mapping");
    }

    @Test
    void theRestOfAFileIsStillCheckedButWhatARefusalImpliesIsNotRepeated() throws Exception {
        List<ConfigProblem> ps = problems("""
                connections:
                  net:
                    remote_addrs: *gw
                    <<: *base
                    bogus: 1
                    children:
                      net:
                        esp_proposals: aes129
                secrets:
                  ike-a:
                    secret: *sec
                """);
        assertThat(ps).extracting(ConfigProblem::message).containsExactly(
                "YAML aliases (*gw) are not supported", "YAML merge keys (<<) are not supported",
                "YAML aliases (*base) are not supported", "unknown option 'bogus'",
                "unknown algorithm 'aes129' in ESP proposal 'aes129'", "YAML aliases (*sec) are not supported");
    }

    @Test
    void explicitTagsAreRefused() throws Exception {
        ConfigProblem binary = problem("secrets:\n  ike-a:\n    secret: !!binary aHVudGVyMg==\n");
        assertThat(binary.message()).isEqualTo("YAML tags (!!binary) are not supported");
        assertThat(binary.line()).isEqualTo(3);
        assertThat(binary.hint()).contains("0x<hex> or 0s<base64>");
        assertThat(binary.toString()).doesNotContain("aHVudGVyMg");
        assertThat(problem(CONN.replace("remote_addrs: 192.0.2.2", "remote_addrs: !!str 192.0.2.2")).message())
                .isEqualTo("YAML tags (!!str) are not supported");
        assertThat(problem(CONN.replace("remote_addrs: 192.0.2.2", "remote_addrs: !gw 192.0.2.2")).message())
                .isEqualTo("YAML tags (!gw) are not supported");
        assertThat(problem(CONN.replace("  net:\n    local", "  net: !!map\n    local")).message())
                .isEqualTo("YAML tags (!!map) are not supported");
        assertThat(problem(CONN.replace("remote_addrs: 192.0.2.2", "remote_addrs: ! 192.0.2.2")).message())
                .isEqualTo("YAML tags (!) are not supported");
    }

    @Test
    void complexKeysAndDeepNestingAreRefused() throws Exception {
        ConfigProblem key = problem("connections:\n  ? [a, b]\n  : x\n");
        assertThat(key.message()).isEqualTo("a key must be a plain value, not a list");
        assertThat(key.path()).isEqualTo("connections.?");
        assertThat(key.line()).isEqualTo(2);
        List<ConfigProblem> ps = problems("connections: " + "[".repeat(100) + "]".repeat(100) + "\n");
        assertThat(ps).hasSize(2); // and connections is not a list
        ConfigProblem deep = ps.get(1);
        assertThat(deep.message()).isEqualTo("mappings and lists nested more than 20 levels deep");
        assertThat(deep.line()).isEqualTo(1);
        assertThat(deep.column()).isGreaterThan(14);
    }

    @Test
    void syntaxErrorsAndControlCharactersHaveALocationAndNoJavaNames() throws Exception {
        ConfigProblem syntax = problem("connections:\n  net:\n    local_addrs: [192.0.2.1\n  x: y\n");
        assertThat(syntax.message()).startsWith("YAML syntax error: ");
        assertThat(syntax.line()).isGreaterThan(0);
        ConfigProblem control = problem("connections:\n  net:\n    local_addrs: 192.0.2.1\u0001\n");
        assertThat(control.message()).isEqualTo("control character U+0001 is not allowed in YAML");
        assertThat(control.line()).isEqualTo(3);
        assertThat(control.column()).isEqualTo(27);
    }

    // --------------------------------------------------------------------- empty and half-written files

    @Test
    void aFileThatDeclaresNothingIsRefused() throws Exception {
        for (String text : List.of("", "\n", "   \n\t\n", "# only a comment\n# another\n", "---\n", "---\n...\n",
                "connections:\n", "connections:\nsecrets:\n", "{}\n", "~\n")) {
            ConfigProblem p = problem(text);
            assertThat(p.message()).as(text).startsWith("the file declares nothing");
            assertThat(p.hint()).isEqualTo("if nothing is to be loaded, say so: write 'connections: {}'");
            assertThat(p.line()).as(text).isPositive();
        }
    }

    @Test
    void anExplicitlyEmptyStateIsAccepted() throws Exception {
        for (String text : List.of("connections: {}\n", "connections: {}\nsecrets: {}\n", "secrets: {}\n")) {
            Path f = Files.writeString(dir.resolve("empty.yaml"), text);
            assertThat(loader().loadAll(List.of(f))).as(text).isEqualTo(DesiredState.empty());
        }
    }

    @Test
    void aFileWithoutAFinalLineBreakMayBeHalfWrittenAndIsRefused() throws Exception {
        String whole = CONN + "secrets:\n  ike-a:\n    secret: " + PSK + "\n";
        ConfigProblem p = problem(whole.substring(0, whole.length() - 5));
        assertThat(p.message()).isEqualTo("the file does not end with a line break: it may be incomplete (still being written)");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.hint()).contains("rename it over the old one");
        assertThat(p.toString()).doesNotContain(PSK.substring(0, PSK.length() - 4));
        // cut inside a key: the line break is the first thing reported, whatever else is wrong
        assertThat(problems(CONN.substring(0, CONN.indexOf("remote_addrs") + 6)))
                .extracting(ConfigProblem::message)
                .contains("the file does not end with a line break: it may be incomplete (still being written)");
        // CRLF is a line break too
        assertThat(loader().loadAll(List.of(Files.writeString(dir.resolve("crlf.yaml"), CONN.replace("\n", "\r\n"))))
                .connections()).hasSize(1);
    }

    @Test
    void textsGivenInCodeNeedNoFinalLineBreakButMustDeclareSomething() {
        assertThat(loader().parseText("connections: {}", "t.yaml")).isEqualTo(DesiredState.empty());
        assertThatThrownBy(() -> loader().parseText("  \n# x", "t.yaml"))
                .hasMessageContaining("t.yaml:1:1: the text declares nothing");
    }

    // ------------------------------------------------------------------------- file types and sizes

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        assertThat(fileProblem(fifo).format())
                .isEqualTo(fifo + ": cannot read the file: it is a FIFO (named pipe), not a regular file"
                        + " (hint: give a regular file; vici4j does not read from pipes, devices or sockets)");
        ConfigProblem secret = problem("secrets:\n  ike-a:\n    secret: {file: fifo.yaml}\n");
        assertThat(secret.message()).isEqualTo("cannot read secret file " + fifo + ": it is a FIFO (named pipe), not a regular file");
        assertThat(secret.line()).isEqualTo(3);
        ConfigProblem cert = problem(CONN.replace("    children:", "    local:\n      auth: pubkey\n      certs: fifo.yaml\n    children:"));
        assertThat(cert.message()).isEqualTo("cannot read certs file " + fifo + ": it is a FIFO (named pipe), not a regular file");
    }

    @Test
    void devicesAndDirectoriesAreRefused() throws Exception {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero));
        assertThat(fileProblem(zero).message()).isEqualTo("cannot read the file: it is a character device, not a regular file");
        ConfigProblem secret = problem("secrets:\n  ike-a:\n    secret: {file: /dev/zero}\n");
        assertThat(secret.message()).isEqualTo("cannot read secret file /dev/zero: it is a character device, not a regular file");
        ConfigProblem key = problem("secrets:\n  private-a:\n    file: /dev/zero\n");
        assertThat(key.message()).isEqualTo("cannot read secret file /dev/zero: it is a character device, not a regular file");
        // a directory is a source of its own (-f DIR, ConfigDirectoryTest); one without configuration files is refused
        assertThat(fileProblem(Files.createDirectories(dir.resolve("empty.d"))).message()).isEqualTo("the directory"
                + " holds no configuration file (*.yaml, *.yml or *.conf; names starting with a dot are ignored)");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), zero);
        assertThat(fileProblem(link).message())
                .isEqualTo("cannot read the file: it is a symbolic link to a character device, not a regular file");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.yaml"), dir.resolve("gone.yaml"));
        assertThat(fileProblem(dangling).message())
                .isEqualTo("cannot read the file: it is a symbolic link to a file that does not exist");
    }

    @Test
    void aSymbolicLinkToARegularFileIsRead() throws Exception {
        Path real = Files.writeString(dir.resolve("real.yaml"), CONN);
        Path link = Files.createSymbolicLink(dir.resolve("current.yaml"), real);
        assertThat(loader().loadAll(List.of(link)).connections()).hasSize(1);
    }

    @Test
    void sizeLimitsNameTheFileTheSizeAndTheLimit() throws Exception {
        Path big = dir.resolve("big.yaml");
        byte[] data = new byte[3 * 1024 * 1024 + 1];
        Arrays.fill(data, (byte) '#');
        data[data.length - 1] = '\n';
        Files.write(big, data);
        ConfigProblem p = fileProblem(big);
        assertThat(p.format()).isEqualTo(big + ": cannot read the file: it is 3.0 MiB (3145729 bytes), more than the limit"
                + " of 3 MiB for a configuration file (hint: split it into several files (give -f once for each))");
        Files.write(dir.resolve("big.psk"), new byte[64 * 1024 + 1]);
        assertThat(problem("secrets:\n  ike-a:\n    secret: {file: big.psk}\n").message())
                .isEqualTo("cannot read secret file " + dir.resolve("big.psk")
                        + ": it is 64.0 KiB (65537 bytes), more than the limit of 64 KiB for a secret file");
        Files.write(dir.resolve("ok.psk"), new byte[64 * 1024 - 1]); // VICI's limit
        Path ok = Files.writeString(dir.resolve("ok.yaml"), "secrets:\n  ike-a:\n    secret: {file: ok.psk}\n");
        assertThat(loader().loadAll(List.of(ok)).secrets()).hasSize(1);
    }

    // ---------------------------------------------------------------------------------- encodings

    @Test
    void utf16IsRefusedWithItsByteOrderMark() throws Exception {
        Path f = dir.resolve("utf16.yaml");
        Files.write(f, CONN.getBytes(StandardCharsets.UTF_16)); // big endian with BOM
        ConfigProblem p = fileProblem(f);
        assertThat(p.message()).isEqualTo("cannot read the file: it is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8");
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.hint()).contains("iconv");
        Files.write(f, CONN.getBytes(StandardCharsets.UTF_16LE));
        ConfigProblem le = fileProblem(f);
        assertThat(le.message()).isEqualTo("cannot read the file: NUL byte at byte offset 1 (line 1, column 2): the file is"
                + " UTF-16 or binary, not UTF-8 text");
    }

    @Test
    void nonUtf8BytesAreReportedWithOffsetLineAndColumn() throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "connections:\n  caf\u00e9:\n    remote_addrs: 192.0.2.2\n".getBytes(StandardCharsets.ISO_8859_1));
        ConfigProblem p = fileProblem(f);
        assertThat(p.message()).isEqualTo("cannot read the file: not UTF-8: byte 0xE9 at byte offset 18 (line 2, column 6)"
                + " does not belong to a UTF-8 character");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(6);
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        Path f = dir.resolve("bom.yaml");
        byte[] text = CONN.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[text.length + 3];
        data[0] = (byte) 0xEF;
        data[1] = (byte) 0xBB;
        data[2] = (byte) 0xBF;
        System.arraycopy(text, 0, data, 3, text.length);
        Files.write(f, data);
        assertThat(loader().loadAll(List.of(f)).connections()).hasSize(1);
    }
}
