package org.vici4j.controller.config.swanctl.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.internal.BoundedFiles;
import org.vici4j.controller.config.internal.YamlTree.Location;

/**
 * Reads strongSwan's settings syntax (swanctl.conf, strongswan.conf): sections {@code name { ... }},
 * {@code key = value}, {@code #} comments, double-quoted values with escapes and line breaks,
 * {@code include PATTERN} with globs (relative to the including file), and references
 * {@code name : other.section}. It follows the behaviour of strongSwan 5.9's parser as verified with
 * swanctl (see docs/cli.md, "swanctl.conf"). Every file goes through {@link BoundedFiles}. Errors are
 * collected as problems with file, line and column; an include that matches nothing is a warning, as with
 * swanctl.
 */
public final class SettingsParser {

    /** The deepest nesting of includes followed. */
    public static final int MAX_INCLUDE_DEPTH = 10;
    /** The most files read for one configuration. */
    public static final int MAX_FILES = 1000;
    private static final String NAME_STOP = " \t\r\n{}=:#\",";

    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;
    private final Deque<Path> open = new ArrayDeque<>();
    private final List<Path> read = new ArrayList<>();
    /** every file an include named (read, unreadable or missing), in order */
    private final Set<Path> included = new LinkedHashSet<>();
    /** every directory an include glob listed (or would have, had it existed) */
    private final Set<Path> listed = new LinkedHashSet<>();

    private SettingsParser(List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        this.problems = problems;
        this.warnings = warnings;
    }

    /**
     * Reads a file and what it includes.
     *
     * @return the root section (unnamed); problems and warnings are added to the lists
     */
    public static Settings parseFile(Path file, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        SettingsParser p = new SettingsParser(problems, warnings);
        Settings root = new Settings("", new Location(file.toString(), 1, 1));
        p.file(file, file.toString(), root, 0, null);
        p.resolveReferences(root);
        return root;
    }

    /** Parses a text already read; includes in it are relative to {@code dir}. */
    public static Settings parseText(String text, String fileName, Path dir, List<ConfigProblem> problems,
            List<ConfigProblem> warnings) {
        SettingsParser p = new SettingsParser(problems, warnings);
        Settings root = new Settings("", new Location(fileName, 1, 1));
        p.statements(new Cursor(text, fileName), root, dir, 0, false, null);
        p.resolveReferences(root);
        return root;
    }

    /**
     * What reading a text touches through its includes, followed with the reader's rules (relative to the
     * including file, globs in the file name, nested includes): every file an include names, read or not (a
     * missing one too, so that its creation can be noticed), and every directory an include glob lists (also one
     * that does not exist). The text's own file is not among them. Problems are not reported here: reading the
     * configuration reports them.
     *
     * @param files the included files, in the order read
     * @param directories the directories of include globs
     */
    public record Includes(List<Path> files, List<Path> directories) {
    }

    /** @return what {@code text}, read as a file in {@code dir}, includes (see {@link Includes}) */
    public static Includes includes(String text, String fileName, Path dir) {
        SettingsParser p = new SettingsParser(new ArrayList<>(), new ArrayList<>());
        p.statements(new Cursor(text, fileName), new Settings("", new Location(fileName, 1, 1)), dir, 0, false, null);
        return new Includes(List.copyOf(p.included), List.copyOf(p.listed));
    }

    /** @return every file read, in order (the main file first) */
    List<Path> filesRead() {
        return List.copyOf(read);
    }

    private void file(Path file, String name, Settings into, int depth, Location includedAt) {
        Path real = file.toAbsolutePath().normalize();
        if (includedAt != null) {
            included.add(real);
        }
        if (open.contains(real)) {
            problems.add(at(includedAt, "include loop: " + name + " includes itself (directly or through other files)",
                    "remove the include that leads back to " + name));
            return;
        }
        if (read.size() >= MAX_FILES) {
            problems.add(at(includedAt, "more than " + MAX_FILES + " files included", "include fewer files"));
            return;
        }
        String text;
        try {
            text = BoundedFiles.utf8(BoundedFiles.read(file, BoundedFiles.CONFIG_LIMIT, "configuration file"));
        } catch (BoundedFiles.Refused e) {
            problems.add(new ConfigProblem(name, e.line(), e.column(), "", "cannot read the file: " + e.reason(),
                    e.hint()));
            return;
        }
        read.add(real);
        open.push(real);
        try {
            statements(new Cursor(text, name), into, real.getParent(), depth, false, null);
        } finally {
            open.pop();
        }
    }

