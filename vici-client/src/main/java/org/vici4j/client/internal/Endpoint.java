package org.vici4j.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciScheduler;

/**
 * What the client's command pool and event hub both need to reach charon: the transport, the address, the
 * connect timeout and the scheduler for their timers; and the failures they both report.
 *
 * @param transport Netty's event loop and channel type
 * @param uri charon's address
 * @param connectTimeout how long one connect may take
 * @param scheduler the client's timer
 */
record Endpoint(Transport transport, ViciUri uri, Duration connectTimeout, ViciScheduler scheduler) {

    /** Opens a connection for {@code role} ("cmd", "events"), reporting to {@code listener}. */
    CompletableFuture<ViciConnection> connect(String role, ViciConnection.Listener listener) {
        return ViciConnection.connect(transport, uri, connectTimeout, role, listener);
    }

    /** @return the failure of a request made after the client was closed */
    ViciConnectionException closedClient() {
        return closedClient(uri);
    }

    /** @return the failure of a request made after the client for {@code uri} was closed */
    static ViciConnectionException closedClient(ViciUri uri) {
        return new ViciConnectionException("the VICI client for " + uri + " is closed; create a new one");
    }

    /** @return {@code err}, a failed connect, as the {@link ViciException} to report */
    ViciException connectFailure(Throwable err) {
        return err instanceof ViciException v ? v
                : new ViciConnectionException("cannot connect to charon at " + uri + ": " + err.getMessage(), err);
    }
}
