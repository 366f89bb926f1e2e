package org.vici4j.controller.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.ConnectionConfig;

/**
 * Loads and unloads connections: {@code load-conn} when charon lacks the desired configuration (remembering a digest
 * of what it loaded, so that an unchanged connection is not sent again), {@code unload-conn} plus {@code terminate}
 * for owned connections that are no longer desired. Each connection is handled by its own worker only.
 */
final class ConnectionLoader {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final CharonCalls calls;
    /** digest of the load-conn request last loaded, by connection name */
    private final Map<String, String> loadedDigest = new ConcurrentHashMap<>();

    ConnectionLoader(CharonCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** Forgets everything loaded (charon restarted, or must be re-applied): each connection is loaded again. */
    void forgetAll() {
        loadedDigest.clear();
    }

    /** Forgets that this connection was loaded: it is loaded again at its next reconcile. */
    void forget(String name) {
        loadedDigest.remove(name);
    }

    /**
     * Makes sure charon has the connection as desired: loads it if it is missing (unloaded by someone, charon
     * restarted), changed since it was loaded, or lacks a desired child, and verifies the load with
     * {@code list-conns} (a reply of success alone is not trusted). Records the connection as owned before loading.
     *
     * @throws ApplyException if charon rejects it or does not show it afterwards
     */
    void ensureLoaded(ConnectionConfig c, OwnershipStore owned) {
        String name = c.name();
        ViciSection req = c.toLoadConnRequest();
        String digest = CharonCalls.digest("load-conn", req);
        Map<String, ViciSection> listed = calls.listConns(name);
        boolean present = listed.containsKey(name);
        if (present && digest.equals(loadedDigest.get(name)) && childrenListed(c, listed.get(name))) {
            return;
        }
        owned.add(OwnershipStore.Kind.CONNECTIONS, name);
        ViciSection resp = calls.call("load-conn", req);
        if (!resp.bool("success")) {
            throw new ApplyException("charon rejected connection '" + name + "': "
                    + resp.stringOr("errmsg", "load-conn failed without a reason") + "; fix the connection's options",
                    List.of("load-conn failed: " + resp.stringOr("errmsg", "")));
        }
        owned.recordApplied(name, AppliedConfig.flatten(req.section(name).orElse(ViciSection.empty())));
        String before = loadedDigest.put(name, digest);
        listed = calls.listConns(name);
        if (!listed.containsKey(name) || !childrenListed(c, listed.get(name))) {
            loadedDigest.remove(name);
            throw new ApplyException("load-conn of '" + name + "' answered success but list-conns does not show it "
                    + "with all its children", List.of());
        }
        if (!present && before != null) {
            LOG.info("connection '{}' was missing in charon (unloaded by someone else?): loaded again", name);
        } else if (before != null && !before.equals(digest)) {
            LOG.info("connection '{}' reloaded: its configuration changed", name);
        } else {
            LOG.info("connection '{}' loaded", name);
        }
    }

    private static boolean childrenListed(ConnectionConfig c, ViciSection conn) {
        ViciSection children = conn.section("children").orElse(ViciSection.empty());
        return c.children().stream().allMatch(ch -> children.section(ch.name()).isPresent());
    }

    /**
     * Removes a connection that is no longer desired: if the controller owns it, unloads it (verified with
     * {@code list-conns}), then terminates its IKE_SAs (in this order, so that charon cannot restart it in between).
     * Connections the controller does not own are left alone.
     */
    void remove(String name, OwnershipStore owned, Duration terminateTimeout) {
        if (owned.owns(OwnershipStore.Kind.CONNECTIONS, name)) {
            ViciSection resp = calls.call("unload-conn", ViciSection.builder().add("name", name).build());
            if (!resp.bool("success")) {
                LOG.debug("unload-conn '{}': {}", name, resp.stringOr("errmsg", "failed"));
            }
            if (calls.listConns(name).containsKey(name)) {
                throw new IllegalStateException("unload-conn '" + name + "' did not remove it: "
                        + resp.stringOr("errmsg", "no reason given"));
            }
            boolean hadSas = !calls.listSas(name).isEmpty();
            if (hadSas) {
                calls.terminate(ViciSection.builder().add("ike", name).build(), terminateTimeout);
            }
            owned.remove(OwnershipStore.Kind.CONNECTIONS, name);
            LOG.info("connection '{}' removed: unloaded{}", name, hadSas ? " and its SAs terminated" : "");
        }
        loadedDigest.remove(name);
    }

    /** charon did not take the connection; the message says why, the evidence is for the status. */
    static final class ApplyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final List<String> evidence;

        ApplyException(String message, List<String> evidence) {
            super(message);
            this.evidence = evidence;
        }
    }
}
