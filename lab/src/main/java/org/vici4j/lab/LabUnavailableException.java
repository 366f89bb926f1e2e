package org.vici4j.lab;

import java.util.List;

/**
 * This machine cannot run a charon lab (not root, no network namespaces, strongSwan not
 * installed, ...). The message names everything that is missing and how to get it.
 */
public final class LabUnavailableException extends LabException {
    private final List<String> missing;

    public LabUnavailableException(List<String> missing) {
        super("this machine cannot run a real-charon lab; missing:\n  - " + String.join("\n  - ", missing)
                + "\nRun the tests as root on Debian/Ubuntu after installing strongSwan (see README), "
                + "or leave the real-charon tests out with -DskipITs.");
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
