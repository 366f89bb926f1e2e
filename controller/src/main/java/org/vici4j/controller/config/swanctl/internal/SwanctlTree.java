package org.vici4j.controller.config.swanctl.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.Location;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.Node;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;
import org.vici4j.controller.config.swanctl.CredentialFile;

/**
 * Turns a parsed swanctl.conf into the located tree the YAML reader reads, giving swanctl's meaning to what
 * differs from vici4j's YAML: relative {@code certs}, {@code cacerts}, {@code pubkeys} and an authority's
 * {@code cacert} name files in the {@code x509}, {@code x509ca} and {@code pubkey} directories beside the
 * file; {@code private-*}, {@code rsa-*}, {@code ecdsa-*}, {@code pkcs8-*} and {@code pkcs12-*} secrets are
 * pass phrases of files in the credential directories (not keys); a secret without {@code secret}, a secret of
 * an unknown kind and other top-level sections are ignored with a warning, as swanctl does.
 *
 * <p>With {@code directoryCredentials}, the private keys in {@code private/}, {@code rsa/}, {@code ecdsa/}
 * and {@code pkcs8/} become private-key secrets (the controller keeps them loaded); an encrypted key, a
 * PKCS#12 container and a certificate of a credential directory that nothing in the file references are
 * refused, naming the file (the desired state has no place for them: {@code vici load-creds} loads them).
 */
public final class SwanctlTree {

    private static final List<String> SHARED = List.of("eap", "xauth", "ntlm", "ike", "ppk");
    private static final List<String> KEY_FILES = List.of("private", "rsa", "ecdsa", "pkcs8", "pkcs12");
    private static final List<String> TOP = List.of("connections", "secrets", "pools", "authorities");

    private final Path dir;
    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;
    private final Set<Path> referenced = new HashSet<>();

    private SwanctlTree(Path dir, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        this.dir = dir;
        this.problems = problems;
        this.warnings = warnings;
    }

    /**
     * @param root                 the parsed file
     * @param dir                  the directory of the swanctl.conf (base of the credential directories)
     * @param directoryCredentials whether the credential directories belong to the state (see above)
     * @return the tree, with top-level sections connections, secrets, pools and authorities
     */
    public static MapNode convert(Settings root, Path dir, boolean directoryCredentials,
            List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        return new SwanctlTree(dir, problems, warnings).convert(root, directoryCredentials);
    }

