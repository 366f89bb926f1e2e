package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.Map;

import org.vici4j.client.command.Authority;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici list-authorities}. */
@Command(name = "list-authorities", description = "List the loaded certification authorities (VICI 'list-authorities', streamed 'list-authority').")
public final class ListAuthoritiesCommand extends ItemListCommand<Authority> {

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Only this authority.")
    String name;

    @Override
    protected Listing<Authority> listing() {
        return (commands, onItem) -> commands.listAuthorities(name, onItem);
    }

    @Override
    protected ViciSection message(Authority a) {
        return named(a.name(), a.raw());
    }

    @Override
    protected void table(PrintWriter out, Authority a) {
        printAuthority(out, a.name(), a.raw());
    }

    /**
     * Prints one authority like {@code swanctl --list-authorities}, line for line: printable values as
     * {@code key: value}, CRL and OCSP URIs one per line (swanctl labels every OCSP URI, not only the first).
     */
    static void printAuthority(PrintWriter out, String name, ViciSection a) {
        out.println(name + ":");
        boolean crlLabeled = false;
        for (Map.Entry<String, ViciItem> e : a.entries()) {
            if (e.getValue() instanceof ViciValue v && Fields.printable(v)) {
                out.println("  " + e.getKey() + ": " + v.asString());
            } else if (e.getValue() instanceof ViciList l) {
                for (ViciValue v : l.values()) {
                    if (!Fields.printable(v)) {
                        continue;
                    }
                    if (e.getKey().equals("crl_uris")) {
                        out.println("  " + (crlLabeled ? "          " : "crl_uris: ") + " " + v.asString());
                        crlLabeled = true;
                    } else if (e.getKey().equals("ocsp_uris")) {
                        out.println("  ocsp_uris: " + v.asString());
                    }
                }
            }
        }
    }
}