    /** Reads statements into {@code section} until the end of the text or, when {@code nested}, its '}'. */
    private void statements(Cursor c, Settings section, Path dir, int depth, boolean nested, Location openedAt) {
        while (true) {
            c.skipSpaceAndComments(true);
            if (c.eof()) {
                if (nested) {
                    problems.add(at(c.loc(), "section '" + section.name() + "' opened at line " + openedAt.line()
                            + " is not closed", "add a '}' at the end of the section"));
                }
                return;
            }
            char ch = c.peek();
            if (ch == '}') {
                Location l = c.loc();
                c.next();
                if (nested) {
                    return;
                }
                problems.add(at(l, "'}' without a section to close", "remove it, or open the section with 'name {'"));
                continue;
            }
            Location at = c.loc();
            if (ch == '"') {
                problems.add(at(at, "a section or key name cannot be quoted", "write the name without quotes"));
                c.skipLine();
                continue;
            }
            String name = c.name();
            if (name.isEmpty()) {
                problems.add(at(at, "unexpected '" + ch + "'", "a line holds 'key = value', 'name {', '}' or"
                        + " 'include FILE'"));
                c.skipLine();
                continue;
            }
            c.skipBlanks();
            char next = c.eof() ? '\n' : c.peek();
            if (name.equals("include") && next != '=' && next != '{' && next != ':') {
                String pattern = c.value(problems);
                include(pattern, at, section, dir, depth);
                continue;
            }
            switch (next) {
                case '=' -> {
                    c.next();
                    c.skipBlanks();
                    Location vl = c.loc();
                    String v = c.value(problems);
                    section.put(new Settings.KeyValue(name, v.isEmpty() ? null : v, at, vl));
                }
                case '{', ':' -> {
                    if (name.equals("include")) {
                        problems.add(at(at, "a section cannot be named 'include'", "rename the section"));
                    }
                    Settings child = section.open(name, at);
                    if (next == ':') {
                        c.next();
                        references(c, child);
                    }
                    if (c.eof() || c.peek() != '{') {
                        problems.add(at(c.loc(), "expected '{' to open section '" + name + "'",
                                "write 'name : other.section {'"));
                        c.skipLine();
                        continue;
                    }
                    c.next();
                    statements(c, child, dir, depth, true, at);
                }
                default -> {
                    problems.add(at(at, "expected '=' or '{' after '" + name + "'",
                            "write 'key = value' or 'name {' (a name cannot hold blanks)"));
                    c.skipLine();
                }
            }
        }
    }

    private void references(Cursor c, Settings child) {
        while (true) {
            c.skipBlanks();
            Location l = c.loc();
            String ref = c.name();
            if (ref.isEmpty()) {
                problems.add(at(l, "expected the name of a section after ':'", "write 'name : other.section {'"));
                return;
            }
            child.references.add(new Settings.Reference(ref, l));
            c.skipBlanks();
            if (c.eof() || c.peek() != ',') {
                return;
            }
            c.next();
        }
    }

