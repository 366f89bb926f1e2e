package org.vici4j.cli.internal;

import org.vici4j.client.command.TerminateRequest;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici terminate}: close SAs, streaming charon's log. */
@Command(name = "terminate",
        description = "Terminate IKE_SAs or CHILD_SAs, streaming charon's log while it runs (VICI 'terminate').",
        resourceBundle = "org.vici4j.cli.internal.TerminateCommand$Help")
public final class TerminateCommand extends ControlCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    SaSelector selector;

    @Option(names = {"-f", "--force"}, description = "Close the IKE_SA without waiting for the peer's DELETE response.")
    boolean force;

    @Override
    protected int execute() {
        TerminateRequest request = new TerminateRequest(selector.child, selector.ike, selector.childId, selector.ikeId,
                force ? Boolean.TRUE : null, charonTimeoutMillis(), loglevel);
        return runControl("terminate", (commands, onLog) -> commands.terminate(request, onLog).thenApply(r -> r.raw()));
    }

    @Override
    protected String summary(ViciSection response) {
        return completed("terminate", response);
    }

    /** The verb of the selector's help. */
    public static final class Help extends SaSelector.Verb {
        public Help() {
            super("Terminate");
        }
    }
}
