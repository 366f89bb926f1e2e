package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.testing.ViciProcess;

/** bin/vici itself: finding the jar and Java, symlinks, the message when the jar is not built, the JVM options and the start-up archives. */
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

    /** bin/vici's 32-bit djb2 hash of a path, with which it names archives */
    private static long vhash(String s) {
        long h = 5381;
        for (char c : s.toCharArray()) {
            h = (h * 33 + c) & 0xffffffffL;
        }
        return h;
    }

    @Test
    void runsTheMainClassWithTheStartUpOptionsAndKeepsTheArchivesOfOtherKindsAndJavas() throws Exception {
        Path dir = ViciProcess.tempDir();
        Path home = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Path log = dir.resolve("java.log");
        Path java = home.resolve("bin/java");
        // a stand-in for java: records its arguments; as -Xshare:dump, writes the archive it is asked for
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nf=\nd=\nfor a in \"$@\"; do case $a in"
                + " -XX:SharedArchiveFile=*) f=${a#-XX:SharedArchiveFile=} ;; -Xshare:dump) d=1 ;; esac; done\n"
                + "[ -n \"$d\" ] && echo archive > \"$f\"\nexit 0\n");
        java.toFile().setExecutable(true);
        Path jar = Files.writeString(dir.resolve("vici.jar"), "not a jar");
        FileTime built = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(jar, built);
        Path cds = Files.createDirectories(dir.resolve("cds"));
        long jarId = vhash(jar.toString());
        Path stale = Files.writeString(cds.resolve("vici-" + jarId + "-1-o1-0.jsa"), "from before the build");
        Files.setLastModifiedTime(stale, FileTime.from(built.toInstant().minus(Duration.ofDays(1))));
        Path controllers = Files.writeString(cds.resolve("vici-" + jarId + "-1-o2-1.jsa"), "the controller's");
        Path java25 = Files.writeString(cds.resolve("vici-" + jarId + "-2-o2-0.aot"), "another Java's");
        Path unused = Files.writeString(cds.resolve("vici-123-1-o2-0.jsa"), "another jar's, unused");
        Files.setAttribute(unused, "lastAccessTime", FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        Path used = Files.writeString(cds.resolve("vici-456-1-o2-0.jsa"), "another jar's, used");
        Map<String, String> env = Map.of("JAVA_HOME", home.toString(), "VICI_JAR", jar.toString(),
                "VICI_CDS_DIR", cds.toString());

        ViciProcess.Result first = ViciProcess.start(ViciProcess.launcher(), env, "list-sas", "-o", "json")
                .await(Duration.ofSeconds(30));
        assertThat(first.exit()).as(first.toString()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (hasLock(cds) || !Files.readString(log).contains("-Xshare:dump")) {
            assertThat(System.nanoTime()).as("the training run ends").isLessThan(deadline);
            Thread.sleep(50);
        }
        ViciProcess.Result second = ViciProcess.start(ViciProcess.launcher(), env, "list-sas")
                .await(Duration.ofSeconds(30));
        assertThat(second.exit()).as(second.toString()).isZero();

        List<String> runs = Files.readAllLines(log);
        assertThat(runs.get(0)).as("the command, from -cp with the main class")
                .endsWith(" -cp " + jar + " org.vici4j.cli.Vici list-sas -o json")
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+IgnoreUnrecognizedVMOptions",
                        "-XX:ArchiveRelocationMode=0",
                        "-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider")
                .doesNotContain("SharedArchiveFile");
        String thp = Files.exists(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))
                ? Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")) : "";
        assertThat(runs.get(0).contains("-XX:+UseTransparentHugePages"))
                .as("huge pages as the kernel offers them: " + thp)
                .isEqualTo(thp.contains("[always]") || thp.contains("[madvise]"));
        assertThat(runs).anyMatch(r -> r.contains("-XX:DumpLoadedClassList=")
                && r.endsWith(" -cp " + jar + " org.vici4j.cli.internal.Training"));
        Path archive = cds.resolve("vici-" + jarId + "-" + vhash(java.toString()) + "-o2-0"
                + (runs.get(0).contains("HugePages") ? "-thp" : "") + ".jsa");
        assertThat(archive).exists();
        assertThat(runs.get(runs.size() - 1)).as("the next run maps the archive")
                .contains("-XX:SharedArchiveFile=" + archive).endsWith(" org.vici4j.cli.Vici list-sas");
        assertThat(stale).as("this jar's archive from before its build").doesNotExist();
        assertThat(unused).as("another jar's, not mapped for 40 days").doesNotExist();
        assertThat(controllers).as("this jar's archive for the controller's options").exists();
        assertThat(java25).as("this jar's archive for another Java").exists();
        assertThat(used).as("another jar's, in use").exists();
    }

    private static boolean hasLock(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".lock"));
        }
    }
}
