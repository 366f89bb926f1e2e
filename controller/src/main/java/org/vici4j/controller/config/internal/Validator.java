package org.vici4j.controller.config.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.AuthRound;
import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.CertificateSection;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConfigOptions;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.config.TokenSecret;

/**
 * Checks a complete desired state before anything is sent: every option known and well-formed,
 * names unique, controller keys not fighting charon's own actions, references resolvable. Collects
 * every problem; never stops at the first.
 */
public final class Validator {

    /** Errors (the state must not be applied) and warnings (it may be, but probably is not what was meant). */
    public record Result(List<ConfigProblem> errors, List<ConfigProblem> warnings) {
    }

    private static final Set<String> BUILTIN_POOLS = Set.of("dhcp", "radius");

    private final SourceMap map;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    private Validator(SourceMap map) {
        this.map = map;
    }

    public static Result validate(List<ConnectionConfig> connections, List<SecretConfig> secrets,
                                  List<PoolConfig> pools, List<AuthorityConfig> authorities, SourceMap map) {
        Validator v = new Validator(map == null ? new SourceMap() : map);
        v.run(connections, secrets, pools, authorities);
        return new Result(sorted(v.errors), sorted(v.warnings));
    }

    /** Orders problems by file, line, column; problems without a file keep their order at the end. */
    public static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        List<ConfigProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparing((ConfigProblem p) -> p.file() == null ? "\uffff" : p.file())
                .thenComparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return List.copyOf(copy);
    }

    private void run(List<ConnectionConfig> connections, List<SecretConfig> secrets,
                     List<PoolConfig> pools, List<AuthorityConfig> authorities) {
        duplicates("connections", connections.stream().map(ConnectionConfig::name).toList());
        duplicates("secrets", secrets.stream().map(SecretConfig::name).toList());
        duplicates("pools", pools.stream().map(PoolConfig::name).toList());
        duplicates("authorities", authorities.stream().map(AuthorityConfig::name).toList());

        Set<String> poolNames = new HashSet<>();
        pools.forEach(p -> poolNames.add(p.name()));
        Set<String> connNames = new HashSet<>();
        connections.forEach(c -> connNames.add(c.name()));

        for (ConnectionConfig c : connections) {
            connection(c, secrets, poolNames, connNames);
        }
        for (SecretConfig s : secrets) {
            secret(s);
        }
        for (PoolConfig p : pools) {
            options("pools." + p.name(), Schema.Context.POOL, p.options());
        }
        for (AuthorityConfig a : authorities) {
            String path = "authorities." + a.name();
            options(path, Schema.Context.AUTHORITY, a.options());
            exactlyOneSource(path, a.options(), List.of("cacert", "file", "handle"));
        }
    }

    private static final Pattern NAME = Pattern.compile("[^\\s.{}=#,\"]+");
    private static final int MAX_VALUE = 65535;

    private void duplicates(String prefix, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!NAME.matcher(n).matches() || n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                errors.add(map.atKey(prefix + "." + n, "bad name '" + n + "'",
                        "names are swanctl.conf section names: 1-255 bytes without spaces, '.', '{', '}', '=', '#', ',' or '\"'"));
            }
            if (!seen.add(n)) {
                errors.add(map.atKey(prefix + "." + n, "duplicate name '" + n + "'",
                        "every entry under " + prefix + " needs its own name"));
            }
        }
    }

    /** Reports a section whose name does not start (in any case) with one of {@code prefixes}. */
    private void namedWithPrefix(String path, String name, List<String> prefixes, String what, String hint) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (prefixes.stream().noneMatch(lower::startsWith)) {
            errors.add(map.atKey(path, "'" + name + "' is not " + what, hint));
        }
    }

    private void connection(ConnectionConfig c, List<SecretConfig> secrets, Set<String> poolNames, Set<String> connNames) {
        String path = "connections." + c.name();
        options(path, Schema.Context.CONNECTION, c.options());
        duplicates(path, c.auths().stream().map(AuthRound::name).toList());
        duplicates(path + ".children", c.children().stream().map(ChildConfig::name).toList());

        for (AuthRound a : c.auths()) {
            String ap = path + "." + a.name();
            namedWithPrefix(ap, a.name(), List.of("local", "remote"), "an authentication round",
                    "name authentication rounds local, local-<suffix>, remote or remote-<suffix>");
            options(ap, Schema.Context.AUTH, a.options());
            duplicates(ap, a.certificates().stream().map(CertificateSection::name).toList());
            for (CertificateSection cs : a.certificates()) {
                String cp = ap + "." + cs.name();
                namedWithPrefix(cp, cs.name(), List.of("cert", "cacert"), "a certificate section",
                        "name it cert<suffix> or cacert<suffix>");
                options(cp, Schema.Context.CERT, cs.options());
                exactlyOneSource(cp, cs.options(), List.of("file", "handle"));
            }
        }
        for (ChildConfig ch : c.children()) {
            String cp = path + ".children." + ch.name();
            options(cp, Schema.Context.CHILD, ch.options());
            ensureConflicts(cp, ch);
        }
        if (c.retry().isPresent() && c.children().stream().allMatch(ch -> ch.ensure() == Ensure.LOADED)) {
            warnings.add(map.atKey(path + "." + Schema.RETRY, "retry has no effect: no child of '" + c.name()
                    + "' has ensure: up or trap", "set ensure on a child, or remove retry"));
        }
        for (String pool : c.options().list("pools")) {
            if (!poolNames.contains(pool) && !BUILTIN_POOLS.contains(pool)) {
                warnings.add(map.atValue(path + ".pools", "pool '" + pool + "' is not declared under pools",
                        "declare it under pools (unless charon gets it from elsewhere, e.g. another swanctl.conf)"));
            }
        }
        c.options().string("mediated_by").filter(m -> !connNames.contains(m)).ifPresent(m ->
                warnings.add(map.atValue(path + ".mediated_by", "connection '" + m + "' is not declared",
                        "declare the mediation connection under connections")));
        pskCoverage(c, path, secrets);
    }

    private void ensureConflicts(String cp, ChildConfig ch) {
        int start = ch.startActionFlags();
        String startWord = ch.option("start_action").orElse("none");
        if (ch.ensure() == Ensure.UP && start != 0) {
            errors.add(map.atValue(cp + ".start_action", "start_action = " + startWord
                    + " conflicts with ensure: up (charon would " + ((start & 2) != 0 ? "initiate" : "trap") + " the child itself"
                    + " while the controller initiates it)",
                    "remove start_action (or set it to none): with ensure: up the controller initiates the child; "
                            + "or use ensure: loaded to leave starting to charon"));
        }
        if (ch.ensure() == Ensure.TRAP && start != 0) {
            errors.add(map.atValue(cp + ".start_action", "start_action = " + startWord
                    + " conflicts with ensure: trap (the controller installs the trap policy itself)",
                    "remove start_action (or set it to none); or use ensure: loaded to leave it to charon"));
        }
        if (ch.ensure() == Ensure.UP) {
            for (String key : List.of("close_action", "dpd_action")) {
                int flags = key.equals("close_action") ? ch.closeActionFlags() : ch.dpdActionFlags();
                if ((flags & 2) != 0) {
                    errors.add(map.atValue(cp + "." + key, key + " = " + ch.option(key).orElse("")
                            + " conflicts with ensure: up (charon would restart the child while the controller"
                            + " re-initiates it with its retry policy)",
                            "set " + key + " to none (or trap), the controller restarts the child; "
                                    + "or use ensure: loaded to let charon restart it"));
                }
            }
        }
    }

    private void pskCoverage(ConnectionConfig c, String path, List<SecretConfig> secrets) {
        boolean psk = c.auths().stream().anyMatch(a -> a.auth().equalsIgnoreCase("psk"));
        if (!psk) {
            return;
        }
        List<SharedSecret> ike = secrets.stream().filter(s -> s instanceof SharedSecret ss
                && ss.type() == SharedSecret.Type.IKE).map(s -> (SharedSecret) s).toList();
        List<String> localIds = new ArrayList<>();
        List<String> remoteIds = new ArrayList<>();
        for (AuthRound a : c.auths()) {
            Optional<String> id = a.options().string("id");
            if (a.isLocal()) {
                if (id.isPresent()) {
                    localIds.add(id.get());
                } else {
                    localIds.addAll(c.options().list("local_addrs"));
                }
            } else {
                remoteIds.add(id.orElse("%any"));
            }
        }
        if (c.remoteAuths().isEmpty()) {
            remoteIds.add("%any");
        }
        boolean remoteAny = remoteIds.stream().anyMatch(i -> i.equals("%any") || i.contains("*"));
        boolean covered = ike.stream().anyMatch(s -> s.owners().isEmpty()
                || (remoteAny && !ike.isEmpty())
                || s.owners().stream().anyMatch(o -> matchesAny(o, localIds) || matchesAny(o, remoteIds)));
        if (!covered) {
            String ids = String.join(", ", concat(localIds, remoteIds));
            errorOrWarn(map.atKey(path, "auth = psk, but no ike secret has an id matching " + (ids.isEmpty() ? "its identities" : ids),
                    "add secrets.ike-<name> with id-1: <local id>, id-2: <remote id> and secret: ..."));
        }
    }

    private void errorOrWarn(ConfigProblem p) {
        warnings.add(p);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean matchesAny(String owner, List<String> ids) {
        if (owner.equals("%any")) {
            return true;
        }
        for (String id : ids) {
            if (owner.equals(id) || (owner.contains("*") && glob(owner).matcher(id).matches())) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*")));
    }

    private void exactlyOneSource(String path, ConfigOptions o, List<String> keys) {
        long n = keys.stream().filter(o::contains).count();
        if (n == 0) {
            errors.add(map.atKey(path, "none of " + String.join(", ", keys) + " given",
                    "give exactly one of " + String.join(", ", keys)));
        } else if (n > 1) {
            errors.add(map.atKey(path, "more than one of " + String.join(", ", keys) + " given",
                    "give exactly one of " + String.join(", ", keys)));
        }
    }

    private void secret(SecretConfig s) {
        String path = "secrets." + s.name();
        if (s instanceof SharedSecret ss) {
            for (String owner : ss.owners()) {
                if (owner.isBlank()) {
                    errors.add(map.atKey(path, "empty id", "give the identity the secret belongs to, or remove the key"));
                }
            }
            if (ss.data().length() > MAX_VALUE) {
                errors.add(map.atKey(path + ".secret", "the secret is larger than VICI's limit of " + MAX_VALUE + " bytes", null));
            }
            if (ss.data().length() == 0) {
                errors.add(map.atKey(path + ".secret", "the secret is empty", "give a non-empty secret"));
            }
        } else if (s instanceof org.vici4j.controller.config.PrivateKeySecret pk) {
            if (pk.data().length() > MAX_VALUE) {
                errors.add(map.atKey(path, "the key is larger than VICI's limit of " + MAX_VALUE + " bytes", null));
            } else if (pk.data().length() == 0) {
                errors.add(map.atKey(path, "the key is empty", "give a PEM or DER private key"));
            }
        } else if (s instanceof TokenSecret t) {
            ValueChecks.check(Schema.option(Schema.Context.CERT, "handle").orElseThrow(), t.handle())
                    .ifPresent(i -> errors.add(map.atValue(path + ".handle", i.message(), i.hint())));
        }
    }

    /** Checks names, shapes and values of the options of one section. */
    private void options(String path, Schema.Context context, ConfigOptions options) {
        for (String key : options.keys()) {
            String kp = path + "." + key;
            Optional<Schema.Option> opt = Schema.option(context, key);
            if (opt.isEmpty()) {
                errors.add(map.atKey(kp, "unknown option '" + key + "'", unknownHint(context, key)));
                continue;
            }
            Schema.Option o = opt.get();
            ViciItem item = options.get(key).orElseThrow();
            if (tooLarge(item)) {
                errors.add(map.atValue(kp, "a value is larger than VICI's limit of " + MAX_VALUE + " bytes",
                        "use a smaller file (e.g. PEM without extra text, or DER)"));
                continue;
            }
            if (o.kind() == Schema.Kind.FILES || o.kind() == Schema.Kind.FILE) {
                continue; // file contents, read and checked when loaded
            }
            if (o.list() && item instanceof ViciValue) {
                errors.add(map.atValue(kp, key + " takes a list", "write it as a YAML list or comma separated"));
                continue;
            }
            if (!o.list() && item instanceof ViciList l) {
                errors.add(map.atValue(kp, key + " takes a single value, not a list of " + l.size(),
                        "give one value: " + o.describe()));
                continue;
            }
            if (item instanceof ViciList l) {
                if (l.size() == 0) {
                    errors.add(map.atValue(kp, "empty list", "give at least one item, or remove the key to use the default"));
                }
                List<String> items = l.strings();
                for (int i = 0; i < items.size(); i++) {
                    String ip = kp + "[" + i + "]";
                    ValueChecks.check(o, items.get(i)).ifPresent(is -> errors.add(map.atValue(ip, is.message(), is.hint())));
                }
            } else if (item instanceof ViciValue v) {
                ValueChecks.check(o, v.asString()).ifPresent(is -> errors.add(map.atValue(kp, is.message(), is.hint())));
            }
        }
    }

    private static boolean tooLarge(ViciItem item) {
        if (item instanceof ViciValue v) {
            return v.length() > MAX_VALUE;
        }
        return item instanceof ViciList l && l.values().stream().anyMatch(v -> v.length() > MAX_VALUE);
    }

    /** @return "did you mean ...?", or where the key belongs if it is an option of another section */
    public static String unknownHint(Schema.Context context, String key) {
        if (key.equals(Schema.ENSURE) && context != Schema.Context.CHILD) {
            return "ensure is a controller key of a child: set it under children.<child>";
        }
        if (key.equals(Schema.RETRY) && context != Schema.Context.CONNECTION) {
            return "retry is a controller key of a connection (or of the controller section)";
        }
        if (context == Schema.Context.CONNECTION && Schema.option(Schema.Context.CHILD, key).isPresent()) {
            return key + " is a child option: move it under children.<child>";
        }
        if (context == Schema.Context.CHILD && Schema.option(Schema.Context.CONNECTION, key).isPresent()) {
            return key + " is a connection option: move it up to the connection";
        }
        if (context == Schema.Context.CONNECTION && Schema.option(Schema.Context.AUTH, key).isPresent()) {
            return key + " is an authentication option: move it under local or remote";
        }
        if ((context == Schema.Context.AUTH) && Schema.option(Schema.Context.CONNECTION, key).isPresent()) {
            return key + " is a connection option: move it up to the connection";
        }
        Optional<String> near = Suggest.nearest(key, Schema.keys(context));
        if (near.isPresent()) {
            return "did you mean " + near.get() + "?";
        }
        return "known options here: " + String.join(", ", Schema.keys(context));
    }
}
