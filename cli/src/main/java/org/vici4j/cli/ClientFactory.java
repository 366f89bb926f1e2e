package org.vici4j.cli;

import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;

/** Creates the VICI client a command uses; replaceable in tests. */
@FunctionalInterface
public interface ClientFactory {

    /** @return a client for {@code options}, not yet connected (connections open lazily) */
    ViciClient create(ViciClientOptions options);

    /** @return the factory of real clients, {@link ViciClient#connect(ViciClientOptions)} */
    static ClientFactory standard() {
        // an anonymous class, not a method reference: the first lambda costs tens of ms at start-up
        return new ClientFactory() {
            @Override
            public ViciClient create(ViciClientOptions options) {
                return ViciClient.connect(options);
            }
        };
    }
}
