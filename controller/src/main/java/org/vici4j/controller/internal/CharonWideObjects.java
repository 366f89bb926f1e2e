package org.vici4j.controller.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.SecretConfig;

/**
 * The charon-wide objects of the desired state: secrets ({@code load-shared}/{@code load-key}/{@code load-token}),
 * pools and authorities. Loads what changed since it last loaded it (by digest) or what charon no longer has, and
 * unloads what it owns and is no longer desired. Used by the reconciler's global worker only (one thread at a time).
 */
final class CharonWideObjects {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final CharonCalls calls;
    /** digests of what was last loaded, by "secret:name", "pool:name", "authority:name" */
    private final Map<String, String> credentialDigest = new ConcurrentHashMap<>();

    CharonWideObjects(CharonCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** Forgets what was loaded: everything is loaded again by the next {@link #apply}. */
    void forgetLoaded() {
        credentialDigest.clear();
    }

    /**
     * Applies secrets, pools and authorities.
     *
     * @param full load everything again (after a charon restart or an event gap)
     */
    void apply(DesiredState d, OwnershipStore o, boolean full) {
        applySecrets(d, o, full);
        applyNamed(OwnershipStore.Kind.POOLS, "pool", d.pools().stream()
                .collect(LinkedHashMap::new, (m, p) -> m.put(p.name(), p.toLoadPoolRequest()), Map::putAll), o, full);
        applyNamed(OwnershipStore.Kind.AUTHORITIES, "authority", d.authorities().stream()
                .collect(LinkedHashMap::new, (m, a) -> m.put(a.name(), a.toLoadAuthorityRequest()), Map::putAll), o,
                full);
    }

    private void applySecrets(DesiredState d, OwnershipStore o, boolean full) {
        Set<String> presentShared = null;
        if (!full && d.secrets().stream().anyMatch(s -> "load-shared".equals(s.command()))) {
            try {
                presentShared = new HashSet<>(calls.call("get-shared", ViciSection.empty()).list("keys"));
            } catch (RuntimeException e) {
                if (CharonCalls.unwrap(e) instanceof ViciConnectionException) {
                    throw e;
                }
                presentShared = null; // older charon: rely on digests
            }
        }
        Set<String> wanted = new HashSet<>();
        for (SecretConfig s : d.secrets()) {
            wanted.add(s.name());
            ViciSection req = s.toRequest();
            String digest = CharonCalls.digest(s.command(), req);
            boolean missing = presentShared != null && "load-shared".equals(s.command())
                    && !presentShared.contains(s.name());
            if (full || missing || !digest.equals(credentialDigest.get("secret:" + s.name()))) {
                String before = o.secrets().get(s.name());
                if (before == null) {
                    o.putSecret(s.name(), s.command() + ":" + s.name());
                }
                ViciSection resp;
                try {
                    resp = calls.checked(s.command(), req, "secret '" + s.name() + "'");
                } catch (IllegalStateException e) {
                    LOG.warn("{}; retrying at the next resync", e.getMessage());
                    continue;
                }
                String id = "load-shared".equals(s.command()) ? s.name() : resp.stringOr("id", s.name());
                o.putSecret(s.name(), s.command() + ":" + id);
                if (before != null && !before.startsWith("load-shared:") && !before.equals(s.command() + ":" + id)
                        && before.indexOf(':') > 0) {
                    // a changed private key has another key id: the old key would stay loaded otherwise
                    calls.call("unload-key", ViciSection.builder().add("id", before.substring(before.indexOf(':') + 1))
                            .build());
                }
                credentialDigest.put("secret:" + s.name(), digest);
                LOG.info("secret '{}' loaded{}", s.name(), missing ? " again (it was missing in charon)" : "");
            }
        }
        for (Map.Entry<String, String> e : o.secrets().entrySet()) {
            if (!wanted.contains(e.getKey())) {
                String[] parts = e.getValue().split(":", 2);
                String unload = "load-shared".equals(parts[0]) ? "unload-shared" : "unload-key";
                ViciSection resp = calls.call(unload, ViciSection.builder()
                        .add("id", parts.length > 1 ? parts[1] : e.getKey()).build());
                if (!resp.bool("success")) {
                    LOG.info("{} of secret '{}': {} (treated as already gone)", unload, e.getKey(),
                            resp.stringOr("errmsg", "failed"));
                }
                o.removeSecret(e.getKey());
                credentialDigest.remove("secret:" + e.getKey());
                LOG.info("secret '{}' unloaded (no longer desired)", e.getKey());
            }
        }
    }

    private void applyNamed(OwnershipStore.Kind kind, String what, Map<String, ViciSection> wanted, OwnershipStore o,
            boolean full) {
        Set<String> present = full || wanted.isEmpty() ? null : presentNames(what);
        for (Map.Entry<String, ViciSection> e : wanted.entrySet()) {
            String digest = CharonCalls.digest("load-" + what, e.getValue());
            String dk = what + ":" + e.getKey();
            boolean missing = present != null && !present.contains(e.getKey());
            if (missing) {
                LOG.info("{} '{}' is missing in charon (unloaded by someone else?): loading it again", what, e.getKey());
            }
            if (full || missing || !digest.equals(credentialDigest.get(dk))) {
                o.add(kind, e.getKey());
                try {
                    calls.checked("load-" + what, e.getValue(), what + " '" + e.getKey() + "'");
                } catch (IllegalStateException ex) {
                    LOG.warn("{}; retrying at the next resync", ex.getMessage());
                    continue;
                }
                credentialDigest.put(dk, digest);
                LOG.info("{} '{}' loaded", what, e.getKey());
            }
        }
        for (String name : o.names(kind)) {
            if (!wanted.containsKey(name)) {
                ViciSection resp = calls.call("unload-" + what, ViciSection.builder().add("name", name).build());
                if (!resp.bool("success") && !resp.stringOr("errmsg", "").contains("not found")) {
                    LOG.warn("unload-{} '{}' failed: {}; retrying at the next resync", what, name,
                            resp.stringOr("errmsg", "no reason given"));
                    continue;
                }
                o.remove(kind, name);
                credentialDigest.remove(what + ":" + name);
                LOG.info("{} '{}' unloaded (no longer desired)", what, name);
            }
        }
    }

    /** @return the names of the pools/authorities charon has, or null if it cannot tell */
    private Set<String> presentNames(String what) {
        try {
            ViciSection resp = calls.call("pool".equals(what) ? "get-pools" : "get-authorities", ViciSection.empty());
            if (resp.get("errmsg").isPresent()) {
                return null;
            }
            Set<String> names = new HashSet<>(resp.list("authorities"));
            for (var e : resp.entries()) {
                if (e.getValue() instanceof ViciSection) {
                    names.add(e.getKey());
                }
            }
            return names;
        } catch (RuntimeException e) {
            if (CharonCalls.unwrap(e) instanceof ViciConnectionException) {
                throw e;
            }
            return null; // older charon or unknown command: rely on digests
        }
    }
}
