package org.vici4j.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vici4j.controller.status.CharonStatus;

/**
 * Whether the controller is ready to be relied on ({@link Controller#health()}).
 *
 * @param running started and not stopped
 * @param charon how charon stands (connected, unresponsive, unreachable)
 * @param subscribed the controller's event subscription is open (events keep its view of charon current)
 * @param reconciled a full reconcile pass (observe charon, plan, load and unload) finished since charon was last
 *     (re)connected and no events were missed since
 * @param lastFullReconcile when the latest full reconcile pass finished, or null if none did
 */
public record ControllerHealth(boolean running, CharonStatus.State charon, boolean subscribed, boolean reconciled,
        Instant lastFullReconcile) {

    public ControllerHealth {
        Objects.requireNonNull(charon, "charon");
    }

    /** @return running, connected to charon, subscribed, and the last full reconcile finished */
    public boolean ready() {
        return running && charon == CharonStatus.State.CONNECTED && subscribed && reconciled;
    }

    /** @return why the controller is not ready, in words (empty when ready) */
    public List<String> notReady() {
        List<String> why = new ArrayList<>();
        if (!running) {
            why.add("controller not running");
        }
        if (charon != CharonStatus.State.CONNECTED) {
            why.add("charon " + charon.wireName());
        }
        if (!subscribed) {
            why.add("not subscribed to charon's events");
        }
        if (!reconciled) {
            why.add("full reconcile not finished");
        }
        return why;
    }
}
