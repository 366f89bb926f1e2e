package org.vici4j.controller.config.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.Durations;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.Location;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;

/**
 * What the section readers share while reading YAML: the environment (for {@code {env: ...}} secrets), the
 * {@link SourceMap} every location goes to, the list of problems, the directory of the file being read, and the
 * checks of shape and value that every section makes (repeated keys, sections, single values, durations).
 */
final class ReadContext {

    private final Function<String, String> env;
    private final SourceMap map;
    private final List<ConfigProblem> problems;
    private Path baseDir;

    ReadContext(Function<String, String> env, SourceMap map, List<ConfigProblem> problems) {
        this.env = env;
        this.map = map;
        this.problems = problems;
    }

    /** Starts a file: relative file names in it are resolved against {@code dir}. */
    void startFile(Path dir) {
        this.baseDir = dir;
    }

    Path resolve(String fileName) {
        return baseDir.resolve(fileName);
    }

    /** @return the environment variable's value, null if it is not set */
    String env(String variable) {
        return env.apply(variable);
    }

    SourceMap map() {
        return map;
    }

    void problem(Location loc, String path, String message, String hint) {
        problems.add(SourceMap.at(loc, path, message, hint));
    }

    void errorAtKey(String path, String message, String hint) {
        problems.add(map.atKey(path, message, hint));
    }

    /** @return the entries of a mapping, reporting and dropping repeated keys */
    List<Entry> unique(MapNode m, String path) {
        Map<String, Location> seen = new HashMap<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : m.entries()) {
            Location first = seen.putIfAbsent(e.key(), e.keyLocation());
            if (first != null) {
                problem(e.keyLocation(), join(path, e.key()), "duplicate key '" + e.key() + "' (first at line "
                        + first.line() + ")", "remove one of them; YAML keeps only one value per key");
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** @return the entries of a mapping without repeats, each key's location recorded under {@code path.key} */
    List<Entry> keyedEntries(MapNode m, String path) {
        List<Entry> entries = unique(m, path);
        entries.forEach(x -> map.key(path + "." + x.key(), x.keyLocation()));
        return entries;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** @return the mapping of a named section; null (with a problem) if it is not one; empty for an empty value */
    MapNode body(Entry e, String path) {
        if (e.value() instanceof ScalarNode s && s.isNull()) {
            return new MapNode(List.of(), e.value().location());
        }
        if (e.value() instanceof MapNode m) {
            return m;
        }
        problem(e.value().location(), path, "'" + e.key() + "' must be a section (a mapping), not " + e.value().kind(),
                "indent its options below it, e.g. '" + e.key() + ":' then '  key: value'");
        return null;
    }

    /** @return the single value of an entry, recording its location; empty (with a problem) if it has none */
    Optional<String> scalar(Entry x, String p) {
        map.value(p, x.value().location());
        if (x.value() instanceof ScalarNode s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problem(x.value().location(), p, "'" + x.key() + "' needs a single value, not " + x.value().kind(), null);
        return Optional.empty();
    }

    /** @return the duration written at {@code loc}; empty (with a problem) if it is not one */
    Optional<Duration> duration(String s, Location loc, String path) {
        Optional<Duration> d = Durations.parse(s);
        if (d.isEmpty()) {
            problem(loc, path, "'" + s + "' is not a duration", "use a number with a unit ms, s, m, h or d, e.g. 30s or 5m");
        }
        return d;
    }

    /** @return a finite number, empty if {@code s} is not one */
    static Optional<Double> number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
