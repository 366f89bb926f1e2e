package org.vici4j.cli.internal;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Option;

/** The options and run of {@code vici install} and {@code vici uninstall}, which differ only in the VICI command. */
abstract class PolicyCommand extends BaseCommand {

    @Option(names = {"-c", "--child"}, paramLabel = "NAME", required = true, description = "CHILD_SA configuration.")
    String child;

    @Option(names = {"-i", "--ike"}, paramLabel = "NAME", description = "IKE_SA configuration the CHILD_SA belongs to.")
    String ike;

    /** Sends {@code command} for the selected CHILD_SA configuration and prints the result. */
    protected final int runPolicy(String command) {
        ViciSection.Builder m = ViciSection.builder().add("child", child);
        if (ike != null) {
            m.add("ike", ike);
        }
        ViciSection r = request(command, m.build());
        printMessage(r, x -> out().println(command + " completed successfully"));
        return 0;
    }
}
