package org.vici4j.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vici4j.lab.internal.LabScript;
import org.vici4j.lab.internal.SwanctlConfWriter;

/** One gateway of a {@link CharonLab}: a network namespace running its own charon. */
public final class Gateway {
    private final LabScript script;
    private final String lab;
    private final String name;
    private final Map<String, String> info;

    Gateway(LabScript script, String lab, String name) {
        this.script = script;
        this.lab = lab;
        this.name = name;
        this.info = parseInfo(script.check("info", lab, name));
    }

    private static Map<String, String> parseInfo(String line) {
        Map<String, String> map = new HashMap<>();
        for (String field : line.strip().split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                map.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return map;
    }

    public String name() {
        return name;
    }

    /** The network namespace, for {@code ip netns exec}. */
    public String namespace() {
        return info.get("ns");
    }

    /** The address on the gateway's link to the other gateways (192.0.2.i). */
    public String address() {
        return info.get("address");
    }

    /** The gateway's own subnet (a /22 of 198.18.0.0/15), for traffic selectors. */
    public String subnet() {
        return info.get("subnet");
    }

    /** The first address of {@link #subnet()}, which is on the gateway's lo. */
    public String host() {
        return info.get("host");
    }

    /** The vici socket as a URI, {@code unix:///...}, reachable from the root namespace. */
    public String viciUri() {
        return info.get("uri");
    }

    public Path socketPath() {
        return Path.of(viciUri().substring("unix://".length()));
    }

    public Path logPath() {
        return Path.of(info.get("log"));
    }

    /** The backend the gateway's charon runs with now. */
    public Backend backend() {
        return Backend.fromScriptName(parseInfo(script.check("info", lab, name)).get("backend"));
    }

    public boolean running() {
        return "yes".equals(parseInfo(script.check("info", lab, name)).get("running"));
    }

    public void start() {
        script.check("start", lab, name);
    }

    public void start(Backend backend) {
        script.check("start", lab, name, backend.scriptName());
    }

    public void stop() {
        script.check("stop", lab, name);
    }

    public void restart() {
        script.check("restart", lab, name);
    }

    /** Restarts the gateway's charon with another (or the same) kernel backend. */
    public void restart(Backend backend) {
        script.check("restart", lab, name, backend.scriptName());
    }

    /**
     * Loads a swanctl.conf-style configuration (connections, secrets, pools, authorities) with
     * {@code swanctl --load-all}, which also unloads what the text does not name.
     */
    public ProcessResult loadSwanctlConf(String swanctlConf) {
        Path file = null;
        try {
            file = Files.createTempFile("vici4j-lab-" + name, ".conf");
            Files.writeString(file, swanctlConf, StandardCharsets.UTF_8);
            ProcessResult r = script.run(List.of("load", lab, name, file.toString()));
            if (!r.succeeded()) {
                throw new LabException("loading configuration into gateway " + name + " failed (exit " + r.exitCode()
                        + "): " + r.output().strip());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /**
     * Loads a YAML configuration written in swanctl.conf's vocabulary (sections as mappings,
     * lists as YAML lists), converted to swanctl.conf text.
     */
    public ProcessResult loadYaml(String yaml) {
        return loadSwanctlConf(SwanctlConfWriter.fromYaml(yaml));
    }

    /** Runs swanctl against this gateway's socket; does not fail on a non-zero exit. */
    public ProcessResult swanctl(String... args) {
        List<String> all = new ArrayList<>(List.of("swanctl", lab, name));
        all.addAll(Arrays.asList(args));
        return script.run(all, Duration.ofMinutes(5));
    }

    /** Runs a command inside the gateway's namespace; does not fail on a non-zero exit. */
    public ProcessResult exec(String... command) {
        List<String> all = new ArrayList<>(List.of("exec", lab, name));
        all.addAll(Arrays.asList(command));
        return script.run(all, Duration.ofMinutes(5));
    }

    /** The gateway's charon log, from its first start. */
    public String log() {
        try {
            return Files.readString(logPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any line of the log matches. */
    public boolean logContains(Pattern pattern) {
        return pattern.matcher(log()).find();
    }

    @Override
    public String toString() {
        return "gateway " + name + " of lab " + lab;
    }
}
