package org.vici4j.controller.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A directory given where a configuration file is accepted ({@code -f DIR}): the files in it that are read, as one
 * desired state. Read are the entries whose names end with {@code .yaml} or {@code .yml} (vici4j's YAML) or
 * {@code .conf} (swanctl.conf files, read with swanctl's meaning), in name order, following
 * symbolic links (a Kubernetes ConfigMap mounted as a directory holds {@code DIR/name -> ..data/name}, with
 * {@code ..data} a link to the current version's directory). Ignored: names starting with a dot ({@code ..data}
 * itself, the kubelet's {@code ..2026_...} directories, editors' {@code .name.swp} and {@code .#name}), names of other
 * endings (editors' {@code name~}, {@code #name#}, {@code 4913}, {@code *.tmp}) and sub-directories (not descended).
 * A swanctl.conf's own {@code include}s are read through it, not as entries of the directory: keep included files in
 * a sub-directory (swanctl's {@code conf.d/}) so that they are not read twice.
 */
public final class ConfigDirectory {

    private ConfigDirectory() {
    }

    /** @return whether an entry of this name in a configuration directory is read */
    public static boolean isConfigFileName(String name) {
        if (name.isEmpty() || name.startsWith(".")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".conf");
    }

    /**
     * @return the configuration files in {@code dir} (see the class comment), sorted by name; entries that are not
     *     regular files (following links), such as sub-directories named {@code x.yaml}, are left out
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (isConfigFileName(e.getFileName().toString()) && !Files.isDirectory(e)) {
                    found.add(e); // a dangling link stays: reading it reports the problem
                }
            }
        }
        found.sort(null);
        return found;
    }
}
