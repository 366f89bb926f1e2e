package org.vici4j.cli.internal;

import java.io.PrintWriter;

import org.vici4j.client.command.ListPoliciesRequest;
import org.vici4j.client.command.Policy;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-pols}. */
@Command(name = "list-pols", description = "List trap, drop and bypass policies (VICI 'list-policies', streamed 'list-policy').")
public final class ListPolsCommand extends ItemListCommand<Policy> {

    @Option(names = {"-c", "--child"}, paramLabel = "NAME", description = "Only policies of this CHILD_SA configuration.")
    String child;
    @Option(names = {"-t", "--trap"}, description = "List trap policies (default: all three kinds).")
    boolean trap;
    @Option(names = {"-d", "--drop"}, description = "List drop policies.")
    boolean drop;
    @Option(names = {"-p", "--pass"}, description = "List bypass policies.")
    boolean pass;

    /** Whether the table shows reqids (charon 6 or later, like its swanctl). */
    private boolean reqids;

    @Override
    protected void beforeTable() {
        // swanctl 6 prints each policy's reqid, 5.9's does not: follow the swanctl of charon's version
        reqids = !charonVersion().matches("[0-5]\\..*");
    }

    @Override
    protected Listing<Policy> listing() {
        boolean all = !trap && !drop && !pass;
        ListPoliciesRequest request = new ListPoliciesRequest(all || trap, all || drop, all || pass, child, null);
        return (commands, onItem) -> commands.listPolicies(request, onItem);
    }

    @Override
    protected ViciSection message(Policy p) {
        return named(p.key(), p.raw());
    }

    @Override
    protected void table(PrintWriter out, Policy p) {
        // swanctl's layout; swanctl 6 prints the reqid, "(null)" when charon sends none (pass, drop)
        Fields f = Fields.of(p.raw());
        out.println(p.key() + (reqids ? ", reqid " + f.str("reqid") : "") + ", " + f.str("mode"));
        SaFormat.label(out, "  label:  ", f.get("label"));
        out.println("  local:  " + f.str("local-ts"));
        out.println("  remote: " + f.str("remote-ts"));
    }
}
