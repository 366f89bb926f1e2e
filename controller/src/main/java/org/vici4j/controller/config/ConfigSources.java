package org.vici4j.controller.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.vici4j.controller.config.internal.BoundedFiles;
import org.vici4j.controller.config.swanctl.internal.SettingsParser;

/**
 * What reading configuration files with {@link DesiredStateLoader#loadAll} touches, found with the same rules: for
 * a directory, the configuration files in it ({@link ConfigDirectory#files}); for a swanctl.conf
 * ({@link DesiredStateLoader#isSwanctlConf}), the files its {@code include}s name, nested includes too (relative
 * to the including file, as swanctl), and the directories its include globs list. A watcher of the configuration
 * watches these: a changed included file, or a new or removed file matching an include glob, changes what a read
 * gives.
 *
 * <p>Computed from the files as they are now, without validating them: a file that cannot be read contributes
 * itself only, an include that names a missing file names that file (its creation is a change), and a glob whose
 * directory does not exist names that directory.
 *
 * @param files every file read or named: the given files (a directory's configuration files in its place), each
 *     followed by what it includes; absolute and normalized, without duplicates
 * @param directories the given directories and the directories of include globs; absolute and normalized
 */
public record ConfigSources(List<Path> files, List<Path> directories) {

    public ConfigSources {
        files = List.copyOf(files);
        directories = List.copyOf(directories);
    }

    /** @return what reading {@code configured} (files and directories, as given to the loader) touches now */
    public static ConfigSources of(List<Path> configured) {
        Set<Path> files = new LinkedHashSet<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path source : configured) {
            if (Files.isDirectory(source)) {
                dirs.add(source.toAbsolutePath().normalize());
                try {
                    for (Path f : ConfigDirectory.files(source)) {
                        withIncludes(f, files, dirs);
                    }
                } catch (IOException e) {
                    // gone or unreadable meanwhile: the directory stands for itself, the read says why
                }
            } else {
                withIncludes(source, files, dirs);
            }
        }
        return new ConfigSources(new ArrayList<>(files), new ArrayList<>(dirs));
    }

    /** Adds {@code file} and what it includes, relative to its directory as named (as the loader reads it). */
    private static void withIncludes(Path file, Set<Path> files, Set<Path> dirs) {
        files.add(file.toAbsolutePath().normalize());
        String text;
        try {
            text = BoundedFiles.utf8(BoundedFiles.read(file, BoundedFiles.CONFIG_LIMIT, "configuration file"));
        } catch (BoundedFiles.Refused e) {
            return; // missing, unreadable or too large: no includes known; the read reports it
        }
        if (DesiredStateLoader.isSwanctlConf(file, text)) {
            SettingsParser.Includes in = SettingsParser.includes(text, file.toString(),
                    file.toAbsolutePath().getParent());
            files.addAll(in.files());
            dirs.addAll(in.directories());
        }
    }
}
