package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.ViciCommands;
import org.vici4j.client.message.ViciSection;

/**
 * Base of the listings run through vici-client's typed methods (list-conns, list-pols, list-certs,
 * list-authorities): the items in the order charon streams them, printed in swanctl's layout, or as one JSON array /
 * YAML sequence of charon's messages (each item's {@code raw()} under its name, as charon sent it).
 *
 * @param <T> the typed item
 */
abstract class ItemListCommand<T> extends BaseCommand {

    @Override
    protected final int execute() {
        Listing<T> listing = listing(); // the options are checked before charon is asked anything
        if (format() == Format.TABLE) {
            beforeTable();
        }
        List<T> items = new ArrayList<>(); // filled by one thread; the awaited future publishes it
        await(listing.run(commands(), items::add));
        printListing(items, this::message, this::table);
        return 0;
    }

    /** A typed listing of vici-client, e.g. {@code (commands, onItem) -> commands.listConns(ike, onItem)}. */
    @FunctionalInterface
    interface Listing<T> {
        /** Runs the listing, handing each item to {@code onItem} as it arrives; completes with the count. */
        CompletableFuture<Long> run(ViciCommands commands, Consumer<? super T> onItem);
    }

    /** @return the listing the options ask for; a bad option throws here */
    protected abstract Listing<T> listing();

    /** @return the message charon streamed for {@code item} */
    protected abstract ViciSection message(T item);

    /** Prints {@code item} in table form. */
    protected abstract void table(PrintWriter out, T item);

    /** Before a table listing: what its layout depends on (e.g. charon's version). */
    protected void beforeTable() {
    }

    /** @return the message {@code { name = { section } }}, the shape of most listing events */
    static ViciSection named(String name, ViciSection section) {
        return ViciSection.builder().addSection(name, section).build();
    }
}
