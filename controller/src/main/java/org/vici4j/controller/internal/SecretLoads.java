package org.vici4j.controller.internal;

import java.util.concurrent.CompletableFuture;

import org.vici4j.client.ViciCommands;
import org.vici4j.client.command.LoadKeyRequest;
import org.vici4j.client.command.LoadKeyResult;
import org.vici4j.client.command.LoadSharedRequest;
import org.vici4j.client.command.PrivateKeyType;
import org.vici4j.client.command.SharedKeyType;
import org.vici4j.controller.config.PrivateKeySecret;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.config.TokenSecret;

/**
 * A desired secret as the typed command that loads it, and the entry ownership records keep of a loaded secret:
 * {@code <load command>:<id>}, the id being the one it is unloaded by (a shared secret's section name, a key's
 * key id).
 */
final class SecretLoads {

    /** How the entries of shared secrets start (the record format on disk). */
    private static final String SHARED_ENTRY = "load-shared:";

    private SecretLoads() {
    }

    /**
     * Sends the secret's load command.
     *
     * @return completes with the id it is unloaded by; fails with {@link org.vici4j.client.CommandFailedException}
     *     if charon refused it (the message never holds the secret)
     */
    static CompletableFuture<String> load(ViciCommands charon, SecretConfig secret) {
        if (secret instanceof SharedSecret s) {
            return charon.loadShared(new LoadSharedRequest(s.name(), SharedKeyType.valueOf(s.type().name()),
                    s.data().bytes(), s.owners())).thenApply(r -> s.name());
        }
        if (secret instanceof PrivateKeySecret k) {
            return keyId(charon.loadKey(new LoadKeyRequest(PrivateKeyType.valueOf(k.type().name()),
                    k.data().bytes())), k);
        }
        TokenSecret t = (TokenSecret) secret;
        return keyId(charon.loadToken(t.toLoadToken()), t);
    }

    private static CompletableFuture<String> keyId(CompletableFuture<LoadKeyResult> f, SecretConfig secret) {
        return f.thenApply(r -> r.id().isEmpty() ? secret.name() : r.id());
    }

    /** Sends the unload command for a secret recorded as {@code entry}, by {@code id}. */
    static CompletableFuture<?> unload(ViciCommands charon, String entry, String id) {
        return isShared(entry) ? charon.unloadShared(id) : charon.unloadKey(id);
    }

    /** @return the record entry of a secret loaded with id {@code id} */
    static String entry(SecretConfig secret, String id) {
        return secret.command() + ":" + id;
    }

    /** @return the entry assumed for a secret without a record: a shared secret, by name */
    static String sharedEntry(String name) {
        return SHARED_ENTRY + name;
    }

    /** @return whether the entry records a shared secret */
    static boolean isShared(String entry) {
        return entry.startsWith(SHARED_ENTRY);
    }

    /** @return the id of the entry, or null if it has none */
    static String id(String entry) {
        int colon = entry.indexOf(':');
        return colon > 0 ? entry.substring(colon + 1) : null;
    }
}
