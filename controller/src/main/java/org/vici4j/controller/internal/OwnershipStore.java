package org.vici4j.controller.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vici4j.controller.status.StatusFile;

/**
 * What this controller loaded into charon, so that it unloads only its own objects, also after a restart: kept in a
 * small JSON file (written atomically before each load, so a crash between the write and the load errs on the side
 * of unloading an object that may not exist, never of leaking one). Objects loaded by others (swanctl, another
 * controller with another owner tag) are never listed, so never unloaded. Without a file, ownership lives in memory.
 *
 * <pre>
 * {"owner": "vici4j", "connections": ["net"], "secrets": {"ike-net": "load-shared:ike-net"}, "pools": [], "authorities": [],
 *  "applied": {"net": {"version": "2", "proposals": "aes256-sha256-modp3072", "children.net.esp_proposals": "..."}}}
 * </pre>
 *
 * Secrets map a section name to {@code <command>:<id to unload>}. {@code applied} holds, per owned connection, the
 * options last loaded ({@link AppliedConfig#flatten}: no secret values, key material as fingerprints), so that
 * {@code vici diff} can show option by option what a new file would change, also options charon does not list.
 * Thread-safe.
 */
public final class OwnershipStore implements org.vici4j.controller.plan.Ownership {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Kinds of owned objects. */
    public enum Kind {
        CONNECTIONS, POOLS, AUTHORITIES
    }

    private final Path file;
    private final String owner;
    private final Map<Kind, Set<String>> names = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> applied = new LinkedHashMap<>();
    /** digests of the requests that last loaded secrets, pools and authorities; in memory only (never persisted) */
    private final Map<String, String> digests = new java.util.HashMap<>();

    private OwnershipStore(Path file, String owner) {
        this.file = file;
        this.owner = owner;
        for (Kind k : Kind.values()) {
            names.put(k, new LinkedHashSet<>());
        }
    }

    /** An in-memory store. */
    public static OwnershipStore inMemory(String owner) {
        return new OwnershipStore(null, owner);
    }

