package org.vici4j.cli.internal;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici rekey}. */
@Command(name = "rekey", description = "Rekey (or reauthenticate) IKE_SAs or CHILD_SAs (VICI 'rekey').")
public final class RekeyCommand extends BaseCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selector selector;

    /** Exactly one of the SA selectors. */
    static final class Selector extends SaSelector {
        @Option(names = {"-c", "--child"}, paramLabel = "NAME", description = "Rekey the CHILD_SAs of this configuration.")
        void child(String v) {
            child = v;
        }

        @Option(names = {"-i", "--ike"}, paramLabel = "NAME", description = "Rekey the IKE_SAs of this configuration.")
        void ike(String v) {
            ike = v;
        }

        @Option(names = {"-C", "--child-id"}, paramLabel = "ID", description = "Rekey the CHILD_SA with this unique id.")
        void childId(long v) {
            childId = v;
        }

        @Option(names = {"-I", "--ike-id"}, paramLabel = "ID", description = "Rekey the IKE_SA with this unique id.")
        void ikeId(long v) {
            ikeId = v;
        }
    }

    @Option(names = {"-a", "--reauth"}, description = "Reauthenticate the IKE_SA instead of rekeying it.")
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
