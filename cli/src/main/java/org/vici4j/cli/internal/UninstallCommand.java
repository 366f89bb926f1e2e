package org.vici4j.cli.internal;

import org.vici4j.client.ViciCommands;

import picocli.CommandLine.Command;

/** {@code vici uninstall}. */
@Command(name = "uninstall", description = "Uninstall the trap, drop or bypass policy of a CHILD_SA configuration (VICI 'uninstall').")
public final class UninstallCommand extends PolicyCommand {

    @Override
    protected int execute() {
        return runPolicy("uninstall", ViciCommands::uninstall);
    }
}
