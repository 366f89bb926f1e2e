package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.message.ViciSection;

/** Base of the streamed listings: one JSON array / YAML sequence of the streamed messages, in order. */
abstract class ListCommand extends BaseCommand {

    /** Runs a streamed listing and prints its events. */
    protected int list(String command, ViciSection message, String event) {
        StreamedResponse r = streamed(client(), command, message, event, null);
        checkSuccess(command, r.response(), List.of());
        printStream(r.events(), events -> {
            // rendered into one buffer and written once: the command line's writer flushes on every line
            StringWriter buffer = new StringWriter(events.size() * 512);
            PrintWriter table = new PrintWriter(buffer);
            for (ViciSection e : events) {
                table(table, e);
            }
            table.flush();
            out().write(buffer.toString());
        });
        return 0;
    }

    /** Prints one streamed message in table form. */
    protected abstract void table(PrintWriter out, ViciSection event);
}
