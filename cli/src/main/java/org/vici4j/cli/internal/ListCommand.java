package org.vici4j.cli.internal;

import java.io.PrintWriter;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.message.ViciSection;

/**
 * Base of a streamed listing sent by name ({@code list-sas}): one JSON array / YAML sequence of the streamed
 * messages, in order. The other listings go through vici-client's typed methods ({@link ItemListCommand}).
 */
abstract class ListCommand extends BaseCommand {

    /** Runs a streamed listing and prints its events. */
    protected int list(String command, ViciSection message, String event) {
        StreamedResponse r = await(commands().streamed(command, message, event, null));
        checkSuccess(command, r.response());
        printListing(r.events(), e -> e, this::table);
        return 0;
    }

    /** Prints one streamed message in table form. */
    protected abstract void table(PrintWriter out, ViciSection event);
}
