package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.controller.testing.Exposition;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;

/**
 * {@code vici controller --http} against real charon: the seed scenario. Gateway a is the hub (libipsec,
 * examples/config/hub.yaml), gateway b runs spoke1.yaml with its controller serving HTTP on a free port. b's charon is
 * down at first (readyz 503), then runs on netlink, whose kernel here has no ESP: the IKE_SA comes up and installing
 * the CHILD_SA's SAs fails for real (install-child-sa-failed, local), retried with backoff; the metrics show it. Then b
 * is restarted on libipsec and the metrics show the child installed.
 */
abstract class ControllerMetricsChecks {

    /** @return the lab: a (libipsec) and b ({@link ControllerMetricsIT}: strongSwan 5.9, the twin: 6.x) */
    abstract CharonLabExtension lab();

    static final Path EXAMPLES = Path.of(System.getProperty("vici.examples", "../examples/config"));
    static final String HUB = EXAMPLES.resolve("hub.yaml").toString();
    static final String SPOKE = EXAMPLES.resolve("spoke1.yaml").toString();

    private static final String[] CHILD = {"connection", "hub", "child", "hub"};
    private static final Pattern URL = Pattern.compile("serving /metrics, /healthz, /readyz and /status on (\\S+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Exposition scrape(String base) throws Exception {
        HttpResponse<String> r = get(base, "metrics");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Exposition.parse(r.body());
    }

    /** Scrapes until the exposition satisfies {@code until}; fails with the last scrape after {@code timeout}. */
    private Exposition scrapeUntil(String base, Duration timeout, String what, Predicate<Exposition> until)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(base, "metrics");
            last = r.body();
            Exposition e = Exposition.parse(last);
            if (until.test(e)) {
                return e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not seen within " + timeout + ": " + what + "\n--- last scrape ---\n" + last);
    }

    private static double value(Exposition e, String name, String... labels) {
        return e.value(name, labels).orElse(Double.NaN);
    }

    private static String[] child(String... more) {
        String[] l = java.util.Arrays.copyOf(CHILD, CHILD.length + more.length);
        System.arraycopy(more, 0, l, CHILD.length, more.length);
        return l;
    }

    @Test
    void metricsFollowAChildThatFailsToInstallAndRecovers() throws Exception {
        Gateway a = lab().gateway("a");
        Gateway b = lab().gateway("b");
        ViciProcess.Result hub = ViciProcess.run("--uri", a.viciUri(), "apply", "-f", HUB);
        assertThat(hub.exit()).as(hub.toString()).isZero();
        b.stop();

        Path status = Files.createTempDirectory("vici-metrics").resolve("status.json");
        ViciProcess controller = ViciProcess.start("--uri", b.viciUri(), "controller", "-f", SPOKE,
                "--status-file", status.toString(), "--http", "127.0.0.1:0");
        try {
            controller.awaitStderr("serving /metrics", Duration.ofSeconds(30));
            // the server listens before the controller starts (until then /healthz says "not running")
            controller.awaitStderr("controller started", Duration.ofSeconds(30));
            Matcher m = URL.matcher(controller.stderr());
            assertThat(m.find()).as(controller.stderr()).isTrue();
            String base = m.group(1);
            assertThat(base).startsWith("http://127.0.0.1:").doesNotEndWith(":0/");

            // charon not running: alive, not ready
            assertThat(get(base, "healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(base, "readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).startsWith("not ready: charon unreachable");
            Exposition down = scrape(base);
            assertThat(down.value("vici4j_ready")).hasValue(0);
            assertThat(down.value("vici4j_charon_state", "state", "unreachable")).hasValue(1);

            // charon on netlink: ready, the child fails to install and is retried, the counters rise
            b.start(Backend.NETLINK);
            long readyBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HttpResponse<String> ready = get(base, "readyz");
            while (ready.statusCode() != 200 && System.nanoTime() < readyBy) {
                Thread.sleep(200);
                ready = get(base, "readyz");
            }
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");

            String[] sad = child("class", "install-child-sa-failed", "side", "local");
            Exposition failing = scrapeUntil(base, Duration.ofSeconds(60), "two failed attempts, retrying",
                    e -> value(e, "vici4j_child_failed_attempts_total", sad) >= 2
                            && value(e, "vici4j_child_observed_state", child("state", "retrying")) == 1);
            double failures = value(failing, "vici4j_child_failed_attempts_total", sad);
            assertThat(value(failing, "vici4j_child_desired_state", child("state", "up"))).isEqualTo(1);
            assertThat(value(failing, "vici4j_child_observed_state", child("state", "installed"))).isZero();
            assertThat(value(failing, "vici4j_child_retries_scheduled_total", CHILD)).isGreaterThanOrEqualTo(2);
            assertThat(value(failing, "vici4j_child_attempts", CHILD)).isGreaterThanOrEqualTo(2);
            assertThat(value(failing, "vici4j_child_seconds_since_last_success", CHILD)).isPositive();
            assertThat(value(failing, "vici4j_charon_state", "state", "connected")).isEqualTo(1);
            assertThat(value(failing, "vici4j_charon_requests_total", "command", "initiate"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(value(failing, "vici4j_charon_request_duration_seconds_count", "command", "initiate"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(value(failing, "vici4j_charon_events_total", "event", "ike-updown")).isGreaterThanOrEqualTo(1);
            assertThat(value(failing, "vici4j_reconcile_duration_seconds_count", "pass", "full"))
                    .isGreaterThanOrEqualTo(1);
            // the attempts go on: the counter rises
            scrapeUntil(base, Duration.ofSeconds(60), "a further failed attempt",
                    e -> value(e, "vici4j_child_failed_attempts_total", sad) > failures);
            HttpResponse<String> json = get(base, "status");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.body()).contains("\"retrying\"").contains("install-child-sa-failed");
            for (Exposition.Sample s : failing.samples()) {
                assertThat(s.labels().values()).as(s.toString()).noneMatch(v -> v.startsWith("192.0.2."));
            }

            // the fix: b on libipsec; the controller reconnects, re-applies and the child is installed
            b.restart(Backend.LIBIPSEC);
            Exposition fixed = scrapeUntil(base, Duration.ofSeconds(60), "the child installed",
                    e -> value(e, "vici4j_child_observed_state", child("state", "installed")) == 1
                            && value(e, "vici4j_ready") == 1);
            assertThat(value(fixed, "vici4j_child_observed_state", child("state", "retrying"))).isZero();
            assertThat(value(fixed, "vici4j_child_attempts", CHILD)).isZero();
            assertThat(value(fixed, "vici4j_child_seconds_since_last_success", CHILD)).isZero();
            assertThat(value(fixed, "vici4j_child_failed_attempts_total", sad)).isGreaterThan(failures);
            assertThat(value(fixed, "vici4j_charon_reconnects_total")).isGreaterThanOrEqualTo(1);
            assertThat(get(base, "readyz").statusCode()).isEqualTo(200);
            assertThat(get(base, "status").body()).contains("\"installed\"");
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(controller.process().pid())).start().waitFor();
            ViciProcess.Result end = controller.await(Duration.ofSeconds(30));
            assertThat(end.exit()).as(end.toString()).isZero();
        }
    }
}
