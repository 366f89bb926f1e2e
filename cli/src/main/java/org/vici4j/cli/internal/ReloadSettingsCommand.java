package org.vici4j.cli.internal;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;

/** {@code vici reload-settings}: charon re-reads strongswan.conf. */
@Command(name = "reload-settings", description = "Make charon re-read strongswan.conf and reopen its loggers (VICI 'reload-settings').")
public final class ReloadSettingsCommand extends BaseCommand {

    @Override
    protected int execute() {
        ViciSection r = await(commands().reloadSettings()).raw();
        printMessage(r, m -> out().println("reload-settings completed successfully"));
        return 0;
    }
}
