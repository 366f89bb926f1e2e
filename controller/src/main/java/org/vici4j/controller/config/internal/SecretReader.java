package org.vici4j.controller.config.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.vici4j.controller.config.PrivateKeySecret;
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
 * Reads a secret ({@code secrets.<name>}): a shared secret (ike, eap, xauth, ntlm, ppk), a private key or a token,
 * told apart by the start of its name; values come as literals, {@code {file: ...}} or {@code {env: ...}}.
 */
final class SecretReader {

    private static final List<String> SECRET_TYPES = List.of(
            "eap", "xauth", "ntlm", "ike", "ppk", "private", "rsa", "ecdsa", "pkcs8", "pkcs12", "token");

    private final ReadContext ctx;

    SecretReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** @return the secret, empty (with problems) if it cannot be read */
    Optional<SecretConfig> read(String name, Entry e, String path) {
        MapNode m = ctx.body(e, path);
        if (m == null) {
            return Optional.empty();
        }
        String type = SECRET_TYPES.stream().filter(name::startsWith).findFirst().orElse(null);
        if (type == null) {
            ctx.problem(e.keyLocation(), path, "cannot tell the kind of secret '" + name + "' from its name",
                    "start the name with ike, eap, xauth, ntlm, ppk, private, rsa, ecdsa, pkcs8 or token, e.g. ike-"
                            + name);
            return Optional.empty();
        }
        List<Entry> entries = ctx.keyedEntries(m, path);
        return switch (type) {
            case "eap", "xauth", "ntlm", "ike", "ppk" -> sharedSecret(name, type, e, entries, path);
            case "private", "pkcs8", "rsa", "ecdsa" -> privateKey(name, type, e, entries, path);
            case "token" -> token(name, e, entries, path);
            default -> {
                ctx.problem(e.keyLocation(), path, "pkcs12 containers are not supported",
                        "extract the key and certificate (openssl pkcs12 -nodes) and use a private-* secret and certs");
                yield Optional.empty();
            }
        };
    }