    /** @return whether a file's text is in strongSwan's settings syntax rather than YAML (judged by its first statement) */
    public static boolean looksLikeSettings(String text) {
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            return line.matches("include\\s+[^:=].*") || line.matches("[^\\s:#{}=\"]+\\s*(:\\s*[^\\s{]+\\s*)?\\{.*")
                    || line.matches("[^\\s:#{}=\"]+\\s*=.*");
        }
        return false;
    }

    private MapNode convert(Settings root, boolean directoryCredentials) {
        List<Entry> top = new ArrayList<>();
        for (Settings s : root.sections()) {
            switch (s.name()) {
                case "connections" -> top.add(entry(s, named(s, this::connection)));
                case "secrets" -> top.add(entry(s, secrets(s)));
                case "pools" -> top.add(entry(s, named(s, this::plain)));
                case "authorities" -> top.add(entry(s, named(s, this::authority)));
                default -> warnings.add(at(s.location(), "top-level section '" + s.name() + "' ignored",
                        "swanctl reads " + String.join(", ", TOP)));
            }
        }
        for (Settings.KeyValue kv : root.values()) {
            warnings.add(at(kv.keyLocation(), "top-level key '" + kv.key() + "' ignored",
                    "swanctl reads the sections " + String.join(", ", TOP)));
        }
        if (directoryCredentials) {
            List<Entry> keys = directoryKeys();
            checkDirectoryCertificates();
            if (!keys.isEmpty()) {
                Location l = new Location(dir.resolve("private").toString(), 0, 0);
                int i = indexOf(top, "secrets");
                if (i < 0) {
                    top.add(new Entry("secrets", l, new MapNode(keys, l)));
                } else {
                    MapNode old = (MapNode) top.get(i).value();
                    List<Entry> all = new ArrayList<>(old.entries());
                    all.addAll(keys);
                    top.set(i, new Entry("secrets", top.get(i).keyLocation(), new MapNode(all, old.location())));
                }
            }
        }
        return new MapNode(top, root.location());
    }

    private static int indexOf(List<Entry> entries, String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private interface SectionConverter {
        MapNode convert(Settings s);
    }

    private MapNode named(Settings s, SectionConverter c) {
        List<Entry> out = new ArrayList<>();
        for (Settings child : s.sections()) {
            out.add(entry(child, c.convert(child)));
        }
        for (Settings.KeyValue kv : s.values()) {
            problems.add(at(kv.keyLocation(), "'" + kv.key() + " = ...' directly in " + s.name()
                    + ": only sections belong here", "put it inside a section: " + s.name() + " { name { "
                    + kv.key() + " = ... } }"));
        }
        return new MapNode(out, s.location());
    }

    private MapNode connection(Settings conn) {
        List<Entry> out = values(conn, null);
        for (Settings sub : conn.sections()) {
            String lower = sub.name().toLowerCase(Locale.ROOT);
            if (sub.name().equals("children")) {
                out.add(entry(sub, named(sub, this::plain)));
            } else if (lower.startsWith("local") || lower.startsWith("remote")) {
                out.add(entry(sub, authRound(sub)));
            } else {
                out.add(entry(sub, plain(sub)));
            }
        }
        return new MapNode(out, conn.location());
    }

    private MapNode authRound(Settings round) {
        List<Entry> out = values(round, "round");
        for (Settings sub : round.sections()) {
            out.add(entry(sub, plain(sub)));
        }
        return new MapNode(out, round.location());
    }

    private MapNode authority(Settings a) {
        return withSections(a, values(a, "authority"));
    }

    private MapNode plain(Settings s) {
        return withSections(s, values(s, null));
    }

    private MapNode withSections(Settings s, List<Entry> out) {
        for (Settings sub : s.sections()) {
            out.add(entry(sub, plain(sub)));
        }
        return new MapNode(out, s.location());
    }

    /** The values of a section; in an auth round or authority, relative file names resolved as swanctl does. */
    private List<Entry> values(Settings s, String kind) {
        List<Entry> out = new ArrayList<>();
        for (Settings.KeyValue kv : s.values()) {
            String v = kv.value();
            if ("round".equals(kind) && (kv.key().equals("certs") || kv.key().equals("cacerts")
                    || kv.key().equals("pubkeys"))) {
                String sub = switch (kv.key()) {
                    case "certs" -> "x509";
                    case "cacerts" -> "x509ca";
                    default -> "pubkey";
                };
                List<String> files = new ArrayList<>();
                for (String item : v.split(",")) {
                    String t = item.strip();
                    if (!t.isEmpty()) {
                        files.add(resolve(sub, t));
                    }
                }
                v = String.join(",", files);
            } else if ("authority".equals(kind) && kv.key().equals("cacert")) {
                v = resolve("x509ca", v.strip());
            }
            out.add(new Entry(kv.key(), kv.keyLocation(), new ScalarNode(v, false, kv.valueLocation())));
        }
        return out;
    }

    private String resolve(String sub, String name) {
        if (name.regionMatches(true, 0, "0x", 0, 2) || name.regionMatches(true, 0, "0s", 0, 2)) {
            return name;
        }
        Path p = dir.resolve(sub).resolve(name).toAbsolutePath().normalize();
        referenced.add(p);
        return p.toString();
    }

    private MapNode secrets(Settings secrets) {
        List<Entry> out = new ArrayList<>();
        for (Settings s : secrets.sections()) {
            String type = SHARED.stream().filter(s.name()::startsWith).findFirst()
                    .orElse(s.name().startsWith("token") ? "token"
                            : KEY_FILES.stream().filter(s.name()::startsWith).findFirst().orElse(null));
            if (type == null) {
                warnings.add(at(s.location(), "secret '" + s.name() + "' of unknown kind ignored",
                        "start its name with eap, xauth, ntlm, ike, ppk, private, rsa, ecdsa, pkcs8, pkcs12 or token"));
            } else if (KEY_FILES.contains(type)) {
                continue; // a pass phrase of a file in a credential directory, not a secret of its own
            } else if (SHARED.contains(type) && s.value("secret") == null) {
                warnings.add(at(s.location(), "secret '" + s.name() + "' has no 'secret' and is ignored",
                        "add secret = VALUE"));
            } else {
                out.add(entry(s, plain(s)));
            }
        }
        for (Settings.KeyValue kv : secrets.values()) {
            problems.add(at(kv.keyLocation(), "'" + kv.key() + " = ...' directly in secrets: only sections belong here",
                    "write secrets { ike-name { secret = ... } }"));
        }
        return new MapNode(out, secrets.location());
    }

    /** The keys in the key directories as private-key secrets, refusing encrypted keys and containers. */
    private List<Entry> directoryKeys() {
        List<Entry> out = new ArrayList<>();
        for (CredentialFile f : CredentialFile.list(dir, problems)) {
            if (!f.kind().isKey()) {
                continue;
            }
            Location l = new Location(f.path().toString(), 0, 0);
            if (f.kind() == CredentialFile.Kind.PKCS12) {
                problems.add(at(l, "PKCS#12 containers are not part of a desired state",
                        "extract the key and certificate (openssl pkcs12 -in F -nodes) into private/ and x509/, or"
                                + " load the container with 'vici load-creds'"));
                continue;
            }
            if (f.encrypted()) {
                problems.add(at(l, "the private key is encrypted; vici4j does not decrypt keys",
                        "store it decrypted with restrictive permissions (openssl pkey -in F -out F.dec), or keep it"
                                + " on a token (token-* secret)"));
                continue;
            }
            String name = f.kind().directory() + "-" + f.path().getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_");
            List<Entry> body = List.of(new Entry("file", l, new ScalarNode(f.path().toString(), false, l)));
            out.add(new Entry(name, l, new MapNode(body, l)));
        }
        return out;
    }

    /** Refuses certificates of the credential directories that no certs, cacerts, pubkeys or cacert references. */
    private void checkDirectoryCertificates() {
        for (CredentialFile f : CredentialFile.list(dir, new ArrayList<>())) {
            if (f.kind().isKey() || referenced.contains(f.path().toAbsolutePath().normalize())) {
                continue;
            }
            problems.add(at(new Location(f.path().toString(), 0, 0),
                    "a " + f.kind().directory() + " certificate that no connection or authority references",
                    "the desired state loads certificates as connections (certs, cacerts, pubkeys) and authorities"
                            + " (cacert) reference them: reference it there, or load the directories once with"
                            + " 'vici load-creds'"));
        }
    }

    private static Entry entry(Settings s, Node value) {
        return new Entry(s.name(), s.location(), value);
    }

    private static ConfigProblem at(Location l, String message, String hint) {
        return new ConfigProblem(l.file(), l.line(), l.column(), "", message, hint);
    }
}
