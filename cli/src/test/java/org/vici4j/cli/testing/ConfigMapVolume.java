package org.vici4j.cli.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory laid out and updated the way the kubelet writes a ConfigMap volume (its AtomicWriter): the files of
 * a version in a hidden directory {@code ..<timestamp>}, a link {@code ..data} to it, and per key a link
 * {@code key -> ..data/key}. An update writes the next version's directory, points a new link {@code ..data_tmp}
 * at it and renames that over {@code ..data} (the atomic swap), then adds the links of new keys, removes those of
 * keys gone, and deletes the old version's directory.
 */
public final class ConfigMapVolume {

    private final Path dir;
    private int version;

    private ConfigMapVolume(Path dir) {
        this.dir = dir;
    }

    /** Creates the volume in {@code dir} (created if missing) with the given files (key to content). */
    public static ConfigMapVolume create(Path dir, Map<String, String> files) throws IOException {
        ConfigMapVolume v = new ConfigMapVolume(Files.createDirectories(dir));
        v.update(files);
        return v;
    }

    public Path dir() {
        return dir;
    }

    /** Replaces the volume's content with {@code files}, as the kubelet does after the ConfigMap changed. */
    public void update(Map<String, String> files) throws IOException {
        version++;
        Path next = Files.createDirectory(dir.resolve("..2026_12_02_10_00_00." + (1000 + version)));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(next.resolve(f.getKey()), f.getValue());
        }
        Path data = dir.resolve("..data");
        Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
        Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), next.getFileName());
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String key : files.keySet()) {
            Path link = dir.resolve(key);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", key));
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.startsWith(".") && !files.containsKey(name)) {
                    Files.delete(e);
                }
            }
        }
        if (old != null) {
            try (Stream<Path> walk = Files.walk(old)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
