package org.vici4j.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/vici} as a process, the way a user does. The launcher and the jar come from the
 * system properties failsafe sets ({@code vici.launcher}, {@code vici.jar} = the jar in the build
 * directory actually used, passed to the launcher as VICI_JAR).
 */
public final class ViciProcess {

    /** The outcome of a finished run. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;

    private ViciProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        this.errPump = pump(process.getErrorStream(), err);
    }

    /** @return the launcher script */
    public static Path launcher() {
        return Path.of(required("vici.launcher")).toAbsolutePath().normalize();
    }

    /** @return the built jar */
    public static Path jar() {
        return Path.of(required("vici.jar")).toAbsolutePath().normalize();
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the ITs with"
                    + " mvn -pl cli -am verify (failsafe sets it)");
        }
        return v;
    }

    /** Starts {@code launcher args...} with VICI_JAR set, and extra environment. */
    public static ViciProcess start(Path launcher, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        return startCommand(cmd, env);
    }

    /**
     * Starts {@code wrapper... bin/vici args...}, for example under {@code nohup} or {@code setsid}.
     *
     * @param wrapper the command that runs bin/vici, e.g. {@code List.of("nohup")}
     */
    public static ViciProcess startWrapped(List<String> wrapper, String... args) {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        return startCommand(cmd, Map.of());
    }

    /** Starts {@code command} with VICI_JAR set (for the launcher), and extra environment. */
    public static ViciProcess startCommand(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("VICI_URI");
        pb.environment().put("VICI_JAR", jar().toString());
        pb.environment().put("VICI_CDS_DIR", jar().getParent().resolve("cds").toString());
        pb.environment().putAll(env);
        try {
            return new ViciProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code bin/vici args...}. */
    public static ViciProcess start(String... args) {
        return start(launcher(), Map.of(), args);
    }

    /** Runs {@code bin/vici args...} to completion (at most 90 s). */
    public static Result run(String... args) {
        return start(args).await(Duration.ofSeconds(90));
    }

    /** Waits until stderr contains {@code text}; fails after {@code timeout}. */
    public ViciProcess awaitStderr(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!err.toString().contains(text)) {
            if (!process.isAlive() && !err.toString().contains(text)) {
                errPump.join(1000);
                if (err.toString().contains(text)) {
                    break;
                }
                throw new AssertionError("vici ended (exit " + process.exitValue() + ") before printing '" + text
                        + "'\n--- stdout ---\n" + out + "--- stderr ---\n" + err);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("vici did not print '" + text + "' within " + timeout
                        + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err);
            }
            Thread.sleep(50);
        }
        return this;
    }

    /** Waits for the process to end; kills it and fails after {@code timeout}. */
    public Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("vici did not end within " + timeout + "\n--- stdout ---\n" + out
                        + "--- stderr ---\n" + err);
            }
            outPump.join(5000);
            errPump.join(5000);
            return new Result(process.exitValue(), out.toString(), err.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return what the process printed on stderr so far */
    public String stderr() {
        return err.toString();
    }

    /** @return the process */
    public Process process() {
        return process;
    }

    private static Thread pump(InputStream in, StringBuffer sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "vici-process-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Creates a temporary directory (for launcher copies and symlinks). */
    public static Path tempDir() {
        try {
            return Files.createTempDirectory("vici-launcher");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
