package org.vici4j.client;

import java.util.List;
import java.util.Objects;
import org.vici4j.client.message.ViciSection;

/**
 * Charon answered a command with {@code success = no}.
 *
 * <p>The exception message names the command and charon's {@code errmsg}; the full response is
 * available from {@link #response()}. The response is never rendered into the message.
 */
public class CommandFailedException extends ViciException {

    private final String command;
    private final String errmsg;
    private final List<String> log;
    private final transient ViciSection response;

    /**
     * Creates the exception.
     *
     * @param command the VICI command that failed, e.g. {@code initiate}
     * @param errmsg charon's {@code errmsg}, or {@code null}/empty if it sent none
     * @param log log lines charon streamed while executing the command (may be empty)
     * @param response the raw response message
     */
    public CommandFailedException(String command, String errmsg, List<String> log, ViciSection response) {
        super(describe(command, errmsg));
        this.command = Objects.requireNonNull(command, "command");
        this.errmsg = errmsg == null ? "" : errmsg;
        this.log = log == null ? List.of() : List.copyOf(log);
        this.response = response == null ? ViciSection.empty() : response;
    }

    /**
     * Checks charon's answer to a command the way every typed command does: an answer whose {@code success} is
     * anything but {@code yes} failed; one without a {@code success} key (charon's listings) did not.
     *
     * @param command the VICI command
     * @param response charon's answer
     * @param log log lines charon streamed while executing the command (may be empty)
     * @return {@code response}
     * @throws CommandFailedException if it says the command failed
     */
    public static ViciSection check(String command, ViciSection response, List<String> log) {
        var success = response.string("success");
        if (success.isPresent() && !"yes".equals(success.get())) {
            throw new CommandFailedException(command, response.stringOr("errmsg", ""), log, response);
        }
        return response;
    }

    private static String describe(String command, String errmsg) {
        if (errmsg == null || errmsg.isEmpty()) {
            return "charon command '" + command + "' failed (success = no) without an error message;"
                    + " see charon's log for the reason";
        }
        return "charon command '" + command + "' failed: " + errmsg;
    }

    /** @return the VICI command that failed */
    public String command() {
        return command;
    }

    /** @return charon's {@code errmsg}, empty if it sent none */
    public String errmsg() {
        return errmsg;
    }

    /** @return log lines charon streamed while executing the command, possibly empty */
    public List<String> log() {
        return log;
    }

    /** @return the raw response message (empty after Java deserialization: it is not serializable) */
    public ViciSection response() {
        return response == null ? ViciSection.empty() : response;
    }
}
