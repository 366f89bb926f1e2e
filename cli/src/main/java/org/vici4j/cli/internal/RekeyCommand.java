package org.vici4j.cli.internal;

import org.vici4j.client.command.MatchesResult;
import org.vici4j.client.command.RekeyRequest;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici rekey}. */
@Command(name = "rekey", description = "Rekey (or reauthenticate) IKE_SAs or CHILD_SAs (VICI 'rekey').",
        resourceBundle = "org.vici4j.cli.internal.RekeyCommand$Help")
public final class RekeyCommand extends BaseCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    SaSelector selector;

    @Option(names = {"-a", "--reauth"}, description = "Reauthenticate the IKE_SA instead of rekeying it.")
    boolean reauth;

    @Override
    protected int execute() {
        MatchesResult r = await(commands().rekey(new RekeyRequest(selector.child, selector.ike, selector.childId,
                selector.ikeId, reauth ? Boolean.TRUE : null)));
        printMessage(r.raw(), x -> out().println(completed("rekey", x)));
        return 0;
    }

    /** The verb of the selector's help. */
    public static final class Help extends SaSelector.Verb {
        public Help() {
            super("Rekey");
        }
    }
}