    private void include(String pattern, Location at, Settings section, Path dir, int depth) {
        if (pattern.isEmpty()) {
            problems.add(at(at, "include without a file name", "write 'include FILE' or 'include DIR/*.conf'"));
            return;
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            problems.add(at(at, "includes nested deeper than " + MAX_INCLUDE_DEPTH, "flatten the includes"));
            return;
        }
        Path p = dir == null ? Path.of(pattern) : dir.resolve(pattern);
        Path parent = p.getParent();
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        List<Path> files = new ArrayList<>();
        if (!hasGlob(pattern)) {
            if (Files.exists(p)) {
                files.add(p);
            } else {
                included.add(p.toAbsolutePath().normalize());
            }
        } else if (parent == null || hasGlob(parent.toString())) {
            problems.add(at(at, "include '" + pattern + "': globs are supported in the file name only",
                    "write e.g. 'include conf.d/*.conf'"));
            return;
        } else if (listedDirectory(parent)) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + last);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                for (Path f : ds) {
                    if (m.matches(f.getFileName()) && !Files.isDirectory(f)) {
                        files.add(f);
                    }
                }
            } catch (IOException e) {
                problems.add(at(at, "include '" + pattern + "': cannot list " + parent + ": "
                        + BoundedFiles.reason(e), "check the directory and its permissions"));
                return;
            }
            files.sort(null);
        }
        if (files.isEmpty()) {
            warnings.add(at(at, "include '" + pattern + "' matches no file", "ignored, as swanctl does"));
            return;
        }
        for (Path f : files) {
            file(f, f.toString(), section, depth + 1, at);
        }
    }

    /** @return whether the directory of an include glob exists (it is remembered as listed either way) */
    private boolean listedDirectory(Path dir) {
        listed.add(dir.toAbsolutePath().normalize());
        return Files.isDirectory(dir);
    }

    private static boolean hasGlob(String s) {
        return s.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[' || ch == '{');
    }

    private void resolveReferences(Settings root) {
        resolve(root, root, new HashSet<>(), new HashSet<>());
    }

    private void resolve(Settings root, Settings s, Set<Settings> done, Set<Settings> resolving) {
        if (done.contains(s) || !resolving.add(s)) {
            return;
        }
        for (Settings.Reference r : s.references) {
            Settings target = root;
            for (String part : r.path().split("\\.", -1)) {
                target = target == null ? null : target.section(part);
            }
            if (target == null) {
                problems.add(at(r.location(), "section '" + r.path() + "' is not defined",
                        "reference a section by its full path, e.g. connections.base"));
            } else if (resolving.contains(target)) {
                problems.add(at(r.location(), "reference '" + r.path() + "' loops back to this section",
                        "remove the circular reference"));
            } else {
                resolve(root, target, done, resolving);
                s.inherit(target);
            }
        }
        for (Settings child : s.sections()) {
            resolve(root, child, done, resolving);
        }
        resolving.remove(s);
        done.add(s);
    }

    private static ConfigProblem at(Location l, String message, String hint) {
        return new ConfigProblem(l == null ? null : l.file(), l == null ? 0 : l.line(), l == null ? 0 : l.column(),
                "", message, hint);
    }

    /** A position in one file's text. */
    static final class Cursor {
        private final String text;
        private final String file;
        private int pos;
        private int line = 1;
        private int column = 1;

        Cursor(String text, String file) {
            this.text = text;
            this.file = file;
        }

        boolean eof() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        char next() {
            char ch = text.charAt(pos++);
            if (ch == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            return ch;
        }

        Location loc() {
            return new Location(file, line, column);
        }

        void skipBlanks() {
            while (!eof() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) {
                next();
            }
        }

        /** Skips blanks and comments, and line breaks too if {@code newlines}. */
        void skipSpaceAndComments(boolean newlines) {
            while (!eof()) {
                char ch = peek();
                if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' && newlines) {
                    next();
                } else if (ch == '#') {
                    while (!eof() && peek() != '\n') {
                        next();
                    }
                } else {
                    return;
                }
            }
        }

        void skipLine() {
            while (!eof() && next() != '\n') {
                // skip
            }
        }

        /** @return a name: the characters up to a blank or one of { } = : # " , */
        String name() {
            int start = pos;
            while (!eof() && NAME_STOP.indexOf(peek()) < 0) {
                next();
            }
            return text.substring(start, pos);
        }

        /**
         * @return a value: the parts (unquoted runs, quoted strings) up to the end of the line, a comment, '{' or
         *     '}', joined by one blank; "" if there are none. The line break is not consumed.
         */
        String value(List<ConfigProblem> problems) {
            StringBuilder out = new StringBuilder();
            boolean any = false;
            while (true) {
                skipBlanks();
                if (eof()) {
                    break;
                }
                char ch = peek();
                if (ch == '\n' || ch == '{' || ch == '}') {
                    break;
                }
                if (ch == '#') {
                    skipSpaceAndComments(false);
                    break;
                }
                if (any) {
                    out.append(' ');
                }
                any = true;
                if (ch == '"') {
                    quoted(out, problems);
                } else {
                    while (!eof() && " \t\r\n#{}\"".indexOf(peek()) < 0) {
                        out.append(next());
                    }
                }
            }
            return out.toString();
        }

        private void quoted(StringBuilder out, List<ConfigProblem> problems) {
            Location start = loc();
            next();
            while (!eof()) {
                char ch = next();
                if (ch == '"') {
                    return;
                }
                if (ch != '\\') {
                    out.append(ch);
                    continue;
                }
                if (eof()) {
                    break;
                }
                char e = next();
                switch (e) {
                    case '\n' -> { } // backslash-newline joins the lines
                    case '\r' -> {
                        if (!eof() && peek() == '\n') {
                            next();
                        }
                    }
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    default -> out.append(e); // \" \\ and any other: the backslash is dropped
                }
            }
            problems.add(at(start, "quoted value not closed", "end it with '\"'"));
        }
    }
}
