package org.vici4j.controller.failure;

import java.util.Objects;

import org.vici4j.client.message.ViciSection;

/**
 * One charon log message, from a {@code log} event or the {@code control-log} stream of a command.
 *
 * @param group subsystem, e.g. {@code IKE}, {@code KNL} ("" if absent)
 * @param message the text
 * @param ikeSaName the IKE_SA it belongs to ({@code ikesa-name}), or null
 * @param ikeSaUniqueId the IKE_SA's unique id ({@code ikesa-uniqueid}), or 0 if absent
 */
public record LogLine(String group, String message, String ikeSaName, long ikeSaUniqueId) {

    public LogLine {
        group = group == null ? "" : group;
        Objects.requireNonNull(message, "message");
    }

    /** A line without IKE_SA. */
    public static LogLine of(String group, String message) {
        return new LogLine(group, message, null, 0);
    }

    /** Reads a {@code log}/{@code control-log} event message. */
    public static LogLine from(ViciSection event) {
        long id = event.longValue("ikesa-uniqueid").orElse(0);
        return new LogLine(event.stringOr("group", ""), event.stringOr("msg", ""),
                event.string("ikesa-name").orElse(null), id);
    }

    /** Parses "[GROUP] msg" as swanctl prints it; a line without a group prefix keeps the whole text. */
    public static LogLine parse(String line) {
        if (line.startsWith("[")) {
            int end = line.indexOf(']');
            if (end > 0) {
                return of(line.substring(1, end).trim(), line.substring(end + 1).trim());
            }
        }
        return of("", line);
    }

    /** @return {@code [GROUP] msg} */
    public String line() {
        return "[" + group + "] " + message;
    }

    @Override
    public String toString() {
        return line();
    }
}
