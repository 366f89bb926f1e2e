package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from literals, files and the environment; their values never leak into messages. */
class SecretSourcesTest {

    private static final String SECRET = "Very-S3cret-Value-42";

    @TempDir
    Path dir;

    private DesiredStateLoader loader(Map<String, String> env) {
        return DesiredStateLoader.builder().environment(env).baseDirectory(dir).build();
    }

    private static String ike(String secretYaml) {
        return "secrets:\n  ike-gw:\n    id: gw\n    secret: " + secretYaml + "\n";
    }

    private static SharedSecret only(DesiredState s) {
        return (SharedSecret) s.secrets().get(0);
    }

    @Test
    void literal() {
        SharedSecret s = only(loader(Map.of()).parseText(ike(SECRET), "s.yaml"));
        assertThat(s.data().bytes()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(s.data().source()).isEqualTo("literal");
    }

    @Test
    void fromFileWithTrailingNewlineTrimmedRelativeToTheYamlFile() throws Exception {
        Files.writeString(dir.resolve("gw.psk"), SECRET + "\n");
        Path yaml = Files.writeString(dir.resolve("gw.yaml"), ike("{file: gw.psk}"));
        SharedSecret s = only(loader(Map.of()).loadAll(List.of(yaml)));
        assertThat(new String(s.data().bytes(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        assertThat(s.data().source()).isEqualTo("file " + dir.resolve("gw.psk"));
    }

    @Test
    void fromEnvironment() {
        SharedSecret s = only(loader(Map.of("GW_PSK", SECRET)).parseText(ike("{env: GW_PSK}"), "s.yaml"));
        assertThat(new String(s.data().bytes(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        assertThat(s.data().source()).isEqualTo("env GW_PSK");
    }

    @Test
    void hexAndBase64AreDecodedLikeSwanctl() {
        assertThat(only(loader(Map.of()).parseText(ike("0x414243"), "s.yaml")).data().bytes()).isEqualTo(new byte[] {65, 66, 67});
        assertThat(only(loader(Map.of()).parseText(ike("0sQUJD"), "s.yaml")).data().bytes()).isEqualTo(new byte[] {65, 66, 67});
        assertThatThrownBy(() -> loader(Map.of()).parseText(ike("0xZZ"), "s.yaml"))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("not valid hex");
    }

    @Test
    void unsetEnvironmentVariableNamesTheSecretsPath() {
        assertThatThrownBy(() -> loader(Map.of()).parseText(ike("{env: GW_PSK}"), "s.yaml"))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    ConfigProblem p = e.problems().get(0);
                    assertThat(p.path()).isEqualTo("secrets.ike-gw.secret");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.column()).isEqualTo(19);
                    assertThat(p.message()).isEqualTo("environment variable GW_PSK is not set");
                });
    }

    @Test
    void unreadableFileNamesTheSecretsPath() {
        assertThatThrownBy(() -> loader(Map.of()).parseText(ike("{file: nope.psk}"), "s.yaml"))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    ConfigProblem p = e.problems().get(0);
                    assertThat(p.path()).isEqualTo("secrets.ike-gw.secret");
                    assertThat(p.message()).isEqualTo("cannot read secret file " + dir.resolve("nope.psk") + ": no such file");
                });
    }

    @Test
    void badSecretShapesAreReported() {
        assertThatThrownBy(() -> loader(Map.of()).parseText(ike("{fil: x}"), "s.yaml"))
                .hasMessageContaining("unknown secret source 'fil'").hasMessageContaining("did you mean file?");
        assertThatThrownBy(() -> loader(Map.of()).parseText("secrets:\n  ike-gw:\n    id: gw\n", "s.yaml"))
                .hasMessageContaining("missing secret");
        assertThatThrownBy(() -> loader(Map.of()).parseText("secrets:\n  gw:\n    secret: x\n", "s.yaml"))
                .hasMessageContaining("cannot tell the kind of secret 'gw'");
        assertThatThrownBy(() -> loader(Map.of()).parseText("secrets:\n  pkcs12-a:\n    file: a.p12\n", "s.yaml"))
                .hasMessageContaining("pkcs12 containers are not supported");
        assertThatThrownBy(() -> loader(Map.of()).parseText("secrets:\n  private-a:\n    file: a.pem\n    secret: pw\n", "s.yaml"))
                .hasMessageContaining("encrypted private keys are not supported");
    }

    @Test
    void privateKeyFromDataSources() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEfake\n-----END PRIVATE KEY-----\n";
        Files.writeString(dir.resolve("k.pem"), pem);
        DesiredState s = loader(Map.of("KEY", pem)).parseText("""
                secrets:
                  rsa-a:
                    data: {env: KEY}
                  ecdsa-b:
                    data: {file: k.pem}
                  pkcs8-c:
                    file: k.pem
                """, "s.yaml");
        assertThat(s.secrets()).extracting(x -> ((PrivateKeySecret) x).type())
                .containsExactly(PrivateKeySecret.KeyType.RSA, PrivateKeySecret.KeyType.ECDSA, PrivateKeySecret.KeyType.ANY);
        // key files are sent unmodified (no newline trimming)
        assertThat(s.secrets()).allSatisfy(x -> assertThat(((PrivateKeySecret) x).data().bytes())
                .isEqualTo(pem.getBytes(StandardCharsets.UTF_8)));
        assertThat(s.secrets().get(0).toRequest().string("type")).hasValue("rsa");
    }

    @Test
    void noSecretValueAppearsInAnyMessageOrToString() throws Exception {
        Files.writeString(dir.resolve("gw.psk"), SECRET + "\n");
        DesiredState s = loader(Map.of("PIN", SECRET, "EAP", SECRET)).parseText("""
                connections:
                  c:
                    local:
                      auth: psk
                secrets:
                  ike-a: {id: a, secret: %s}
                  ike-b: {id: b, secret: {file: gw.psk}}
                  eap-c: {id: c, secret: {env: EAP}}
                  private-k: {data: %s}
                  token-t: {handle: 0a0b, pin: {env: PIN}}
                """.formatted(SECRET, SECRET), "s.yaml");
        StringBuilder all = new StringBuilder(s.toString());
        for (SecretConfig c : s.secrets()) {
            all.append(c).append(c.toRequest());
        }
        assertThat(all.toString()).doesNotContain(SECRET).contains("<redacted");

        // invalid file with secrets next to errors: the exception message must not carry them either
        String bad = """
                secrets:
                  ike-a: {id: a, secret: %s, bogus: 1}
                  ike-b: {id: b, secret: {file: gw.psk}, extra: %s}
                  ike-c: {id: c, secret: 0x%s}
                """.formatted(SECRET, "x", SECRET);
        assertThatThrownBy(() -> loader(Map.of()).parseText(bad, "s.yaml"))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                    assertThat(e.problems().toString()).doesNotContain(SECRET);
                    assertThat(e.problems()).hasSize(3);
                });
    }
}
