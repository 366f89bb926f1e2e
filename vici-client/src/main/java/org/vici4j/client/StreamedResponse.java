package org.vici4j.client;

import java.util.List;
import java.util.Objects;

import org.vici4j.client.message.ViciSection;

/**
 * The result of a streamed command: charon's response and the events it streamed while executing
 * the command, in the order received.
 *
 * @param response the command's response message
 * @param events the streamed events (for example {@code list-sa} or {@code control-log}), in order
 */
public record StreamedResponse(ViciSection response, List<ViciSection> events) {

    /** Copies {@code events}; neither argument may be null. */
    public StreamedResponse {
        Objects.requireNonNull(response, "response");
        events = List.copyOf(events);
    }
}
