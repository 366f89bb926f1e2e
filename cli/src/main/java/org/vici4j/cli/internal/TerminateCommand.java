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

    @Option(names = "--force", description = "Close the IKE_SA without waiting for the peer's DELETE response.")
    boolean force;

    /** Exactly one of the SA selectors. */
    static final class Selector {
        @Option(names = "--child", paramLabel = "NAME", description = "Terminate the CHILD_SAs of this configuration.")
        String child;
        @Option(names = "--ike", paramLabel = "NAME", description = "Terminate the IKE_SAs of this configuration.")
        String ike;
        @Option(names = "--child-id", paramLabel = "ID", description = "Terminate the CHILD_SA with this unique id.")
        Long childId;
        @Option(names = "--ike-id", paramLabel = "ID", description = "Terminate the IKE_SA with this unique id.")
        Long ikeId;

        /** @return a message holding the selected SA (child, ike, child-id or ike-id) */
        ViciSection.Builder message() {
            ViciSection.Builder m = ViciSection.builder();
            if (child != null) {
                m.add("child", child);
            }
            if (ike != null) {
                m.add("ike", ike);
            }
            if (childId != null) {
                m.add("child-id", childId);
            }
            if (ikeId != null) {
                m.add("ike-id", ikeId);
            }
            return m;
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
