package org.vici4j.client.command;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * The answer of {@code version}. Missing keys read as "".
 *
 * @param daemon IKE daemon name, e.g. {@code charon}
 * @param version strongSwan version, e.g. {@code 5.9.8}
 * @param sysname operating system name, e.g. {@code Linux}
 * @param release operating system release
 * @param machine hardware identifier, e.g. {@code x86_64}
 * @param raw the response as received
 */
public record Version(String daemon, String version, String sysname, String release, String machine,
        ViciSection raw) {

    public Version {
        Fields.requireNonNull("daemon, version, sysname, release, machine, raw",
                daemon, version, sysname, release, machine, raw);
    }

    /** Reads the response of {@code version}. */
    public static Version from(ViciSection r) {
        return new Version(Fields.str(r, "daemon"), Fields.str(r, "version"), Fields.str(r, "sysname"),
                Fields.str(r, "release"), Fields.str(r, "machine"), r);
    }
}
