package org.vici4j.client.command;

import java.util.List;
import java.util.Objects;

import org.vici4j.client.message.ViciSection;

/**
 * The successful answer of a command that answers {@code success}/{@code errmsg} and nothing
 * else worth typing (load-conn, unload-conn, install, initiate, ...).
 *
 * @param log the {@code control-log} lines ("[GROUP] msg") streamed while the command ran;
 *        empty for commands that stream none
 * @param raw the response as received
 */
public record CommandResult(List<String> log, ViciSection raw) {

    public CommandResult {
        log = List.copyOf(log);
        Objects.requireNonNull(raw, "raw");
    }

    /** A result of a command that streams no log. */
    public static CommandResult of(ViciSection raw) {
        return new CommandResult(List.of(), raw);
    }
}
