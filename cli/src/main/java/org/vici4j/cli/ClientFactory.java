package org.vici4j.cli;

import org.vici4j.cli.internal.OneShotClient;
import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;

/** Creates the VICI client a command uses; replaceable in tests. */
@FunctionalInterface
public interface ClientFactory {

    /** @return a client for {@code options}, not yet connected (connections open lazily) */
    ViciClient create(ViciClientOptions options);

    /**
     * The client of a one-shot command (every command but the controller and the declarative ones,
     * which run the controller's machinery): by default {@link #create}.
     *
     * @return a client for {@code options}, not yet connected
     */
    default ViciClient createOneShot(ViciClientOptions options) {
        return create(options);
    }

    /**
     * @return the factory of real clients: {@link ViciClient#connect(ViciClientOptions)}, and for one-shot
     *     commands a client whose requests go over one blocking connection (no Netty event loop or pool
     *     unless the command subscribes to events)
     */
    static ClientFactory standard() {
        // an anonymous class, not a method reference: the first lambda costs tens of ms at start-up
        return new ClientFactory() {
            @Override
            public ViciClient create(ViciClientOptions options) {
                return ViciClient.connect(options);
            }

            @Override
            public ViciClient createOneShot(ViciClientOptions options) {
                return new OneShotClient(options);
            }
        };
    }

    /** @return the factory of {@link ViciClient#connect(ViciClientOptions)} for every command (the Netty transport) */
    static ClientFactory netty() {
        return new ClientFactory() {
            @Override
            public ViciClient create(ViciClientOptions options) {
                return ViciClient.connect(options);
            }
        };
    }
}
