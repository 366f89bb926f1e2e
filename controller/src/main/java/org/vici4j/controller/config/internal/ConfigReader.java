package org.vici4j.controller.config.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.Location;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.Node;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;

/**
 * Reads located YAML trees (one per file) into the parts of a desired state: checks the top-level shape, hands each
 * named section to its reader ({@link ConnectionReader}, {@link SecretReader}, pools and authorities through the
 * {@link OptionReader}, {@link ControllerSectionReader}), all sharing one {@link ReadContext} (source map, problems,
 * value checks). Option values are checked later by the {@link Validator}. Reports every problem it finds and goes on.
 */
public final class ConfigReader {

    /** The top-level sections. */
    public static final List<String> TOP_LEVEL = List.of("connections", "secrets", "pools", "authorities", "controller");

    private interface NamedReader {
        void read(String name, Entry entry, String path);
    }

    private final ReadContext ctx;
    private final OptionReader options;
    private final RetryReader retries;
    private final ConnectionReader connectionReader;
    private final SecretReader secretReader;
    private final ControllerSectionReader controllerReader;

    private final List<ConnectionReader.Pending> connections = new ArrayList<>();
    private final List<SecretConfig> secrets = new ArrayList<>();
    private final List<PoolConfig> pools = new ArrayList<>();
    private final List<AuthorityConfig> authorities = new ArrayList<>();
    private final Map<String, Location> declared = new HashMap<>();

    public ConfigReader(Function<String, String> env, SourceMap map, List<ConfigProblem> problems) {
        this.ctx = new ReadContext(env, map, problems);
        this.options = new OptionReader(ctx);
        this.retries = new RetryReader(ctx);
        this.connectionReader = new ConnectionReader(ctx, options, retries);
        this.secretReader = new SecretReader(ctx);
        this.controllerReader = new ControllerSectionReader(ctx, retries);
    }

    /** Reads one file's tree; {@code baseDir} resolves relative file names in it. */
    public void read(Node root, String fileName, Path baseDir) {
        ctx.startFile(baseDir);
        if (root instanceof ScalarNode s && s.isNull()) {
            return;
        }
        if (!(root instanceof MapNode top)) {
            ctx.problem(root.location(), "", "the file must be a mapping with sections like connections:, secrets:",
                    "start with e.g. 'connections:' at column 1");
            return;
        }
        for (Entry e : ctx.unique(top, "")) {
            switch (e.key()) {
                case "connections" -> sectionOfNamed(e, "connections", this::connection);
                case "secrets" -> sectionOfNamed(e, "secrets",
                        (name, x, p) -> secretReader.read(name, x, p).ifPresent(secrets::add));
                case "pools" -> sectionOfNamed(e, "pools", (name, x, p) -> options.flatOptions(x, p,
                                Schema.Context.POOL, "a pool", "a pool has addrs and attribute lists")
                        .ifPresent(opts -> pools.add(new PoolConfig(name, opts))));
                case "authorities" -> sectionOfNamed(e, "authorities", (name, x, p) -> options.flatOptions(x, p,
                                Schema.Context.AUTHORITY, "an authority", "an authority has cacert, file, handle, slot,"
                                        + " module, crl_uris, ocsp_uris and cert_uri_base")
                        .ifPresent(opts -> authorities.add(new AuthorityConfig(name, opts))));
                case "controller" -> controllerReader.read(e);
                default -> ctx.problem(e.keyLocation(), e.key(), "unknown top-level section '" + e.key() + "'",
                        Suggest.nearest(e.key(), TOP_LEVEL).map(s -> "did you mean " + s + "?")
                                .orElse("top-level sections are " + String.join(", ", TOP_LEVEL)));
            }
        }
    }

    /** Adds everything read to the builder, filling per-connection retry sections from the controller's. */
    public void finish(DesiredState.Builder builder) {
        RetryPolicy base = controllerReader.retryPolicy();
        builder.controller(controllerReader.settings(base));
        for (ConnectionReader.Pending pc : connections) {
            if (pc.retry() != null) {
                retries.apply(base, pc.retry()).ifPresent(pc.builder()::retry);
            }
            builder.connection(pc.builder().build());
        }
        secrets.forEach(builder::secret);
        pools.forEach(builder::pool);
        authorities.forEach(builder::authority);
    }

    private void connection(String name, Entry e, String path) {
        ConnectionReader.Pending pending = connectionReader.read(name, e, path);
        if (pending != null) {
            connections.add(pending);
        }
    }

    private void sectionOfNamed(Entry e, String path, NamedReader reader) {
        ctx.map().key(path, e.keyLocation());
        if (e.value() instanceof ScalarNode s && s.isNull()) {
            return;
        }
        if (!(e.value() instanceof MapNode m)) {
            ctx.problem(e.value().location(), path, path + " must be a mapping of names to sections, not "
                            + e.value().kind(),
                    "write '" + path + ":' and below it, indented, '<name>:' with the options");
            return;
        }
        for (Entry named : ctx.unique(m, path)) {
            String p = path + "." + named.key();
            Location first = declared.putIfAbsent(p, named.keyLocation());
            if (first != null) {
                ctx.problem(named.keyLocation(), p, "duplicate name '" + named.key() + "', already declared at "
                        + first.file() + ":" + first.line() + ":" + first.column(),
                        "names must be unique across all files; rename one or remove the duplicate");
                continue;
            }
            ctx.map().key(p, named.keyLocation());
            reader.read(named.key(), named, p);
        }
    }
}
