package org.vici4j.controller.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.vici4j.controller.config.internal.ConfigReader;
import org.vici4j.controller.config.internal.SourceMap;
import org.vici4j.controller.config.internal.YamlTree;

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

    private DesiredStateLoader(Builder b) {
        this.environment = b.environment;
        this.baseDirectory = b.baseDirectory;
        this.strict = b.strict;
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
     * directory.
     *
     * @throws ConfigValidationException listing every problem, including files that cannot be read
     */
    public DesiredState loadAll(List<Path> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        SourceMap map = new SourceMap();
        ConfigReader reader = new ConfigReader(environment, map, problems);
        for (Path f : files) {
            String name = f.toString();
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                problems.add(new ConfigProblem(name, 0, 0, "", "cannot read the file: "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()),
                        "check the path and permissions"));
                continue;
            }
            Path dir = f.toAbsolutePath().getParent();
            YamlTree.parse(text, name, problems).ifPresent(root -> reader.read(root, name, dir));
        }
        return finish(reader, map, problems);
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
        yamlByFileName.forEach((name, yaml) ->
                YamlTree.parse(yaml, name, problems).ifPresent(root -> reader.read(root, name, baseDirectory)));
        return finish(reader, map, problems);
    }

    private DesiredState finish(ConfigReader reader, SourceMap map, List<ConfigProblem> problems) {
        DesiredState.Builder builder = DesiredState.builder().strict(strict);
        reader.finish(builder);
        return builder.build(map, problems);
    }

    /** Options of a loader. */
    public static final class Builder {
        private Function<String, String> environment = System::getenv;
        private Path baseDirectory = Path.of("").toAbsolutePath();
        private boolean strict;

        private Builder() {
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

        public DesiredStateLoader build() {
            return new DesiredStateLoader(this);
        }
    }
}
