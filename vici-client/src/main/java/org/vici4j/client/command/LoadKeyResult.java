package org.vici4j.client.command;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * The successful answer of {@code load-key}.
 *
 * @param id hex-encoded SHA-1 key identifier of the public key, as {@code unload-key} takes it
 *        ("" if charon did not send it)
 * @param raw the response as received
 */
public record LoadKeyResult(String id, ViciSection raw) {

    public LoadKeyResult {
        Fields.requireNonNull("id, raw", id, raw);
    }

    /** Reads the response of {@code load-key}. */
    public static LoadKeyResult from(ViciSection response) {
        return new LoadKeyResult(Fields.str(response, "id"), response);
    }
}
