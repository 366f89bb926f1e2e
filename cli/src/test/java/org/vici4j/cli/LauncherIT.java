package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.testing.ViciProcess;

/** bin/vici itself: finding the jar and Java, symlinks, the message when the jar is not built. */
class LauncherIT {

    @Test
    void runsThroughASymlinkInAnotherDirectory() throws Exception {
        Path dir = ViciProcess.tempDir();
        Path link = Files.createSymbolicLink(dir.resolve("vici"), ViciProcess.launcher());
        ViciProcess.Result r = ViciProcess.start(link, Map.of(), "--version").await(Duration.ofSeconds(60));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("vici (vici4j) ");
    }

    @Test
    void saysHowToBuildWhenTheJarIsMissing() throws Exception {
        Path root = ViciProcess.tempDir();
        Files.createDirectories(root.resolve("bin"));
        Path copy = Files.copy(ViciProcess.launcher(), root.resolve("bin/vici"));
        ProcessBuilder pb = new ProcessBuilder(copy.toString(), "version").redirectErrorStream(true);
        pb.environment().remove("VICI_JAR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).contains("run ./mvnw -pl cli -am package -DskipTests").contains(root.resolve("cli/target/vici.jar").toString());
    }

    @Test
    void rejectsAMissingViciJar() {
        ViciProcess.Result r = ViciProcess.start(ViciProcess.launcher(), Map.of("VICI_JAR", "/nonexistent/vici.jar"),
                "version").await(Duration.ofSeconds(30));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("VICI_JAR=/nonexistent/vici.jar does not exist");
    }

    @Test
    void rejectsJavaOlderThan17() throws Exception {
        Path home = ViciProcess.tempDir();
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        java.toFile().setExecutable(true);
        ViciProcess.Result r = ViciProcess.start(ViciProcess.launcher(), Map.of("JAVA_HOME", home.toString()),
                "version").await(Duration.ofSeconds(30));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is Java 11; vici needs Java 17 or newer");
    }

    @Test
    void helpListsExitCodes() {
        ViciProcess.Result r = ViciProcess.run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("list-sas").contains("monitor");
    }
}
