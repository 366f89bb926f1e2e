package org.vici4j.controller;

/**
 * Whether the controller reaches charon.
 *
 * @param connected whether the latest command reached charon
 * @param version charon's version (e.g. "5.9.8"), or null if never reached
 */
public record CharonStatus(boolean connected, String version) {
}
