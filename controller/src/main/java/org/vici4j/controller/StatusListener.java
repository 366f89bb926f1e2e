package org.vici4j.controller;

import org.vici4j.controller.status.ControllerStatus;

/**
 * Told about every change of the controller's status. Called on a controller thread, one call at a time, in order;
 * must not block. Exceptions are logged and otherwise ignored.
 */
@FunctionalInterface
public interface StatusListener {

    /**
     * The status changed.
     *
     * @param previous the status before
     * @param current the status now
     */
    void onStatusChanged(ControllerStatus previous, ControllerStatus current);
}