    /**
     * Opens (reads if present) the store in {@code file}.
     *
     * @throws IllegalStateException if the file exists but is not an ownership file of this owner
     */
    public static OwnershipStore open(Path file, String owner) {
        OwnershipStore s = new OwnershipStore(Objects.requireNonNull(file, "file"), owner);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ownership file " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = JSON.readTree(text);
            String fileOwner = root.path("owner").asText("");
            if (!fileOwner.equals(owner)) {
                throw new IllegalStateException("ownership file " + file + " belongs to owner '" + fileOwner
                        + "', not '" + owner + "'; give each controller its own file (or the same owner tag)");
            }
            read(root, "connections", s.names.get(Kind.CONNECTIONS));
            read(root, "pools", s.names.get(Kind.POOLS));
            read(root, "authorities", s.names.get(Kind.AUTHORITIES));
            Iterator<Map.Entry<String, JsonNode>> it = root.path("secrets").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                s.secrets.put(e.getKey(), e.getValue().asText());
            }
            Iterator<Map.Entry<String, JsonNode>> conns = root.path("applied").fields();
            while (conns.hasNext()) {
                Map.Entry<String, JsonNode> c = conns.next();
                Map<String, String> options = new LinkedHashMap<>();
                c.getValue().fields().forEachRemaining(o -> options.put(o.getKey(), o.getValue().asText()));
                s.applied.put(c.getKey(), options);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ownership file " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); delete it to start over (the controller then owns only what it loads from now on)", e);
        }
        return s;
    }

    private static void read(JsonNode root, String key, Set<String> into) {
        root.path(key).forEach(n -> into.add(n.asText()));
    }

    public synchronized Set<String> names(Kind kind) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names.get(kind)));
    }

    public synchronized boolean owns(Kind kind, String name) {
        return names.get(kind).contains(name);
    }

    /** Records ownership (persisted) before the object is loaded. */
    public synchronized void add(Kind kind, String name) {
        if (names.get(kind).add(name)) {
            persist();
        }
    }

    /** Records ownership of several objects at once (one write), before they are loaded. */
    public synchronized void addAll(Kind kind, java.util.Collection<String> more) {
        if (names.get(kind).addAll(more)) {
            persist();
        }
    }

    /** Records the options of several owned connections as just loaded (one write). */
    public synchronized void recordAppliedAll(Map<String, Map<String, String>> options) {
        boolean changed = false;
        for (Map.Entry<String, Map<String, String>> e : options.entrySet()) {
            Map<String, String> copy = new LinkedHashMap<>(e.getValue());
            changed |= !copy.equals(applied.put(e.getKey(), copy));
        }
        if (changed) {
            persist();
        }
    }

    /** Remembers (in memory) the digest of the request that just loaded {@code key} ({@code secret:name}, ...). */
    public synchronized void recordDigest(String key, String digest) {
        if (digest == null) {
            digests.remove(key);
        } else {
            digests.put(key, digest);
        }
    }

    /** Forgets every remembered digest: secrets, pools and authorities are loaded again by the next plan. */
    public synchronized void forgetDigests() {
        digests.clear();
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Set<String> connections() {
        return names(Kind.CONNECTIONS);
    }

    @Override
    public Set<String> pools() {
        return names(Kind.POOLS);
    }

    @Override
    public Set<String> authorities() {
        return names(Kind.AUTHORITIES);
    }

    @Override
    public Optional<Map<String, String>> appliedOptions(String connection) {
        return applied(connection);
    }

    @Override
    public synchronized Optional<String> appliedDigest(String key) {
        return Optional.ofNullable(digests.get(key));
    }

    /** Forgets several objects at once (one write). */
    public synchronized void removeAll(Kind kind, java.util.Collection<String> gone) {
        boolean changed = false;
        for (String name : gone) {
            changed |= names.get(kind).remove(name);
            if (kind == Kind.CONNECTIONS) {
                changed |= applied.remove(name) != null;
            }
        }
        if (changed) {
            persist();
        }
    }

    public synchronized void remove(Kind kind, String name) {
        boolean changed = names.get(kind).remove(name);
        if (kind == Kind.CONNECTIONS) {
            changed |= applied.remove(name) != null;
        }
        if (changed) {
            persist();
        }
    }

    /** Records the options of an owned connection as just loaded (see {@link AppliedConfig#flatten}). */
    public synchronized void recordApplied(String connection, Map<String, String> options) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        if (!copy.equals(applied.put(connection, copy))) {
            persist();
        }
    }

    /** @return the options recorded when the connection was last loaded by this owner, if recorded */
    public synchronized Optional<Map<String, String>> applied(String connection) {
        Map<String, String> m = applied.get(connection);
        return m == null ? Optional.empty() : Optional.of(Collections.unmodifiableMap(
                new LinkedHashMap<>(m)));
    }

    /** @return owned secrets: section name to {@code command:id} */
    @Override
    public synchronized Map<String, String> secrets() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    }

    public synchronized void putSecret(String name, String commandAndId) {
        if (!commandAndId.equals(secrets.put(name, commandAndId))) {
            persist();
        }
    }

    public synchronized void removeSecret(String name) {
        if (secrets.remove(name) != null) {
            persist();
        }
    }

    public Path file() {
        return file;
    }

    private void persist() {
        if (file == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("owner", owner);
        names.get(Kind.CONNECTIONS).forEach(root.putArray("connections")::add);
        ObjectNode sec = root.putObject("secrets");
        secrets.forEach(sec::put);
        names.get(Kind.POOLS).forEach(root.putArray("pools")::add);
        names.get(Kind.AUTHORITIES).forEach(root.putArray("authorities")::add);
        ObjectNode app = root.putObject("applied");
        applied.forEach((conn, options) -> {
            ObjectNode o = app.putObject(conn);
            options.forEach(o::put);
        });
        try {
            StatusFile.writeAtomically(file, JSON.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
