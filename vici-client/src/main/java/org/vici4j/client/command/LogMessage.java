package org.vici4j.client.command;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * One {@code control-log} (or {@code log}) message of charon.
 *
 * @param group subsystem, e.g. {@code IKE}, {@code KNL}, {@code CFG} ("" if absent)
 * @param level log level 0..4, empty if absent
 * @param thread numeric thread id ({@code log} events only), empty if absent
 * @param ikeSaName name of the IKE_SA the message belongs to, if any
 * @param ikeSaUniqueId unique id of that IKE_SA, if any
 * @param message the text ("" if absent)
 * @param raw the event as received
 */
public record LogMessage(String group, OptionalInt level, OptionalInt thread, Optional<String> ikeSaName,
        OptionalLong ikeSaUniqueId, String message, ViciSection raw) {

    public LogMessage {
        Fields.requireNonNull("group, level, thread, ikeSaName, ikeSaUniqueId, message, raw",
                group, level, thread, ikeSaName, ikeSaUniqueId, message, raw);
    }

    /** Reads a {@code control-log}/{@code log} event message; missing keys give empty values. */
    public static LogMessage from(ViciSection event) {
        return new LogMessage(Fields.str(event, "group"), Fields.optInt(event, "level"),
                Fields.optInt(event, "thread"), Fields.opt(event, "ikesa-name"),
                Fields.optNum(event, "ikesa-uniqueid"), Fields.str(event, "msg"), event);
    }

    /** The message as swanctl prints it: {@code [GROUP] msg}. */
    public String line() {
        return "[" + (group.isEmpty() ? "   " : group) + "] " + message;
    }

    @Override
    public String toString() {
        return line();
    }
}
