package org.vici4j.client.command;

import java.util.List;
import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * The successful answer of {@code terminate}.
 *
 * @param matches number of SAs that matched the selector, empty if charon did not say
 * @param terminated number of SAs terminated, empty if charon did not say (e.g. with timeout -1)
 * @param log the {@code control-log} lines ("[GROUP] msg") streamed while the command ran
 * @param raw the response as received
 */
public record TerminateResult(OptionalLong matches, OptionalLong terminated, List<String> log, ViciSection raw) {

    public TerminateResult {
        Fields.requireNonNull("matches, terminated, raw", matches, terminated, raw);
        log = List.copyOf(log);
    }

    /** Reads the response of {@code terminate}. */
    public static TerminateResult from(ViciSection response, List<String> log) {
        return new TerminateResult(Fields.optNum(response, "matches"), Fields.optNum(response, "terminated"), log,
                response);
    }
}
