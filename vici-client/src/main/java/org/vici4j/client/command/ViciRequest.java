package org.vici4j.client.command;

import org.vici4j.client.message.ViciSection;

/** A typed command request: encodes itself into the VICI request message charon expects. */
public interface ViciRequest {

    /** @return the request message, with keys and values exactly as charon reads them */
    ViciSection toMessage();
}
