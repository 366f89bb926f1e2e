package org.vici4j.controller.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.ViciClient;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciSection;
import org.vici4j.lab.Gateway;

/**
 * What a lab's real charon holds, asked over VICI on a connection of its own, and waiting for it: for the ITs of the
 * controller and of the CLI (which run the controller in-process or as a process of its own).
 */
public final class LabProbes {

    private static final Duration POLL = Duration.ofMillis(200);

    private LabProbes() {
    }

    /** Polls a condition of the real daemons (not of the controller) until it holds, failing after {@code timeout}. */
    public static void eventually(Duration timeout, String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** @return the IKE_SAs of the gateway's charon ({@code list-sas}, without blocking on busy ones) */
    public static List<IkeSa> listSas(Gateway g) {
        try (ViciClient client = ViciClient.connect(g.viciUri())) {
            StreamedResponse r = client.await(client.streamed("list-sas", ViciSection.builder().add("noblock", true)
                    .build(), "list-sa", null));
            List<IkeSa> out = new ArrayList<>();
            r.events().forEach(e -> out.addAll(IkeSa.fromEvent(e)));
            return out;
        }
    }

    /** @return the names of the connections loaded in the gateway's charon ({@code list-conns}) */
    public static List<String> conns(Gateway g) {
        try (ViciClient client = ViciClient.connect(g.viciUri())) {
            StreamedResponse r = client.await(client.streamed("list-conns", ViciSection.empty(), "list-conn", null));
            List<String> out = new ArrayList<>();
            r.events().forEach(e -> out.addAll(e.keys()));
            return out;
        }
    }
}
