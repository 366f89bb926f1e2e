package org.vici4j.cli.internal;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici terminate}: close SAs, streaming charon's log. */
@Command(name = "terminate",
        description = "Terminate IKE_SAs or CHILD_SAs, streaming charon's log while it runs (VICI 'terminate').")
public final class TerminateCommand extends ControlCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selector selector;

    @Option(names = {"-f", "--force"}, description = "Close the IKE_SA without waiting for the peer's DELETE response.")
    boolean force;

    /** Exactly one of the SA selectors. */
    static final class Selector extends SaSelector {
        @Option(names = {"-c", "--child"}, paramLabel = "NAME", description = "Terminate the CHILD_SAs of this configuration.")
        void child(String v) {
            child = v;
        }

        @Option(names = {"-i", "--ike"}, paramLabel = "NAME", description = "Terminate the IKE_SAs of this configuration.")
        void ike(String v) {
            ike = v;
        }

        @Option(names = {"-C", "--child-id"}, paramLabel = "ID", description = "Terminate the CHILD_SA with this unique id.")
        void childId(long v) {
            childId = v;
        }

        @Option(names = {"-I", "--ike-id"}, paramLabel = "ID", description = "Terminate the IKE_SA with this unique id.")
        void ikeId(long v) {
            ikeId = v;
        }
    }

    @Override
    protected int execute() {
        ViciSection.Builder m = selector.message();
        if (force) {
            m.add("force", true);
        }
        return runControl("terminate", m);
    }

    @Override
    protected String summary(ViciSection response) {
        return "terminate completed successfully"
                + response.string("matches").map(n -> " (" + n + " matched)").orElse("");
    }
}
