package org.vici4j.controller.config.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the files vici4j is given (configuration, secrets, keys, certificates) with limits: only a
 * regular file (or a symbolic link to one) is opened, so that a FIFO, a device such as /dev/zero, a
 * socket or a directory is refused at once instead of blocking or reading without end; a file
 * larger than the limit is refused before it is read, and the read itself stops after the limit
 * (for files that grow, or whose size the file system does not tell). Every refusal is a
 * {@link Refused} whose message names the file and says, in vici4j's words, what is wrong.
 */
public final class BoundedFiles {

    /** The largest configuration file read: 3 MiB. */
    public static final long CONFIG_LIMIT = 3L * 1024 * 1024;
    /** The largest secret file ({@code secret: {file: ...}}, a private key file) read: 64 KiB. */
    public static final long SECRET_LIMIT = 64L * 1024;
    /** The largest certificate or public key file read: 1 MiB (VICI's own limit, 64 KiB, is checked later). */
    public static final long CERTIFICATE_LIMIT = 1024L * 1024;

    private BoundedFiles() {
    }

    /** A file that is not read: the message names the file (what is wrong), the hint says how to fix it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final String hint;
        private final int line;
        private final int column;

        Refused(String reason, String hint) {
            this(reason, hint, 0, 0);
        }

        Refused(String reason, String hint, int line, int column) {
            super(reason, null, false, false);
            this.reason = reason;
            this.hint = hint;
            this.line = line;
            this.column = column;
        }

        /** @return what is wrong, e.g. "it is a FIFO (named pipe), not a regular file" */
        public String reason() {
            return reason;
        }

        /** @return how to fix it, or null */
        public String hint() {
            return hint;
        }

        /** @return the 1-based line of an encoding error, 0 if none */
        public int line() {
            return line;
        }

        /** @return the 1-based column of an encoding error, 0 if none */
        public int column() {
            return column;
        }
    }

    /**
     * Reads a regular file of at most {@code limit} bytes.
     *
     * @param what a word for messages: "configuration file", "secret file", "certificate file"
     * @throws Refused if the file is missing, unreadable, not a regular file or too large
     */
    public static byte[] read(Path file, long limit, String what) throws Refused {
        BasicFileAttributes attrs = attributes(file);
        if (attrs.size() > limit) {
            throw tooLarge(attrs.size(), limit, what);
        }
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            throw new Refused(reason(e), "check the path and that vici4j may read it");
        }
        if (data.length > limit) {
            throw tooLarge(data.length, limit, what);
        }
        return data;
    }

    /**
     * Checks that the file is a regular file, or a symbolic link to one, without opening it.
     *
     * @return the attributes of the file (of the link's target for a link)
     */
    static BasicFileAttributes attributes(Path file) throws Refused {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new Refused(reason(e), "check the path and that vici4j may read it");
        }
        BasicFileAttributes target = own;
        if (own.isSymbolicLink()) {
            try {
                target = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new Refused("it is a symbolic link to a file that does not exist", "fix or remove the link");
            } catch (FileSystemLoopException e) {
                throw new Refused("it is a symbolic link that loops", "fix the link");
            } catch (IOException e) {
                throw new Refused("it is a symbolic link that cannot be followed: " + reason(e), "fix the link");
            }
        }
        if (!target.isRegularFile()) {
            String kind = target.isDirectory() ? "a directory" : kind(file);
            throw new Refused((own.isSymbolicLink() ? "it is a symbolic link to " : "it is ") + kind
                    + ", not a regular file",
                    target.isDirectory() ? "give the name of a file in it"
                            : "give a regular file; vici4j does not read from pipes, devices or sockets");
        }
        return target;
    }

    /** @return "a FIFO (named pipe)", "a character device", ... for a file that is neither regular nor a directory */
    private static String kind(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & 0170000) {
                    case 0010000 -> "a FIFO (named pipe)";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: say it generally
        }
        return "a special file (pipe, device or socket)";
    }

    private static Refused tooLarge(long size, long limit, String what) {
        return new Refused("it is " + size(size) + ", more than the limit of " + size(limit) + " for a " + what,
                what.startsWith("configuration") ? "split it into several files (give -f once for each)"
                        : "check that this is the right file");
    }

    /** @return e.g. "3 MiB", "64 KiB", "4.5 MiB (4718592 bytes)", "812 bytes" */
    public static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                    : String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (1024.0 * 1024), bytes);
        }
        if (bytes >= 1024) {
            return bytes % 1024 == 0 ? bytes / 1024 + " KiB"
                    : String.format(Locale.ROOT, "%.1f KiB (%d bytes)", bytes / 1024.0, bytes);
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** @return a reason for an I/O failure in vici4j's words (no Java class names) */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "too many levels of symbolic links";
        }
        String m = e.getMessage();
        if (m != null && m.contains("Is a directory")) {
            return "it is a directory";
        }
        if (m != null && m.contains("Not a directory")) {
            return "a part of the path is not a directory";
        }
        if (m != null && m.contains("Too many levels of symbolic links")) {
            return "too many levels of symbolic links";
        }
        // the file's name is already in the message's prefix: keep only the operating system's reason
        String os = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : m;
        return os == null || os.isBlank() ? "input/output error" : os;
    }

    /**
     * Decodes a text file that must be UTF-8 (a leading UTF-8 byte order mark is dropped).
     *
     * @throws Refused for a UTF-16/UTF-32 file (byte order mark or NUL bytes), binary data, or bytes that are not
     *                 UTF-8, naming the byte offset, line and column
     */
    public static String utf8(byte[] data) throws Refused {
        int start = 0;
        if (startsWith(data, 0xEF, 0xBB, 0xBF)) {
            start = 3;
        } else if (startsWith(data, 0x00, 0x00, 0xFE, 0xFF) || startsWith(data, 0xFF, 0xFE, 0x00, 0x00)) {
            throw new Refused("it is UTF-32 (it starts with a UTF-32 byte order mark), not UTF-8",
                    "save it as UTF-8, e.g. iconv -f UTF-32 -t UTF-8", 1, 1);
        } else if (startsWith(data, 0xFE, 0xFF) || startsWith(data, 0xFF, 0xFE)) {
            throw new Refused("it is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8",
                    "save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8", 1, 1);
        }
        for (int i = start; i < data.length; i++) {
            if (data[i] == 0) {
                int[] lc = lineColumn(data, start, i);
                throw new Refused("NUL byte at byte offset " + i + " (line " + lc[0] + ", column " + lc[1]
                        + "): the file is UTF-16 or binary, not UTF-8 text",
                        "save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8", lc[0], lc[1]);
            }
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data, start, data.length - start);
        CharBuffer out = CharBuffer.allocate(data.length - start + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int[] lc = lineColumn(data, start, at);
            throw new Refused(String.format(Locale.ROOT, "not UTF-8: byte 0x%02X at byte offset %d (line %d, column %d)"
                    + " does not belong to a UTF-8 character", data[at] & 0xff, at, lc[0], lc[1]),
                    "save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)", lc[0], lc[1]);
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the 1-based line and column (in characters, counting a multi-byte character once) of a byte offset */
    private static int[] lineColumn(byte[] data, int start, int offset) {
        int line = 1;
        int column = 1;
        for (int i = start; i < offset; i++) {
            if (data[i] == '\n') {
                line++;
                column = 1;
            } else if ((data[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
