package org.vici4j.controller;

import org.vici4j.controller.testing.TwoGatewayChecks;
import org.vici4j.lab.CharonLabExtension;

/**
 * The controller's twinned real-charon suites (failure, healing, tunnel): each IT subclass names its lab, strongSwan
 * 5.9 or 6.x, with {@link #lab()}.
 */
abstract class ControllerLabChecks extends TwoGatewayChecks {

    /** @return the lab: gateways a and b (tests restart them with the backends they need) */
    abstract CharonLabExtension lab();

    @Override
    protected final CharonLabExtension charonLab() {
        return lab();
    }
}
