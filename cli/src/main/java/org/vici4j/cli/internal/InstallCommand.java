package org.vici4j.cli.internal;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici install}. */
@Command(name = "install", description = "Install the trap, drop or bypass policy of a CHILD_SA configuration (VICI 'install').")
public final class InstallCommand extends BaseCommand {

    @Option(names = "--child", paramLabel = "NAME", required = true, description = "CHILD_SA configuration.")
    String child;

    @Option(names = "--ike", paramLabel = "NAME", description = "IKE_SA configuration the CHILD_SA belongs to.")
    String ike;

    @Override
    protected int execute() {
        ViciSection.Builder m = ViciSection.builder().add("child", child);
        if (ike != null) {
            m.add("ike", ike);
        }
        ViciSection r = request("install", m.build());
        printMessage(r, x -> out().println("install completed successfully"));
        return 0;
    }
}
