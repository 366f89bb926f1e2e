package org.vici4j.cli.internal;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici rekey}. */
@Command(name = "rekey", description = "Rekey (or reauthenticate) IKE_SAs or CHILD_SAs (VICI 'rekey').")
public final class RekeyCommand extends BaseCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    TerminateCommand.Selector selector;

    @Option(names = "--reauth", description = "Reauthenticate the IKE_SA instead of rekeying it.")
    boolean reauth;

    @Override
    protected int execute() {
        ViciSection.Builder m = selector.message();
        if (reauth) {
            m.add("reauth", true);
        }
        ViciSection r = request("rekey", m.build());
        printMessage(r, x -> out().println("rekey completed successfully"
                + x.string("matches").map(n -> " (" + n + " matched)").orElse("")));
        return 0;
    }
}
