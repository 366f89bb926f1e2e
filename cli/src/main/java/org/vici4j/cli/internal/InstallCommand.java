package org.vici4j.cli.internal;

import org.vici4j.client.ViciCommands;

import picocli.CommandLine.Command;

/** {@code vici install}. */
@Command(name = "install", description = "Install the trap, drop or bypass policy of a CHILD_SA configuration (VICI 'install').")
public final class InstallCommand extends PolicyCommand {

    @Override
    protected int execute() {
        return runPolicy("install", ViciCommands::install);
    }
}
