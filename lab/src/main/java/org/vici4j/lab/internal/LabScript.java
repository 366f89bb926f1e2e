package org.vici4j.lab.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vici4j.lab.LabException;
import org.vici4j.lab.ProcessResult;

/**
 * Runs the {@code vici-lab} shell script, which holds all of the lab's logic so that the shell
 * and the tests share one implementation. The script ships as a class-path resource and is
 * copied to a private temporary file once per instance.
 */
public final class LabScript {
    private static final String RESOURCE = "/org/vici4j/lab/vici-lab";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Path script;

    private LabScript(Path script) {
        this.script = script;
    }

    /** Copies the bundled script to a temporary file. */
    public static LabScript extract() {
        try (InputStream in = LabScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LabException("the vici-lab script is missing from the class path at " + RESOURCE);
            }
            Path dir = Files.createTempDirectory("vici4j-lab-script",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = dir.resolve("vici-lab");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().setExecutable(true, true);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new LabScript(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the vici-lab script", e);
        }
    }

    public Path path() {
        return script;
    }

    /** Runs the script and returns what it printed, whatever its exit code. */
    public ProcessResult run(List<String> args) {
        return run(args, DEFAULT_TIMEOUT);
    }

    public ProcessResult run(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(args);
        return exec(command, timeout);
    }

    /** Runs the script and fails with what it printed unless it exits 0; returns its stdout. */
    public String check(String... args) {
        ProcessResult r = run(List.of(args));
        if (!r.succeeded()) {
            throw new LabException("vici-lab " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    /** Runs any command, with a timeout, capturing both streams. */
    public static ProcessResult exec(List<String> command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = readAsync(p.getInputStream());
        CompletableFuture<String> err = readAsync(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new LabException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new ProcessResult(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Drains a stream on a thread of its own, so that neither pipe can fill and stall the child. */
    private static CompletableFuture<String> readAsync(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("");
            }
        }, "vici4j-lab-pipe");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
