package org.vici4j.client.command;

import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * The successful answer of {@code rekey} and {@code redirect}.
 *
 * @param matches number of SAs the command was started for, empty if charon did not say
 * @param raw the response as received
 */
public record MatchesResult(OptionalLong matches, ViciSection raw) {

    public MatchesResult {
        Fields.requireNonNull("matches, raw", matches, raw);
    }

    /** Reads the response of {@code rekey}/{@code redirect}. */
    public static MatchesResult from(ViciSection response) {
        return new MatchesResult(Fields.optNum(response, "matches"), response);
    }
}
