package org.vici4j.controller.config.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.AuthRound;
import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.CertificateSection;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConfigOptions;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.ControllerSettings;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.PrivateKeySecret;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.config.SecretValue;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.config.TokenSecret;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.Location;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.Node;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;
import org.vici4j.controller.config.internal.YamlTree.SeqNode;

/**
 * Reads located YAML trees (one per file) into the parts of a desired state: checks the shape
 * (which keys are sections, lists or values), resolves files and environment variables (secrets,
 * certificates) and records every location in a {@link SourceMap}. Option values are checked later
 * by the {@link Validator}. Reports every problem it finds and goes on.
 */
public final class ConfigReader {

    /** The top-level sections. */
    public static final List<String> TOP_LEVEL = List.of("connections", "secrets", "pools", "authorities", "controller");
    private static final List<String> CONTROLLER_KEYS = List.of("resync", "retry", "owner", "maxPruneShare");
    private static final List<String> RETRY_KEYS = List.of("initial", "max", "multiplier", "jitter", "attempts");
    private static final List<String> SECRET_TYPES = List.of(
            "eap", "xauth", "ntlm", "ike", "ppk", "private", "rsa", "ecdsa", "pkcs8", "pkcs12", "token");
    private static final Pattern CONTROLLER_DURATION = Pattern.compile("(?:([0-9]+)(ms|s|m|h|d))");

    /** A retry section as written; absent fields come from the controller default. */
    private record RetrySpec(Duration initial, Duration max, Double multiplier, Double jitter,
                             Optional<OptionalInt> attempts, String path) {
    }

    private record PendingConnection(ConnectionConfig.Builder builder, RetrySpec retry) {
    }

    private final Function<String, String> env;
    private final SourceMap map;
    private final List<ConfigProblem> problems;

    private final List<PendingConnection> connections = new ArrayList<>();
    private final List<SecretConfig> secrets = new ArrayList<>();
    private final List<PoolConfig> pools = new ArrayList<>();
    private final List<AuthorityConfig> authorities = new ArrayList<>();
    private final Map<String, Location> declared = new HashMap<>();
    private Location controllerLocation;
    private Duration resync;
    private String owner;
    private Double maxPruneShare;
    private RetrySpec globalRetry;

    private String file;
    private Path baseDir;

    public ConfigReader(Function<String, String> env, SourceMap map, List<ConfigProblem> problems) {
        this.env = env;
        this.map = map;
        this.problems = problems;
    }

    /** Reads one file's tree; {@code baseDir} resolves relative file names in it. */
    public void read(Node root, String fileName, Path baseDir) {
        this.file = fileName;
        this.baseDir = baseDir;
        if (root instanceof ScalarNode s && s.isNull()) {
            return;
        }
        if (!(root instanceof MapNode top)) {
            problem(root.location(), "", "the file must be a mapping with sections like connections:, secrets:",
                    "start with e.g. 'connections:' at column 1");
            return;
        }
        for (Entry e : unique(top, "")) {
            switch (e.key()) {
                case "connections" -> sectionOfNamed(e, "connections", this::connection);
                case "secrets" -> sectionOfNamed(e, "secrets", this::secret);
                case "pools" -> sectionOfNamed(e, "pools", this::pool);
                case "authorities" -> sectionOfNamed(e, "authorities", this::authority);
                case "controller" -> controller(e);
                default -> problem(e.keyLocation(), e.key(), "unknown top-level section '" + e.key() + "'",
                        Suggest.nearest(e.key(), TOP_LEVEL).map(s -> "did you mean " + s + "?")
                                .orElse("top-level sections are " + String.join(", ", TOP_LEVEL)));
            }
        }
    }

