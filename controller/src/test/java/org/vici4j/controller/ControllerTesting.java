package org.vici4j.controller;

import org.vici4j.controller.internal.Charon;

/** Test access to the controller's package-private seams, for tests in other packages. */
public final class ControllerTesting {

    private ControllerTesting() {
    }

    /** @return a builder whose controller talks to {@code charon} (e.g. a {@code FakeCharon}) instead of a client */
    public static Controller.Builder builder(Charon charon) {
        return Controller.builder().charon(charon);
    }
}
