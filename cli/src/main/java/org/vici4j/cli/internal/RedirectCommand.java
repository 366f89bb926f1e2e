package org.vici4j.cli.internal;

import org.vici4j.client.command.MatchesResult;
import org.vici4j.client.command.RedirectRequest;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici redirect}. */
@Command(name = "redirect", description = "Redirect IKE_SAs to another gateway, RFC 5685 (VICI 'redirect').")
public final class RedirectCommand extends BaseCommand {

    @ArgGroup(exclusive = false, multiplicity = "1")
    Match match;

    @Option(names = {"-g", "--gateway"}, paramLabel = "GATEWAY", required = true,
            description = "Gateway (IP address or FQDN) to redirect to.")
    String gateway;

    /** Which IKE_SAs to redirect (at least one). */
    static final class Match {
        @Option(names = {"-i", "--ike"}, paramLabel = "NAME", description = "IKE_SAs of this configuration.")
        String ike;
        @Option(names = {"-I", "--ike-id"}, paramLabel = "ID", description = "The IKE_SA with this unique id.")
        Long ikeId;
        @Option(names = {"-p", "--peer-ip"}, paramLabel = "IP", description = "IKE_SAs with this peer address (or range/subnet).")
        String peerIp;
        @Option(names = {"-d", "--peer-id"}, paramLabel = "ID", description = "IKE_SAs with this peer identity (wildcards allowed).")
        String peerId;
    }

    @Override
    protected int execute() {
        MatchesResult r = await(commands().redirect(new RedirectRequest(match.ike, match.ikeId, match.peerIp,
                match.peerId, gateway)));
        printMessage(r.raw(), x -> out().println(completed("redirect", x)));
        return 0;
    }
}