    /** Adds everything read to the builder, filling per-connection retry sections from the controller's. */
    public void finish(org.vici4j.controller.config.DesiredState.Builder builder) {
        RetryPolicy base = RetryPolicy.DEFAULT;
        if (globalRetry != null) {
            base = apply(base, globalRetry).orElse(RetryPolicy.DEFAULT);
        }
        ControllerSettings cs = ControllerSettings.DEFAULT;
        try {
            cs = new ControllerSettings(resync != null ? resync : cs.resync(), base, owner != null ? owner : cs.owner(),
                    maxPruneShare != null ? maxPruneShare : cs.maxPruneShare());
        } catch (IllegalArgumentException ex) {
            problem(controllerLocation, "controller", ex.getMessage(), null);
        }
        builder.controller(cs);
        for (PendingConnection pc : connections) {
            if (pc.retry() != null) {
                apply(base, pc.retry()).ifPresent(pc.builder()::retry);
            }
            builder.connection(pc.builder().build());
        }
        secrets.forEach(builder::secret);
        pools.forEach(builder::pool);
        authorities.forEach(builder::authority);
    }

    private Optional<RetryPolicy> apply(RetryPolicy base, RetrySpec spec) {
        try {
            RetryPolicy p = base;
            if (spec.initial() != null) {
                p = new RetryPolicy(spec.initial(), spec.max() != null ? spec.max()
                        : (p.max().compareTo(spec.initial()) < 0 ? spec.initial() : p.max()),
                        p.multiplier(), p.jitter(), p.attempts());
            }
            if (spec.max() != null) {
                p = p.withMax(spec.max());
            }
            if (spec.multiplier() != null) {
                p = p.withMultiplier(spec.multiplier());
            }
            if (spec.jitter() != null) {
                p = p.withJitter(spec.jitter());
            }
            if (spec.attempts() != null) {
                p = p.withAttempts(spec.attempts().get());
            }
            return Optional.of(p);
        } catch (IllegalArgumentException ex) {
            errorAtKey(spec.path(), ex.getMessage(), "retry.max must be at least retry.initial");
            return Optional.empty();
        }
    }

    // ----------------------------------------------------------------------------------- structure

    private interface NamedReader {
        void read(String name, Entry entry, String path);
    }

    private void sectionOfNamed(Entry e, String path, NamedReader reader) {
        map.key(path, e.keyLocation());
        if (e.value() instanceof ScalarNode s && s.isNull()) {
            return;
        }
        if (!(e.value() instanceof MapNode m)) {
            problem(e.value().location(), path, path + " must be a mapping of names to sections, not " + e.value().kind(),
                    "write '" + path + ":' and below it, indented, '<name>:' with the options");
            return;
        }
        for (Entry named : unique(m, path)) {
            String p = path + "." + named.key();
            Location first = declared.putIfAbsent(p, named.keyLocation());
            if (first != null) {
                problem(named.keyLocation(), p, "duplicate name '" + named.key() + "', already declared at "
                        + first.file() + ":" + first.line() + ":" + first.column(),
                        "names must be unique across all files; rename one or remove the duplicate");
                continue;
            }
            map.key(p, named.keyLocation());
            reader.read(named.key(), named, p);
        }
    }

