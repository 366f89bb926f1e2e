package org.vici4j.cli.internal;

import org.vici4j.client.command.InitiateRequest;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici initiate}: bring up a CHILD_SA (and its IKE_SA), streaming charon's log. */
@Command(name = "initiate",
        description = {"Initiate a CHILD_SA (and its IKE_SA, if needed) and stream charon's log while it runs"
                + " (VICI 'initiate').",
            "Waits up to --timeout (default 30s) for charon; exit 1 with charon's reason if the CHILD_SA"
                + " could not be established, 4 if it was not established in time."})
public final class InitiateCommand extends ControlCommand {

    @Option(names = {"-c", "--child"}, paramLabel = "NAME", description = "CHILD_SA configuration to initiate.")
    String child;

    @Option(names = {"-i", "--ike"}, paramLabel = "NAME",
            description = "IKE_SA configuration (needed if the CHILD_SA name is ambiguous; alone: IKE_SA only).")
    String ike;

    @Option(names = "--init-limits", description = "Honour charon's initiation limits (charon.init_limit_*).")
    boolean initLimits;

    @Override
    protected int execute() {
        if (child == null && ike == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "initiate needs --child NAME (and/or --ike NAME)");
        }
        InitiateRequest request = new InitiateRequest(child, ike, charonTimeoutMillis(), initLimits ? Boolean.TRUE : null,
                loglevel);
        return runControl("initiate", (commands, onLog) -> commands.initiate(request, onLog).thenApply(r -> r.raw()));
    }

    @Override
    protected String summary(ViciSection response) {
        return "initiate completed successfully";
    }
}
