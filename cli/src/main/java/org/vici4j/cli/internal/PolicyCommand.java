package org.vici4j.cli.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.vici4j.client.ViciCommands;
import org.vici4j.client.command.CommandResult;
import org.vici4j.client.command.PolicyRequest;

import picocli.CommandLine.Option;

/** The options and run of {@code vici install} and {@code vici uninstall}, which differ only in the VICI command. */
abstract class PolicyCommand extends BaseCommand {

    @Option(names = {"-c", "--child"}, paramLabel = "NAME", required = true, description = "CHILD_SA configuration.")
    String child;

    @Option(names = {"-i", "--ike"}, paramLabel = "NAME", description = "IKE_SA configuration the CHILD_SA belongs to.")
    String ike;

    /** Sends {@code command} (the typed {@code call}) for the selected CHILD_SA configuration and prints the result. */
    protected final int runPolicy(String command,
            BiFunction<ViciCommands, PolicyRequest, CompletableFuture<CommandResult>> call) {
        CommandResult r = await(call.apply(commands(), new PolicyRequest(child, ike)));
        printMessage(r.raw(), x -> out().println(command + " completed successfully"));
        return 0;
    }
}