    /** @return the entries of a mapping, reporting and dropping repeated keys */
    private List<Entry> unique(MapNode m, String path) {
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

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** @return the mapping of a named section; null (with a problem) if it is not one; empty for an empty value */
    private MapNode body(Entry e, String path) {
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

    // --------------------------------------------------------------------------------- connections

    private void connection(String name, Entry e, String path) {
        MapNode m = body(e, path);
        if (m == null) {
            return;
        }
        ConnectionConfig.Builder b = ConnectionConfig.builder(name);
        ConfigOptions.Builder opts = ConfigOptions.builder();
        RetrySpec retry = null;
        for (Entry x : unique(m, path)) {
            String p = path + "." + x.key();
            map.key(p, x.keyLocation());
            String lower = x.key().toLowerCase(Locale.ROOT);
            if (x.key().equals(Schema.CHILDREN)) {
                MapNode children = body(x, p);
                if (children != null) {
                    for (Entry c : unique(children, p)) {
                        map.key(p + "." + c.key(), c.keyLocation());
                        ChildConfig child = child(c, p + "." + c.key());
                        if (child != null) {
                            b.child(child);
                        }
                    }
                }
            } else if (x.key().equals(Schema.RETRY)) {
                retry = retry(x, p);
            } else if ((lower.startsWith("local") || lower.startsWith("remote"))
                    && Schema.option(Schema.Context.CONNECTION, x.key()).isEmpty()
                    && (x.value() instanceof MapNode || x.value() instanceof ScalarNode sn && sn.isNull()
                        || lower.matches("(local|remote)(-.*)?"))) {
                AuthRound a = auth(x, p);
                if (a != null) {
                    b.auth(a);
                }
            } else if (x.value() instanceof MapNode) {
                problem(x.keyLocation(), p, "unknown section '" + x.key() + "'",
                        Suggest.nearest(x.key(), List.of("children", "local", "remote", "retry"))
                                .map(s -> "did you mean " + s + "?")
                                .orElse("a connection has sections local[-*], remote[-*], children and retry; everything else is an option"));
            } else {
                option(Schema.Context.CONNECTION, x, p, opts);
            }
        }
        b.options(opts.build());
        connections.add(new PendingConnection(b, retry));
    }

    private AuthRound auth(Entry e, String path) {
        MapNode m = body(e, path);
        if (m == null) {
            return null;
        }
        List<CertificateSection> certificates = new ArrayList<>();
        ConfigOptions.Builder opts = ConfigOptions.builder();
        for (Entry x : unique(m, path)) {
            String p = path + "." + x.key();
            map.key(p, x.keyLocation());
            String lower = x.key().toLowerCase(Locale.ROOT);
            if (x.value() instanceof MapNode cm) {
                if (lower.startsWith("cert") || lower.startsWith("cacert")) {
                    ConfigOptions.Builder co = ConfigOptions.builder();
                    for (Entry ce : unique(cm, p)) {
                        String cp = p + "." + ce.key();
                        map.key(cp, ce.keyLocation());
                        if (ce.value() instanceof MapNode) {
                            problem(ce.keyLocation(), cp, "unexpected section '" + ce.key() + "'",
                                    "a certificate section takes file, handle, slot and module");
                        } else {
                            option(Schema.Context.CERT, ce, cp, co);
                        }
                    }
                    certificates.add(new CertificateSection(x.key(), co.build()));
                } else {
                    problem(x.keyLocation(), p, "unknown section '" + x.key() + "'",
                            "only cert<suffix> and cacert<suffix> sections are allowed in an authentication round");
                }
            } else {
                option(Schema.Context.AUTH, x, p, opts);
            }
        }
        return new AuthRound(e.key(), opts.build(), certificates);
    }

    private ChildConfig child(Entry e, String path) {
        MapNode m = body(e, path);
        if (m == null) {
            return null;
        }
        ConfigOptions.Builder opts = ConfigOptions.builder();
        Ensure ensure = Ensure.LOADED;
        for (Entry x : unique(m, path)) {
            String p = path + "." + x.key();
            map.key(p, x.keyLocation());
            if (x.key().equals(Schema.ENSURE)) {
                Optional<String> word = scalar(x, p);
                if (word.isPresent()) {
                    Optional<Ensure> en = Ensure.fromWord(word.get());
                    if (en.isPresent()) {
                        ensure = en.get();
                    } else {
                        problem(x.value().location(), p, "unknown ensure '" + word.get() + "'",
                                "use up, trap or loaded" + Suggest.nearest(word.get(), List.of("up", "trap", "loaded"))
                                        .map(s -> "; did you mean " + s + "?").orElse(""));
                    }
                }
            } else if (x.value() instanceof MapNode) {
                problem(x.keyLocation(), p, "unexpected section '" + x.key() + "' in a child",
                        Suggest.nearest(x.key(), Schema.keys(Schema.Context.CHILD)).map(s -> "did you mean " + s + "?")
                                .orElse("a child has options only"));
            } else {
                option(Schema.Context.CHILD, x, p, opts);
            }
        }
        return new ChildConfig(e.key(), opts.build(), ensure);
    }

    /** Reads one option (value or list) into opts, resolving file references for certs/cacerts/pubkeys/cacert. */
    private void option(Schema.Context context, Entry x, String p, ConfigOptions.Builder opts) {
        Optional<Schema.Option> spec = Schema.option(context, x.key());
        boolean list = spec.map(Schema.Option::list).orElse(false);
        Node v = x.value();
        map.value(p, v.location());
        List<String> items = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        boolean listFromScalar = true;
        if (v instanceof ScalarNode s) {
            if (s.isNull()) {
                problem(s.location(), p, "no value for '" + x.key() + "'",
                        "give " + spec.map(Schema.Option::describe).orElse("a value") + ", or remove the key to use charon's default");
                return;
            }
            if (list) {
                items.addAll(Schema.splitList(s.text()));
                if (items.isEmpty()) {
                    items.add("");
                }
                items.forEach(i -> locations.add(s.location()));
            } else {
                items.add(s.text());
                locations.add(s.location());
                listFromScalar = false;
            }
        } else if (v instanceof SeqNode seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                Node item = seq.items().get(i);
                if (item instanceof ScalarNode is && !is.isNull()) {
                    items.add(is.text());
                    locations.add(is.location());
                    map.value(p + "[" + i + "]", is.location());
                } else {
                    problem(item.location(), p + "[" + i + "]", "list item is " + item.kind(), "each item must be a plain value");
                    return;
                }
            }
        }
        boolean asList = listFromScalar || v instanceof SeqNode;
        Schema.Kind kind = spec.map(Schema.Option::kind).orElse(Schema.Kind.STRING);
        if (kind == Schema.Kind.FILES || kind == Schema.Kind.FILE) {
            List<ViciValue> blobs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                readCertificate(items.get(i), locations.get(i), asList ? p + "[" + i + "]" : p, x.key()).ifPresent(blobs::add);
            }
            if (blobs.size() == items.size()) {
                if (kind == Schema.Kind.FILE && !asList) {
                    opts.setItem(x.key(), blobs.get(0));
                } else if (kind == Schema.Kind.FILE) {
                    problem(v.location(), p, x.key() + " takes one file, not a list", "give one file name");
                } else {
                    opts.setItem(x.key(), ViciList.of(blobs));
                }
            }
            return;
        }
        if (asList) {
            opts.setList(x.key(), items);
        } else {
            opts.set(x.key(), items.get(0));
        }
    }