    private Optional<SecretConfig> sharedSecret(String name, String type, Entry e, List<Entry> entries, String path) {
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
                        ctx.problem(x.value().location(), p, ex.getMessage(),
                                "write 0x followed by hex digits, 0s followed by base64, or a plain string");
                        ok = false;
                    }
                } else {
                    ok = false;
                }
            } else if (x.key().startsWith("id")) {
                ctx.map().value(p, x.value().location());
                if (x.value() instanceof ScalarNode s && !s.isNull()) {
                    owners.add(s.text());
                } else if (x.value() instanceof SeqNode seq && x.key().equals("id")) {
                    for (Node n : seq.items()) {
                        if (n instanceof ScalarNode s && !s.isNull()) {
                            owners.add(s.text());
                        } else {
                            ctx.problem(n.location(), p, "id list item is " + n.kind(), "each id must be a plain value");
                            ok = false;
                        }
                    }
                } else {
                    ctx.problem(x.value().location(), p, x.key() + " must be an identity, not " + x.value().kind(),
                            "write id: <identity>, id: [<id1>, <id2>] or id-<suffix>: <identity>");
                    ok = false;
                }
            } else {
                ctx.problem(x.keyLocation(), p, "unknown key '" + x.key() + "' in a " + type + " secret",
                        Suggest.nearest(x.key(), List.of("secret", "id")).map(s -> "did you mean " + s + "?")
                                .orElse("a " + type + " secret has secret and id/id-<suffix> keys"));
                ok = false;
            }
        }
        if (!hasSecret) {
            ctx.problem(e.keyLocation(), path, "missing secret", "add secret: <value>, secret: {file: <path>} or secret: {env: <VAR>}");
            ok = false;
        }
        return ok && data != null
                ? Optional.of(new SharedSecret(name, SharedSecret.Type.valueOf(type.toUpperCase(Locale.ROOT)), data, owners))
                : Optional.empty();
    }

    private Optional<SecretConfig> privateKey(String name, String type, Entry e, List<Entry> entries, String path) {
        SecretValue data = null;
        int sources = 0;
        boolean ok = true;
        for (Entry x : entries) {
            String p = path + "." + x.key();
            switch (x.key()) {
                case "file" -> {
                    sources++;
                    Optional<String> f = ctx.scalar(x, p);
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
                    ctx.problem(x.keyLocation(), p, "encrypted private keys are not supported",
                            "store the key unencrypted with restrictive permissions (openssl pkey -in enc.pem -out key.pem), "
                                    + "or keep it on a token (token-* secret)");
                    ok = false;
                }
                default -> {
                    ctx.problem(x.keyLocation(), p, "unknown key '" + x.key() + "' in a private key",
                            Suggest.nearest(x.key(), List.of("file", "data")).map(s -> "did you mean " + s + "?")
                                    .orElse("a private key has file or data"));
                    ok = false;
                }
            }
        }
        if (sources != 1) {
            ctx.problem(e.keyLocation(), path, sources == 0 ? "missing key: no file or data" : "both file and data given",
                    "give exactly one of file: <path> or data: <PEM text | {file: ...} | {env: ...}>");
            ok = false;
        }
        if (!ok || data == null) {
            return Optional.empty();
        }
        PrivateKeySecret.KeyType kt = switch (type) {
            case "rsa" -> PrivateKeySecret.KeyType.RSA;
            case "ecdsa" -> PrivateKeySecret.KeyType.ECDSA;
            default -> PrivateKeySecret.KeyType.ANY;
        };
        return Optional.of(new PrivateKeySecret(name, kt, data));
    }

    private Optional<SecretConfig> token(String name, Entry e, List<Entry> entries, String path) {
        String handle = null;
        OptionalLong slot = OptionalLong.empty();
        Optional<String> module = Optional.empty();
        Optional<SecretValue> pin = Optional.empty();
        boolean ok = true;
        for (Entry x : entries) {
            String p = path + "." + x.key();
            switch (x.key()) {
                case "handle" -> handle = ctx.scalar(x, p).orElse(null);
                case "slot" -> {
                    Optional<String> s = ctx.scalar(x, p);
                    if (s.isPresent() && s.get().matches("[0-9]{1,9}")) {
                        slot = OptionalLong.of(Long.parseLong(s.get()));
                    } else {
                        s.ifPresent(v -> ctx.problem(x.value().location(), p, "'" + v + "' is not a slot number", "use a number"));
                        ok = false;
                    }
                }
                case "module" -> module = ctx.scalar(x, p);
                case "pin" -> {
                    pin = secretBytes(x, p, true);
                    ok &= pin.isPresent();
                }
                default -> {
                    ctx.problem(x.keyLocation(), p, "unknown key '" + x.key() + "' in a token",
                            Suggest.nearest(x.key(), List.of("handle", "slot", "module", "pin")).map(s -> "did you mean " + s + "?")
                                    .orElse("a token has handle, slot, module and pin"));
                    ok = false;
                }
            }
        }
        if (handle == null) {
            ctx.problem(e.keyLocation(), path, "missing handle", "give the key's CKA_ID hex-encoded as handle");
            ok = false;
        }
        return ok ? Optional.of(new TokenSecret(name, handle, slot, module, pin)) : Optional.empty();
    }

    private Optional<SecretValue> secretBytes(Entry x, String p, boolean trim) {
        Node v = x.value();
        ctx.map().value(p, v.location());
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
                    String value = ctx.env(s.text());
                    if (value == null) {
                        ctx.problem(s.location(), p, "environment variable " + s.text() + " is not set",
                                "set " + s.text() + " in the controller's environment, or use {file: ...}");
                        return Optional.empty();
                    }
                    return Optional.of(SecretValue.of(value.getBytes(StandardCharsets.UTF_8), "env " + s.text()));
                }
                default -> {
                    ctx.problem(src.keyLocation(), p, "unknown secret source '" + src.key() + "'",
                            Suggest.nearest(src.key(), List.of("file", "env")).map(n -> "did you mean " + n + "?")
                                    .orElse("use {file: <path>} or {env: <VARIABLE>}"));
                    return Optional.empty();
                }
            }
        }
        ctx.problem(v.location(), p, "bad secret value: " + v.kind(),
                "give the value, {file: <path>} or {env: <VARIABLE>}");
        return Optional.empty();
    }

    private Optional<SecretValue> readSecretFile(String name, Location loc, String p, boolean trim) {
        Path f = ctx.resolve(name);
        try {
            byte[] data = BoundedFiles.read(f, BoundedFiles.SECRET_LIMIT, "secret file");
            if (trim) {
                int n = data.length;
                while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r')) {
                    n--;
                }
                data = Arrays.copyOf(data, n);
            }
            return Optional.of(SecretValue.of(data, "file " + f));
        } catch (BoundedFiles.Refused ex) {
            ctx.problem(loc, p, "cannot read secret file " + f + ": " + ex.reason(),
                    ex.hint() + "; relative paths are relative to the directory of the YAML file");
            return Optional.empty();
        }
    }
}
