package org.vici4j.controller.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;


/**
 * Writes files atomically: the content goes to a temporary file in the same directory, which is then renamed over
 * the target ({@link StandardCopyOption#ATOMIC_MOVE}), so readers see the old or the new content, never a part.
 */
public final class StatusFile {

    private final Path path;

    public StatusFile(Path path) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** Writes the status as JSON. */
    public void write(ControllerStatus status) {
        writeAtomically(path, StatusJson.toJson(status));
    }

    /** Writes the status as JSON with its writer (see {@link StatusWriter}). */
    public void write(ControllerStatus status, StatusWriter writer) {
        writeAtomically(path, StatusJson.toJson(status, writer));
    }

    /**
     * Marks the file as current without rewriting it (its modification time becomes {@code now}): the writer's
     * heartbeat at every resync, so that a reader can tell a running controller with nothing new from a dead one.
     */
    public void touch(java.time.Instant now) {
        try {
            if (Files.exists(path)) {
                Files.setLastModifiedTime(path, java.nio.file.attribute.FileTime.from(now));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot touch " + path + ": " + e.getMessage(), e);
        }
    }

    /** @return the status in the file */
    public ControllerStatus read() {
        try {
            return StatusJson.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read status file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code target}'s content atomically.
     *
     * @throws UncheckedIOException naming the file if the directory is missing or not writable
     */
    public static void writeAtomically(Path target, String content) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + abs + " (directory " + dir + " must exist and be writable): "
                    + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