    private Optional<ViciValue> readCertificate(String ref, Location loc, String path, String key) {
        String lower = ref.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("0x")) {
                return Optional.of(ViciValue.of(HexFormat.of().parseHex(ref.substring(2))));
            }
            if (lower.startsWith("0s")) {
                return Optional.of(ViciValue.of(Base64.getMimeDecoder().decode(ref.substring(2))));
            }
        } catch (IllegalArgumentException ex) {
            problem(loc, path, "bad " + (lower.startsWith("0x") ? "hex" : "base64") + " data in " + key,
                    "after 0x give hex digits, after 0s base64");
            return Optional.empty();
        }
        Path f = baseDir.resolve(ref);
        try {
            byte[] data = BoundedFiles.read(f, BoundedFiles.CERTIFICATE_LIMIT, key + " file");
            if (data.length == 0) {
                problem(loc, path, "file " + f + " is empty", "give a PEM or DER certificate/public key file");
                return Optional.empty();
            }
            return Optional.of(ViciValue.of(data));
        } catch (BoundedFiles.Refused ex) {
            problem(loc, path, "cannot read " + key + " file " + f + ": " + ex.reason(),
                    ex.hint() + "; relative paths are relative to the directory of the YAML file");
            return Optional.empty();
        }
    }

    private Optional<String> scalar(Entry x, String p) {
        map.value(p, x.value().location());
        if (x.value() instanceof ScalarNode s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problem(x.value().location(), p, "'" + x.key() + "' needs a single value, not " + x.value().kind(), null);
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------- controller

    private void controller(Entry e) {
        String path = "controller";
        if (controllerLocation != null) {
            problem(e.keyLocation(), path, "controller settings declared twice, first at " + controllerLocation.file()
                    + ":" + controllerLocation.line() + ":" + controllerLocation.column(),
                    "declare the controller section in one file only");
            return;
        }
        controllerLocation = e.keyLocation();
        map.key(path, e.keyLocation());
        MapNode m = body(e, path);
        if (m == null) {
            return;
        }
        for (Entry x : unique(m, path)) {
            String p = path + "." + x.key();
            map.key(p, x.keyLocation());
            switch (x.key()) {
                case "resync" -> scalar(x, p).ifPresent(s -> duration(s, x.value().location(), p).ifPresent(d -> resync = d));
                case "owner" -> scalar(x, p).ifPresent(s -> {
                    if (s.matches(ControllerSettings.OWNER_PATTERN)) {
                        owner = s;
                    } else {
                        problem(x.value().location(), p, "bad owner tag '" + s + "'",
                                "use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                    }
                });
                case "retry" -> globalRetry = retry(x, p);
                case "maxPruneShare" -> scalar(x, p).ifPresent(s -> {
                    Optional<Double> share = share(s);
                    if (share.isPresent()) {
                        maxPruneShare = share.get();
                    } else {
                        problem(x.value().location(), p, "bad share '" + s + "'",
                                "use a percentage from 0% to 100% or a fraction from 0 to 1, e.g. 50% or 0.5"
                                        + " (100% turns the prune guard off)");
                    }
                });
                default -> problem(x.keyLocation(), p, "unknown controller setting '" + x.key() + "'",
                        Suggest.nearest(x.key(), CONTROLLER_KEYS).map(s -> "did you mean " + s + "?")
                                .orElse("controller settings are " + String.join(", ", CONTROLLER_KEYS)));
            }
        }
    }

    private RetrySpec retry(Entry e, String path) {
        MapNode m = body(e, path);
        if (m == null) {
            return null;
        }
        Duration initial = null;
        Duration max = null;
        Double multiplier = null;
        Double jitter = null;
        Optional<OptionalInt> attempts = null;
        boolean bad = false;
        for (Entry x : unique(m, path)) {
            String p = path + "." + x.key();
            map.key(p, x.keyLocation());
            Location vl = x.value().location();
            switch (x.key()) {
                case "initial", "max" -> {
                    Optional<Duration> d = scalar(x, p).flatMap(s -> duration(s, vl, p));
                    if (d.isEmpty()) {
                        bad = true;
                    } else if (d.get().isZero()) {
                        problem(vl, p, "must be positive", "use e.g. 1s");
                        bad = true;
                    } else if (x.key().equals("initial")) {
                        initial = d.get();
                    } else {
                        max = d.get();
                    }
                }
                case "multiplier", "jitter" -> {
                    Optional<String> s = scalar(x, p);
                    Double d = s.flatMap(ConfigReader::number).orElse(null);
                    boolean isMult = x.key().equals("multiplier");
                    if (d == null || (isMult ? d < 1.0 : d < 0.0 || d > 1.0)) {
                        if (s.isPresent()) {
                            problem(vl, p, "bad " + x.key() + " '" + s.get() + "'",
                                    isMult ? "use a number >= 1.0, e.g. 2.0" : "use a fraction between 0 and 1, e.g. 0.2");
                        }
                        bad = true;
                    } else if (isMult) {
                        multiplier = d;
                    } else {
                        jitter = d;
                    }
                }
                case "attempts" -> {
                    if (x.value() instanceof ScalarNode s && s.isNull()) {
                        attempts = Optional.of(OptionalInt.empty());
                    } else {
                        Optional<String> s = scalar(x, p);
                        if (s.isPresent() && s.get().matches("[0-9]{1,9}") && Integer.parseInt(s.get()) >= 1) {
                            attempts = Optional.of(OptionalInt.of(Integer.parseInt(s.get())));
                        } else {
                            s.ifPresent(v -> problem(vl, p, "bad attempts '" + v + "'",
                                    "use a whole number >= 1, or null to retry forever"));
                            bad = true;
                        }
                    }
                }
                default -> {
                    problem(x.keyLocation(), p, "unknown retry setting '" + x.key() + "'",
                            Suggest.nearest(x.key(), RETRY_KEYS).map(s -> "did you mean " + s + "?")
                                    .orElse("retry settings are " + String.join(", ", RETRY_KEYS)));
                    bad = true;
                }
            }
        }
        if (initial != null && max != null && max.compareTo(initial) < 0) {
            problem(e.keyLocation(), path, "retry.max (" + max + ") is less than retry.initial (" + initial + ")",
                    "make max at least initial");
            return null;
        }
        return bad ? null : new RetrySpec(initial, max, multiplier, jitter, attempts, path);
    }

    /** Parses a share: {@code 50%} or {@code 0.5}, between 0 and 1. */
    private static Optional<Double> share(String s) {
        String t = s.strip();
        boolean percent = t.endsWith("%");
        Optional<Double> d = number(percent ? t.substring(0, t.length() - 1).strip() : t);
        return d.map(v -> percent ? v / 100.0 : v).filter(v -> v >= 0.0 && v <= 1.0);
    }

    private static Optional<Double> number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    /** Parses a controller duration: 500ms, 10s, 30m, 1h, 1d, combinations like 1h30m, or plain seconds. */
    public static Optional<Duration> parseDuration(String s) {
        if (s.matches("[0-9]{1,12}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
        }
        if (!s.matches("(?:[0-9]{1,12}(?:ms|s|m|h|d))+")) {
            return Optional.empty();
        }
        Duration d = Duration.ZERO;
        Matcher m = CONTROLLER_DURATION.matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return Optional.of(d);
    }

    private Optional<Duration> duration(String s, Location loc, String path) {
        Optional<Duration> d = parseDuration(s);
        if (d.isEmpty()) {
            problem(loc, path, "'" + s + "' is not a duration", "use a number with a unit ms, s, m, h or d, e.g. 30s or 5m");
        }
        return d;
    }

    // ------------------------------------------------------------------------------------- secrets

    private void secret(String name, Entry e, String path) {
        MapNode m = body(e, path);
        if (m == null) {
            return;
        }
        String type = SECRET_TYPES.stream().filter(name::startsWith).findFirst().orElse(null);
        if (type == null) {
            problem(e.keyLocation(), path, "cannot tell the kind of secret '" + name + "' from its name",
                    "start the name with ike, eap, xauth, ntlm, ppk, private, rsa, ecdsa, pkcs8 or token, e.g. ike-"
                            + name);
            return;
        }
        List<Entry> entries = unique(m, path);
        entries.forEach(x -> map.key(path + "." + x.key(), x.keyLocation()));
        switch (type) {
            case "eap", "xauth", "ntlm", "ike", "ppk" -> sharedSecret(name, type, e, entries, path);
            case "private", "pkcs8", "rsa", "ecdsa" -> privateKey(name, type, e, entries, path);
            case "token" -> token(name, e, entries, path);
            default -> problem(e.keyLocation(), path, "pkcs12 containers are not supported",
                    "extract the key and certificate (openssl pkcs12 -nodes) and use a private-* secret and certs");
        }
    }

    private void sharedSecret(String name, String type, Entry e, List<Entry> entries, String path) {
        SecretValue data = null;
        boolean hasSecret = false;
        boolean ok = true;
        List<String> owners = new ArrayList<>();
        for (Entry x : entries) {
            String p = path + "." + x.key();
            if (x.key().equals("secret")) {
                hasSecret = true;
                Optional<SecretValue> raw = secretBytes(x, p, true);
                if (raw.isPresent()) {
                    try {
                        data = SecretValue.decode(new String(raw.get().bytes(), StandardCharsets.UTF_8), raw.get().source());
                    } catch (IllegalArgumentException ex) {
                        problem(x.value().location(), p, ex.getMessage(),
                                "write 0x followed by hex digits, 0s followed by base64, or a plain string");
                        ok = false;
                    }
                } else {
                    ok = false;
                }
            } else if (x.key().startsWith("id")) {
                map.value(p, x.value().location());
                if (x.value() instanceof ScalarNode s && !s.isNull()) {
                    owners.add(s.text());
                } else if (x.value() instanceof SeqNode seq && x.key().equals("id")) {
                    for (Node n : seq.items()) {
                        if (n instanceof ScalarNode s && !s.isNull()) {
                            owners.add(s.text());
                        } else {
                            problem(n.location(), p, "id list item is " + n.kind(), "each id must be a plain value");
                            ok = false;
                        }
                    }
                } else {
                    problem(x.value().location(), p, x.key() + " must be an identity, not " + x.value().kind(),
                            "write id: <identity>, id: [<id1>, <id2>] or id-<suffix>: <identity>");
                    ok = false;
                }
            } else {
                problem(x.keyLocation(), p, "unknown key '" + x.key() + "' in a " + type + " secret",
                        Suggest.nearest(x.key(), List.of("secret", "id")).map(s -> "did you mean " + s + "?")
                                .orElse("a " + type + " secret has secret and id/id-<suffix> keys"));
                ok = false;
            }
        }
        if (!hasSecret) {
            problem(e.keyLocation(), path, "missing secret", "add secret: <value>, secret: {file: <path>} or secret: {env: <VAR>}");
            ok = false;
        }
        if (ok && data != null) {
            secrets.add(new SharedSecret(name, SharedSecret.Type.valueOf(type.toUpperCase(Locale.ROOT)), data, owners));
        }
    }

    private void privateKey(String name, String type, Entry e, List<Entry> entries, String path) {
        SecretValue data = null;
        int sources = 0;
        boolean ok = true;
        for (Entry x : entries) {
            String p = path + "." + x.key();
            switch (x.key()) {
                case "file" -> {
                    sources++;
                    Optional<String> f = scalar(x, p);
                    if (f.isPresent()) {
                        data = readSecretFile(f.get(), x.value().location(), p, false).orElse(null);
                    }
                    ok &= data != null;
                }
                case "data" -> {
                    sources++;
                    data = secretBytes(x, p, false).orElse(null);
                    ok &= data != null;
                }
                case "secret" -> {
                    problem(x.keyLocation(), p, "encrypted private keys are not supported",
                            "store the key unencrypted with restrictive permissions (openssl pkey -in enc.pem -out key.pem), "
                                    + "or keep it on a token (token-* secret)");
                    ok = false;
                }
                default -> {
                    problem(x.keyLocation(), p, "unknown key '" + x.key() + "' in a private key",
                            Suggest.nearest(x.key(), List.of("file", "data")).map(s -> "did you mean " + s + "?")
                                    .orElse("a private key has file or data"));
                    ok = false;
                }
            }
        }
        if (sources != 1) {
            problem(e.keyLocation(), path, sources == 0 ? "missing key: no file or data" : "both file and data given",
                    "give exactly one of file: <path> or data: <PEM text | {file: ...} | {env: ...}>");
            ok = false;
        }
        if (ok && data != null) {
            PrivateKeySecret.KeyType kt = switch (type) {
                case "rsa" -> PrivateKeySecret.KeyType.RSA;
                case "ecdsa" -> PrivateKeySecret.KeyType.ECDSA;
                default -> PrivateKeySecret.KeyType.ANY;
            };
            secrets.add(new PrivateKeySecret(name, kt, data));
        }
    }

    private void token(String name, Entry e, List<Entry> entries, String path) {
        String handle = null;
        OptionalLong slot = OptionalLong.empty();
        Optional<String> module = Optional.empty();
        Optional<SecretValue> pin = Optional.empty();
        boolean ok = true;
        for (Entry x : entries) {
            String p = path + "." + x.key();
            switch (x.key()) {
                case "handle" -> handle = scalar(x, p).orElse(null);
                case "slot" -> {
                    Optional<String> s = scalar(x, p);
                    if (s.isPresent() && s.get().matches("[0-9]{1,9}")) {
                        slot = OptionalLong.of(Long.parseLong(s.get()));
                    } else {
                        s.ifPresent(v -> problem(x.value().location(), p, "'" + v + "' is not a slot number", "use a number"));
                        ok = false;
                    }
                }
                case "module" -> module = scalar(x, p);
                case "pin" -> {
                    pin = secretBytes(x, p, true);
                    ok &= pin.isPresent();
                }
                default -> {
                    problem(x.keyLocation(), p, "unknown key '" + x.key() + "' in a token",
                            Suggest.nearest(x.key(), List.of("handle", "slot", "module", "pin")).map(s -> "did you mean " + s + "?")
                                    .orElse("a token has handle, slot, module and pin"));
                    ok = false;
                }
            }
        }
        if (handle == null) {
            problem(e.keyLocation(), path, "missing handle", "give the key's CKA_ID hex-encoded as handle");
            ok = false;
        }
        if (ok) {
            secrets.add(new TokenSecret(name, handle, slot, module, pin));
        }
    }

    private Optional<SecretValue> secretBytes(Entry x, String p, boolean trim) {
        Node v = x.value();
        map.value(p, v.location());
        if (v instanceof ScalarNode s && !s.isNull()) {
            return Optional.of(SecretValue.of(s.text().getBytes(StandardCharsets.UTF_8), "literal"));
        }
        if (v instanceof MapNode m && m.entries().size() == 1 && m.entries().get(0).value() instanceof ScalarNode s
                && !s.isNull()) {
            Entry src = m.entries().get(0);
            switch (src.key()) {
                case "file" -> {
                    return readSecretFile(s.text(), s.location(), p, trim);
                }
                case "env" -> {
                    String value = env.apply(s.text());
                    if (value == null) {
                        problem(s.location(), p, "environment variable " + s.text() + " is not set",
                                "set " + s.text() + " in the controller's environment, or use {file: ...}");
                        return Optional.empty();
                    }
                    return Optional.of(SecretValue.of(value.getBytes(StandardCharsets.UTF_8), "env " + s.text()));
                }
                default -> {
                    problem(src.keyLocation(), p, "unknown secret source '" + src.key() + "'",
                            Suggest.nearest(src.key(), List.of("file", "env")).map(n -> "did you mean " + n + "?")
                                    .orElse("use {file: <path>} or {env: <VARIABLE>}"));
                    return Optional.empty();
                }
            }
        }
        problem(v.location(), p, "bad secret value: " + v.kind(),
                "give the value, {file: <path>} or {env: <VARIABLE>}");
        return Optional.empty();
    }

    private Optional<SecretValue> readSecretFile(String name, Location loc, String p, boolean trim) {
        Path f = baseDir.resolve(name);
        try {
            byte[] data = BoundedFiles.read(f, BoundedFiles.SECRET_LIMIT, "secret file");
            if (trim) {
                int n = data.length;
                while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r')) {
                    n--;
                }
                data = java.util.Arrays.copyOf(data, n);
            }
            return Optional.of(SecretValue.of(data, "file " + f));
        } catch (BoundedFiles.Refused ex) {
            problem(loc, p, "cannot read secret file " + f + ": " + ex.reason(),
                    ex.hint() + "; relative paths are relative to the directory of the YAML file");
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------- pools, authorities

    private void pool(String name, Entry e, String path) {
        flatOptions(e, path, Schema.Context.POOL, "a pool", "a pool has addrs and attribute lists")
                .ifPresent(opts -> pools.add(new PoolConfig(name, opts)));
    }

    private void authority(String name, Entry e, String path) {
        flatOptions(e, path, Schema.Context.AUTHORITY, "an authority",
                "an authority has cacert, file, handle, slot, module, crl_uris, ocsp_uris and cert_uri_base")
                .ifPresent(opts -> authorities.add(new AuthorityConfig(name, opts)));
    }

    /**
     * The options of a section that holds options only (a pool, an authority): a sub-section is a problem
     * ("unexpected section 'x' in {@code inWhat}", with {@code hint}). Empty if the section has no body.
     */
    private Optional<ConfigOptions> flatOptions(Entry e, String path, Schema.Context context, String inWhat,
            String hint) {
        MapNode m = body(e, path);
        if (m == null) {
            return Optional.empty();
        }
        ConfigOptions.Builder opts = ConfigOptions.builder();
        for (Entry x : unique(m, path)) {
            String p = path + "." + x.key();
            map.key(p, x.keyLocation());
            if (x.value() instanceof MapNode) {
                problem(x.keyLocation(), p, "unexpected section '" + x.key() + "' in " + inWhat, hint);
            } else {
                option(context, x, p, opts);
            }
        }
        return Optional.of(opts.build());
    }

    // -------------------------------------------------------------------------------------- output

    private void problem(Location loc, String path, String message, String hint) {
        problems.add(SourceMap.at(loc, path, message, hint));
    }

    private void errorAtKey(String path, String message, String hint) {
        problems.add(map.atKey(path, message, hint));
    }
}
