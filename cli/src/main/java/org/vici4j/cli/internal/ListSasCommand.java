package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-sas}. */
@Command(name = "list-sas", description = "List the IKE_SAs and their CHILD_SAs (VICI 'list-sas', streamed 'list-sa').")
public final class ListSasCommand extends BaseCommand {

    @Option(names = {"-i", "--ike"}, paramLabel = "NAME", description = "Only IKE_SAs of this configuration.")
    String ike;
    @Option(names = {"-I", "--ike-id"}, paramLabel = "ID", description = "Only the IKE_SA with this unique id.")
    Long ikeId;
    @Option(names = {"-c", "--child"}, paramLabel = "NAME", description = "Only CHILD_SAs of this configuration.")
    String child;
    @Option(names = {"-C", "--child-id"}, paramLabel = "ID", description = "Only the CHILD_SA with this unique id.")
    Long childId;
    @Option(names = {"-n", "--noblock"}, description = "Do not wait for IKE_SAs in use by other threads.")
    boolean noblock;

    @Override
    protected int execute() {
        List<ViciSection> events = new ArrayList<>();
        await(commands().listSasEvents(new ListSasRequest(noblock, ike, ikeId, child, childId), events::add));
        printListing(events, e -> e, this::table);
        return 0;
    }

    /** Prints one {@code list-sa} event as swanctl does. */
    private void table(PrintWriter out, ViciSection event) {
        SaFormat.printListSa(out, event);
    }
}
