package org.vici4j.controller.config.swanctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.internal.BoundedFiles;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.Node;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;
import org.vici4j.controller.config.swanctl.internal.Settings;
import org.vici4j.controller.config.swanctl.internal.SettingsParser;
import org.vici4j.controller.config.swanctl.internal.SwanctlTree;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * swanctl.conf as vici4j reads it. {@link DesiredStateLoader} reads a swanctl.conf as a desired state; this class
 * turns one into the equivalent vici4j YAML ({@link #toYaml}), and names swanctl's defaults.
 */
public final class SwanctlConf {

    /** swanctl's default configuration file. */
    public static final Path DEFAULT_FILE = Path.of("/etc/swanctl/swanctl.conf");

    private SwanctlConf() {
    }

    /**
     * The vici4j YAML equivalent to a swanctl.conf and its credential directories: every connection, child,
     * pool and authority, the shared secrets and tokens, and the keys of the key directories (as file
     * references). Secret values (a {@code secret}, a token's {@code pin}) are never written into the YAML: each
     * is written to a file of its own in {@code secretsDir} (mode 0600, created if needed) and referenced as
     * {@code {file: ...}}. Certificate and key files are referenced by absolute path.
     *
     * @param secretsDir where secret values go; may be null if the file has none
     * @throws ConfigValidationException if the file is invalid, holds something the desired state cannot hold
     *     (with file and line), or holds secrets and {@code secretsDir} is null
     * @throws IOException if a secret file cannot be written
     */
    public static String toYaml(Path file, Path secretsDir) throws IOException {
        // everything the controller would refuse is refused here, with its location
        DesiredStateLoader.builder().environment(name -> null).build().loadAll(List.of(file));
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        String text;
        try {
            text = BoundedFiles.utf8(BoundedFiles.read(file, BoundedFiles.CONFIG_LIMIT, "configuration file"));
        } catch (BoundedFiles.Refused e) {
            throw new ConfigValidationException(List.of(new ConfigProblem(file.toString(), 0, 0, "",
                    "cannot read the file: " + e.reason(), e.hint())));
        }
        Path dir = file.toAbsolutePath().getParent();
        Settings root = SettingsParser.parseText(text, file.toString(), dir, problems, warnings);
        MapNode tree = SwanctlTree.convert(root, dir, true, problems, warnings);
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems);
        }
        Map<String, Object> yaml = new LinkedHashMap<>();
        for (Entry top : tree.entries()) {
            if (top.key().equals("secrets")) {
                yaml.put("secrets", secrets((MapNode) top.value(), secretsDir));
            } else {
                yaml.put(top.key(), plain(top.value()));
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(1000);
        return "# vici4j desired state converted from " + file.toAbsolutePath() + " by 'vici import'\n"
                + new Yaml(options).dump(yaml);
    }

    private static Map<String, Object> secrets(MapNode secrets, Path secretsDir) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry s : secrets.entries()) {
            Map<String, Object> body = new LinkedHashMap<>();
            for (Entry kv : ((MapNode) s.value()).entries()) {
                String text = ((ScalarNode) kv.value()).text();
                if (kv.key().equals("secret") || kv.key().equals("pin")) {
                    if (secretsDir == null) {
                        throw new ConfigValidationException(List.of(new ConfigProblem(kv.keyLocation().file(),
                                kv.keyLocation().line(), kv.keyLocation().column(), "secrets." + s.key(),
                                "the file holds secrets, and vici never prints them",
                                "give --secrets-dir DIR: each secret is written to a file there (mode 0600) and"
                                        + " the YAML refers to it")));
                    }
                    Path f = writeSecret(secretsDir, s.key() + (kv.key().equals("pin") ? ".pin" : ""), text);
                    body.put(kv.key(), Map.of("file", f.toString()));
                } else {
                    body.put(kv.key(), text);
                }
            }
            out.put(s.key(), body);
        }
        return out;
    }

    private static Path writeSecret(Path dir, String name, String value) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name).toAbsolutePath();
        Files.deleteIfExists(f);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(f, (value + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
        return f;
    }

    private static Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            return s.text();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : ((MapNode) n).entries()) {
            out.put(e.key(), plain(e.value()));
        }
        return out;
    }
}
