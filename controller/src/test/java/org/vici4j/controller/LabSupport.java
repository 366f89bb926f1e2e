package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.testing.LabProbes.listSas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.lab.Gateway;
import org.vici4j.lab.TunnelConfig;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ChildState;

/** Helpers of the real-charon controller ITs. */
final class LabSupport {

    static final RetryPolicy FAST = RetryPolicy.builder().initial(Duration.ofMillis(500)).max(Duration.ofSeconds(3))
            .multiplier(2).jitter(0).build();

    private LabSupport() {
    }

    /** The desired state of {@code local}: tunnel "net" to {@code remote}, ensure up, PSK shared with the lab's responder. */
    static DesiredState tunnel(Gateway local, Gateway remote) {
        return tunnel(local, remote, "lab-secret", "up");
    }

    /** Like {@link #tunnel(Gateway, Gateway)}, with another PSK and {@code ensure} of the child. */
    static DesiredState tunnel(Gateway local, Gateway remote, String secret, String ensure) {
        return DesiredStateLoader.parse("controller:\n  resync: 2s\n" + tunnelYaml(local, remote, secret, ensure),
                "it.yaml");
    }

    /** The YAML of {@link #tunnel(Gateway, Gateway, String, String)} without a {@code controller} section. */
    static String tunnelYaml(Gateway local, Gateway remote, String secret, String ensure) {
        return netYaml(local, remote, ensure) + """
                secrets:
                  ike-net:
                    id-1: %s
                    id-2: %s
                    secret: %s
                """.formatted(local.name(), remote.name(), secret);
    }

    /** The {@code connections} section of {@link #tunnelYaml}: net between the gateways' subnets, PSK. */
    static String netYaml(Gateway local, Gateway remote, String ensure) {
        return """
                connections:
                  net:
                    local_addrs: %s
                    remote_addrs: %s
                    local: {auth: psk, id: %s}
                    remote: {auth: psk, id: %s}
                    children:
                      net:
                        local_ts: %s
                        remote_ts: %s
                        esp_proposals: aes128gcm16
                        ensure: %s
                """.formatted(local.address(), remote.address(), local.name(), remote.name(), local.subnet(),
                remote.subnet(), ensure);
    }

    /** Loads the peer's side with swanctl (it only responds). */
    static void responder(Gateway peer, Gateway controllerSide) {
        var r = peer.loadSwanctlConf(TunnelConfig.psk("net", peer, controllerSide).secret("lab-secret")
                .toSwanctlConf());
        assertThat(r.succeeded()).as("swanctl --load-all on %s: %s", peer.name(), r.output()).isTrue();
    }

    static Controller controller(Gateway g, Path dir, DesiredState state) {
        return Controller.builder().uri(g.viciUri()).desiredState(state).statusFile(dir.resolve("status.json"))
                .retryPolicy(FAST).initiateTimeout(Duration.ofSeconds(10)).reconnectDelay(Duration.ofMillis(500))
                .callTimeout(Duration.ofSeconds(10)).build();
    }

    /** Records every status the controller publishes. */
    static final class Recorder implements StatusListener {
        final List<ControllerStatus> all = new CopyOnWriteArrayList<>();

        @Override
        public void onStatusChanged(ControllerStatus previous, ControllerStatus current) {
            all.add(current);
        }

        List<ChildStatus> child(String conn, String child) {
            List<ChildStatus> out = new ArrayList<>();
            all.forEach(s -> s.child(conn, child).ifPresent(out::add));
            return out;
        }
    }

    /** Waits until the controller's status matches, failing with the last status after {@code timeout}. */
    static ControllerStatus awaitStatus(Controller c, Duration timeout, Predicate<ControllerStatus> p)
            throws InterruptedException {
        // the status that matched, not a later one: events keep changing it (the next attempt's failure, say)
        java.util.concurrent.atomic.AtomicReference<ControllerStatus> matched =
                new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch latch = new CountDownLatch(1);
        StatusListener l = (before, now) -> {
            if (p.test(now) && matched.compareAndSet(null, now)) {
                latch.countDown();
            }
        };
        c.addListener(l);
        try {
            ControllerStatus current = c.status();
            if (p.test(current)) {
                matched.compareAndSet(null, current);
            } else {
                assertThat(latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
                        .as("status not reached within %s; last status: %s", timeout, c.status()).isTrue();
            }
        } finally {
            c.removeListener(l);
        }
        return matched.get();
    }

    /** nextAttemptAt - lastFailure.at of every retrying status recorded, by failed-attempt count (last seen). */
    static java.util.Map<Integer, Duration> delays(Recorder rec) {
        java.util.Map<Integer, Duration> delays = new java.util.LinkedHashMap<>();
        for (ChildStatus x : rec.child("net", "net")) {
            if (x.state() == ChildState.RETRYING && x.nextAttemptAt() != null && x.lastFailure() != null) {
                // the last one published for each count: on 6.x the second half of a failure (alert or log lines)
                // may revise the wait a few milliseconds after the first was published
                delays.put(x.attempts(), Duration.between(x.lastFailure().at(), x.nextAttemptAt()));
            }
        }
        return delays;
    }

    /** Child net/net is RETRYING after at least {@code attempts} failed attempts. */
    static Predicate<ControllerStatus> retryingAfter(int attempts) {
        return s -> s.child("net", "net").map(ch -> ch.attempts() >= attempts && ch.state() == ChildState.RETRYING)
                .orElse(false);
    }

    static Predicate<ControllerStatus> childIs(ChildState state) {
        return s -> s.child("net", "net").map(ch -> ch.state() == state).orElse(false);
    }

    static boolean installed(Gateway g) {
        return listSas(g).stream().anyMatch(i -> i.name().equals("net")
                && i.childSas().stream().anyMatch(c -> c.name().equals("net") && c.isInstalled()));
    }
}
