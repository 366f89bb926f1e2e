package org.vici4j.controller.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.vici4j.controller.config.internal.AlgorithmNames;
import org.vici4j.controller.config.internal.BoundedFiles;
import org.vici4j.controller.config.internal.ConfigReader;
import org.vici4j.controller.config.internal.SourceMap;
import org.vici4j.controller.config.internal.YamlTree;
import org.vici4j.controller.config.swanctl.internal.Settings;
import org.vici4j.controller.config.swanctl.internal.SettingsParser;
import org.vici4j.controller.config.swanctl.internal.SwanctlTree;

/**
 * Reads the desired state from YAML files written in swanctl.conf's vocabulary (see
 * docs/controller.md). Several files merge into one state; a name declared twice is an error.
 * Secrets and certificate files are read, and environment variables looked up, at load time.
 * Either every file is valid and a {@link DesiredState} is returned, or a
 * {@link ConfigValidationException} lists every problem with file, line and column.
 */
public final class DesiredStateLoader {

    private final Function<String, String> environment;
    private final Path baseDirectory;
    private final boolean strict;
    private final CharonAlgorithms algorithms;
    private final boolean swanctlDirectoryCredentials;

    private DesiredStateLoader(Builder b) {
        this.environment = b.environment;
        this.baseDirectory = b.baseDirectory;
        this.strict = b.strict;
        this.algorithms = b.algorithms;
        this.swanctlDirectoryCredentials = b.swanctlDirectoryCredentials;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads files with the process environment; see {@link #loadAll(List)}. */
    public static DesiredState load(Path... files) {
        return builder().build().loadAll(List.of(files));
    }

    /** Parses one YAML text with the process environment; see {@link #parseText(String, String)}. */
    public static DesiredState parse(String yaml, String fileName) {
        return builder().build().parseText(yaml, fileName);
    }

    /**
     * Loads and merges files; relative file names inside a file are resolved against that file's
     * directory. A directory stands for the configuration files in it ({@link ConfigDirectory#files}), in name
     * order; one that holds none is a problem (it would read as "unload everything").
     * A file in strongSwan's settings syntax (a swanctl.conf: see {@link #isSwanctlConf}) is read
     * with swanctl's meaning, includes and credential directories.
     *
     * @throws ConfigValidationException listing every problem, including files that cannot be read
     */
    public DesiredState loadAll(List<Path> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        SourceMap map = new SourceMap();
        ConfigReader reader = new ConfigReader(environment, map, problems);
        List<ConfigProblem> shadows = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        for (Path source : files) {
            if (Files.isDirectory(source)) {
                List<Path> inDirectory;
                try {
                    inDirectory = ConfigDirectory.files(source);
                } catch (IOException e) {
                    problems.add(new ConfigProblem(source.toString(), 0, 0, "", "cannot list the directory: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                            "check that the directory exists and is readable by this user"));
                    continue;
                }
                if (inDirectory.isEmpty()) {
                    problems.add(new ConfigProblem(source.toString(), 0, 0, "",
                            "the directory holds no configuration file (*.yaml, *.yml or *.conf; names starting with a dot"
                                    + " are ignored)",
                            "put the desired state in files named NAME.yaml in it; if nothing is to be loaded, say so"
                                    + " in one: 'connections: {}'"));
                    continue;
                }
                inDirectory.forEach(f -> readFile(f, reader, problems, shadows, warnings));
            } else {
                readFile(source, reader, problems, shadows, warnings);
            }
        }
        return finish(reader, map, problems, shadows, warnings);
    }

    /**
     * The one place that decides how a file is read: a file whose name ends in {@code .conf}, or whose first
     * statement is in strongSwan's settings syntax ({@code name {}, {@code key = value}, {@code include}), is a
     * swanctl.conf; anything else (also any {@code .yaml}/{@code .yml} file) is vici4j's YAML.
     */
    public static boolean isSwanctlConf(Path file, String text) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return false;
        }
        return n.endsWith(".conf") || SwanctlTree.looksLikeSettings(text);
    }

    private void readSwanctlConf(String text, String name, Path dir, ConfigReader reader, List<ConfigProblem> problems,
            List<ConfigProblem> warnings) {
        int before = problems.size();
        Settings root = SettingsParser.parseText(text, name, dir, problems, warnings);
        if (problems.size() > before) {
            return; // a syntax error: what follows it is not known
        }
        YamlTree.MapNode tree = SwanctlTree.convert(root, dir, swanctlDirectoryCredentials, problems, warnings);
        if (swanctlDirectoryCredentials && problems.size() == before && tree.entries().isEmpty()) {
            problems.add(new ConfigProblem(name, 1, 1, "", "the file declares nothing (no connections, secrets,"
                    + " pools or authorities)", "a controller does not take an empty file as 'unload everything';"
                    + " give a file with at least one section"));
            return;
        }
        reader.read(tree, name, dir);
    }

    /**
     * Reads one file into the reader: its text, bounded, then its parse tree by its format ({@link #isSwanctlConf}).
     * The parse is the per-file step: a file becomes a tree of sections with file, line and column on every node,
     * which the reader merges with the other files' (names declared twice are found there, across files and formats).
     */
    private void readFile(Path f, ConfigReader reader, List<ConfigProblem> problems, List<ConfigProblem> shadows,
            List<ConfigProblem> warnings) {
        String name = f.toString();
        String text;
        try {
            text = BoundedFiles.utf8(BoundedFiles.read(f, BoundedFiles.CONFIG_LIMIT, "configuration file"));
        } catch (BoundedFiles.Refused e) {
            problems.add(new ConfigProblem(name, e.line(), e.column(), "", "cannot read the file: " + e.reason(),
                    e.hint()));
            return;
        }
        Path dir = f.toAbsolutePath().getParent();
        if (isSwanctlConf(f, text)) {
            readSwanctlConf(text, name, dir, reader, problems, warnings);
        } else {
            parse(text, name, dir, reader, problems, shadows, true);
        }
    }

    /** Parses one YAML text; relative file names in it are resolved against the base directory. */
    public DesiredState parseText(String yaml, String fileName) {
        Map<String, String> one = new LinkedHashMap<>();
        one.put(fileName, yaml);
        return parseTexts(one);
    }

    /** Parses and merges several YAML texts, keyed by file name, in map order. */
    public DesiredState parseTexts(Map<String, String> yamlByFileName) {
        List<ConfigProblem> problems = new ArrayList<>();
        SourceMap map = new SourceMap();
        ConfigReader reader = new ConfigReader(environment, map, problems);
        List<ConfigProblem> shadows = new ArrayList<>();
        yamlByFileName.forEach((name, yaml) -> parse(yaml, name, baseDirectory, reader, problems, shadows, false));
        return finish(reader, map, problems, shadows, List.of());
    }

    /**
     * Parses one file's text into the reader. A text that declares nothing (empty, blank, only comments, only
     * empty sections) is refused: a file emptied or truncated by a writer must not read as "unload everything";
     * an empty desired state is said explicitly ({@code connections: {}}). A file (not a text given in code) must
     * end with a line break: without one it may be a writer's half-written file.
     */
    private static void parse(String text, String name, Path dir, ConfigReader reader, List<ConfigProblem> problems,
            List<ConfigProblem> shadows, boolean file) {
        int before = problems.size();
        // blank (also with tabs, which YAML refuses as indentation): nothing to parse
        Optional<YamlTree.Node> root = text.isBlank() ? Optional.empty()
                : YamlTree.parse(text, name, problems, shadows);
        if (problems.size() == before && declaresNothing(root)) {
            YamlTree.Location at = root.map(YamlTree.Node::location).orElse(new YamlTree.Location(name, 1, 1));
            problems.add(new ConfigProblem(name, Math.max(1, at.line()), Math.max(1, at.column()), "",
                    root.isEmpty() || root.get() instanceof YamlTree.ScalarNode
                            ? (file ? "the file" : "the text") + " declares nothing (it is empty, or holds only comments)"
                            : (file ? "the file" : "the text") + " declares nothing (its sections are empty)",
                    "if nothing is to be loaded, say so: write 'connections: {}'"));
            return;
        }
        if (file && !text.isBlank() && !text.endsWith("\n")) {
            int line = (int) text.chars().filter(c -> c == '\n').count() + 1;
            int column = text.length() - (text.lastIndexOf('\n') + 1) + 1;
            problems.add(new ConfigProblem(name, line, column, "",
                    "the file does not end with a line break: it may be incomplete (still being written)",
                    "end the last line with a line break; write configuration files atomically (write a new file,"
                            + " then rename it over the old one)"));
        }
        root.ifPresent(r -> reader.read(r, name, dir));
    }

    /**
     * @return whether {@code p} only repeats a YAML refusal: a problem at its location, or at or below its path, of
     *     a node that stands as an empty value or a value of unknown intent (an alias, a merge key, a tag, ...)
     */
    private static boolean repeats(ConfigProblem p, List<ConfigProblem> shadows) {
        for (ConfigProblem s : shadows) {
            if (p.equals(s)) {
                return false;
            }
        }
        for (ConfigProblem s : shadows) {
            if (Objects.equals(p.file(), s.file()) && (p.line() == s.line() && p.column() == s.column()
                    || !s.path().isEmpty() && (p.path().equals(s.path()) || p.path().startsWith(s.path() + ".")
                            || p.path().startsWith(s.path() + "[")))) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a parsed document declares nothing: no document, a null root, or only empty sections */
    private static boolean declaresNothing(Optional<YamlTree.Node> root) {
        if (root.isEmpty()) {
            return true;
        }
        if (root.get() instanceof YamlTree.ScalarNode s) {
            return s.isNull();
        }
        if (root.get() instanceof YamlTree.MapNode m) {
            return m.entries().stream().allMatch(e -> e.value() instanceof YamlTree.ScalarNode s && s.isNull());
        }
        return false;
    }

    private DesiredState finish(ConfigReader reader, SourceMap map, List<ConfigProblem> problems,
            List<ConfigProblem> shadows, List<ConfigProblem> warnings) {
        DesiredState.Builder builder = DesiredState.builder().strict(strict);
        reader.finish(builder);
        try {
            DesiredState state = builder.build(map, problems, warnings);
            if (algorithms != null) {
                List<ConfigProblem> unavailable = AlgorithmNames.problems(state, map, algorithms);
                if (!unavailable.isEmpty()) {
                    throw new ConfigValidationException(unavailable);
                }
            }
            return state;
        } catch (ConfigValidationException e) {
            if (shadows.isEmpty()) {
                throw e;
            }
            throw new ConfigValidationException(e.problems().stream().filter(p -> !repeats(p, shadows)).toList());
        }
    }

    /** Options of a loader. */
    public static final class Builder {
        private Function<String, String> environment = System::getenv;
        private Path baseDirectory = Path.of("").toAbsolutePath();
        private boolean strict;
        private CharonAlgorithms algorithms;
        private boolean swanctlDirectoryCredentials = true;

        private Builder() {
        }

        /**
         * Whether the credential directories beside a swanctl.conf belong to the state (default): their private
         * keys become private-key secrets, and an encrypted key, a PKCS#12 container or a certificate nothing
         * references is refused. Without, they are left out (for commands that load them themselves, like
         * {@code vici load-creds}), and an empty swanctl.conf is accepted.
         */
        public Builder swanctlDirectoryCredentials(boolean include) {
            this.swanctlDirectoryCredentials = include;
            return this;
        }

        /** Where {@code {env: NAME}} looks names up; default the process environment. */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment);
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            Map<String, String> copy = Map.copyOf(environment);
            this.environment = copy::get;
            return this;
        }

        /** Resolves relative file names of YAML given as text; default the working directory. */
        public Builder baseDirectory(Path dir) {
            this.baseDirectory = dir.toAbsolutePath();
            return this;
        }

        /** Treat warnings (e.g. a psk connection no ike secret covers) as errors. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Also refuses proposals naming an algorithm that charon does not offer (its {@code get-algorithms}), each
         * with its file and line; default: not checked (no charon at hand).
         */
        public Builder algorithms(CharonAlgorithms algorithms) {
            this.algorithms = algorithms;
            return this;
        }

        public DesiredStateLoader build() {
            return new DesiredStateLoader(this);
        }
    }
}
