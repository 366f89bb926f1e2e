package org.vici4j.client.docs;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.vici4j.client.CommandFailedException;
import org.vici4j.client.ConnectionLostException;
import org.vici4j.client.EventGap;
import org.vici4j.client.EventListener;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.Subscription;
import org.vici4j.client.UnknownCommandException;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.message.ViciSection;

/**
 * The examples of {@code docs/client.md}, compiled by {@code test-compile} so that the documentation
 * cannot drift from the API. Each region between {@code // tag::name[]} and {@code // end::name[]} is
 * quoted in the document. {@code ClientTourExamplesTest} runs them against the fake server.
 */
@SuppressWarnings("unused")
public final class ClientTourExamples {

    private ClientTourExamples() {
    }

    /** Connect with defaults or with options. */
    public static ViciClient connect(String uri) {
        // tag::connect[]
        ViciClient defaults = ViciClient.connect(); // unix:///var/run/charon.vici, like swanctl
        defaults.close();

        ViciClient client = ViciClient.connect(ViciClientOptions.builder()
                .uri(uri)                                  // or "tcp://127.0.0.1:4502"
                .requestTimeout(Duration.ofSeconds(30))    // client-side limit for every request
                .poolSize(4)                               // command connections, opened on demand
                .reconnect(true)                           // re-subscribe after charon restarts
                .build());
        // end::connect[]
        return client;
    }

    /** Run a command, blocking or asynchronously. */
    public static String version(ViciClient client) {
        // tag::request[]
        ViciSection version = client.await(client.request("version", ViciSection.empty()));
        String daemon = version.stringOr("daemon", "?") + " " + version.stringOr("version", "?");

        CompletableFuture<ViciSection> stats = client.request("stats", ViciSection.empty());
        stats.thenAccept(s -> System.out.println("IKE_SAs: " + s.section("ikesas")
                .map(ike -> ike.stringOr("total", "0")).orElse("0")));
        // end::request[]
        client.await(stats);
        return daemon;
    }

    /** A streamed command: list-sas streams one list-sa event per IKE_SA. */
    public static List<ViciSection> listSas(ViciClient client) {
        // tag::stream[]
        StreamedResponse result = client.await(client.streamed("list-sas", ViciSection.empty(), "list-sa",
                sa -> System.out.println("IKE_SA " + sa.keys()))); // called in order, off the I/O thread
        List<ViciSection> sas = result.events();                   // the same events, collected
        // end::stream[]
        return sas;
    }

    /** Subscribe to events. */
    public static Subscription subscribe(ViciClient client) {
        // tag::subscribe[]
        Subscription updown = client.subscribe(Set.of("ike-updown", "child-updown"), new EventListener() {
            @Override
            public void onEvent(String name, ViciSection message) {
                boolean up = message.bool("up"); // "down" events carry no "up" key
                System.out.println(name + (up ? " up " : " down ") + message.keys());
            }

            @Override
            public void onOverflow(long dropped) {
                System.out.println(dropped + " events lost: this listener is too slow; resync with list-sas");
            }

            @Override
            public void onGap(EventGap gap) {
                System.out.println("reconnected after " + gap.duration() + "; resync with list-sas");
            }

            @Override
            public void onClosed(ViciException cause) {
                System.out.println("subscription ended" + (cause == null ? "" : ": " + cause.getMessage()));
            }
        });
        client.await(updown.registered()); // charon confirmed every event name
        // ... later: updown.close();
        // end::subscribe[]
        return updown;
    }

    /** Handle errors. */
    public static String errors(ViciClient client) {
        // tag::errors[]
        try {
            ViciSection r = client.await(client.request("initiate",
                    ViciSection.builder().add("child", "net").add("timeout", 10_000).build()));
            if (!r.bool("success")) {                       // request() returns charon's answer as it is
                return "failed: " + r.stringOr("errmsg", "(no errmsg)");
            }
            return "up";
        } catch (UnknownCommandException e) {              // CMD_UNKNOWN
            return "charon does not know " + e.command();
        } catch (ViciTimeoutException e) {                 // client-side timeout; the connection was discarded
            return "no answer in time";
        } catch (ConnectionLostException e) {              // lost while in flight: may or may not have run
            return "connection lost";
        } catch (ViciConnectionException e) {              // cannot connect: message names the socket and the fix
            return "cannot connect: " + e.getMessage();
        } catch (CommandFailedException e) {               // thrown by the typed methods (success = no)
            return e.errmsg();
        }
        // end::errors[]
    }

    /** A subscription to an event this charon does not know. */
    public static boolean alertKnown(ViciClient client) {
        // tag::unknown-event[]
        Subscription alerts = client.subscribe("alert", (name, msg) -> System.out.println(msg));
        try {
            client.await(alerts.registered());
            return true;
        } catch (UnknownEventException e) {   // charon 5.9.x: 'alert' exists from 6.0.3 on
            return false;
        }
        // end::unknown-event[]
    }

    /** A long initiate with its own timeout, next to other commands. */
    public static CompletableFuture<ViciSection> longInitiate(ViciClient client) {
        // tag::long[]
        ViciCommands patient = client.withTimeout(Duration.ofMinutes(2));
        CompletableFuture<ViciSection> initiate = patient.request("initiate",
                ViciSection.builder().add("child", "net").add("timeout", 60_000).build());
        // runs on another pooled connection, not queued behind the initiate:
        ViciSection stats = client.await(client.request("stats", ViciSection.empty()));
        // end::long[]
        return initiate;
    }
}
