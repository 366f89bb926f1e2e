package org.vici4j.controller.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vici4j.controller.status.CharonStatus;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.testing.Exposition;
import org.vici4j.controller.testing.MutableClock;

class ControllerHttpServerTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final Fixture source = new Fixture(new ControllerHealth(true, CharonStatus.State.UNREACHABLE, false,
            false, null));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ControllerHttpServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void start() throws Exception {
        server = ControllerHttpServer.start(source, clock, HttpAddress.parse("0"));
    }

    @Test
    void aPortAloneListensOnLoopbackAndPortZeroTakesAFreePort() throws Exception {
        start();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    }

    @Test
    void readyzIs503WithTheReasonsUntilConnectedSubscribedAndReconciledThen200() throws Exception {
        start();
        HttpResponse<String> r = get("/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("not ready: charon unreachable; not subscribed to charon's events; full"
                + " reconcile not finished\n");
        source.health = new ControllerHealth(true, CharonStatus.State.CONNECTED, true, true, clock.instant());
        r = get("/readyz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ready\n");
    }

    @Test
    void healthzNeedsARunningControllerWhoseSchedulerRunsATask() throws Exception {
        start();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        source.ping = CompletableFuture.failedFuture(new java.util.concurrent.RejectedExecutionException("shut"));
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).startsWith("unhealthy: the controller's scheduler takes no tasks");
        source.ping = new CompletableFuture<>(); // never runs
        r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("ran no task within 2000 ms");
        source.health = new ControllerHealth(false, CharonStatus.State.CONNECTED, true, true, null);
        assertThat(get("/healthz").body()).isEqualTo("unhealthy: controller not running\n");
    }

    @Test
    void metricsAndStatusAreServedAndOtherPathsAndMethodsRefused() throws Exception {
        source.status = new ControllerStatus(new CharonStatus(CharonStatus.State.CONNECTED, "5.9.8", null), List.of(
                new ConnectionStatus("hub", List.of(new ChildStatus("hub", Ensure.UP, ChildState.INSTALLED, 0, null,
                        null, clock.instant())))));
        start();
        HttpResponse<String> m = get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "text/plain; version=0.0.4"));
        Exposition e = Exposition.parse(m.body());
        assertThat(e.value("vici4j_child_observed_state", "connection", "hub", "child", "hub", "state", "installed"))
                .hasValue(1);
        assertThat(m.body()).contains("# TYPE vici4j_charon_reconnects_total counter")
                .contains("# HELP vici4j_child_observed_state ");

        HttpResponse<String> s = get("/status");
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(s.body()).contains("\"hub\"").contains("\"installed\"");

        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        assertThat(get("/status/x").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "readyz"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void aPortInUseIsAnErrorNamingIt() throws Exception {
        start();
        assertThatThrownBy(() -> ControllerHttpServer.start(source, clock, server.address()))
                .isInstanceOf(java.net.BindException.class);
    }

    @Test
    void addressesParseWithClearErrors() {
        assertThat(HttpAddress.parse("9100")).isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                9100));
        assertThat(HttpAddress.parse("0.0.0.0:9100").getAddress().isAnyLocalAddress()).isTrue();
        assertThat(HttpAddress.parse("[::1]:9100").getAddress().isLoopbackAddress()).isTrue();
        assertThat(HttpAddress.parse("127.0.0.2:0").getPort()).isZero();
        assertThatThrownBy(() -> HttpAddress.parse("65536")).hasMessageContaining("port 65536 of '65536' is out of"
                + " range").hasMessageContaining("[ADDRESS:]PORT");
        assertThatThrownBy(() -> HttpAddress.parse("localhost")).hasMessageStartingWith("'localhost' is not an HTTP"
                + " address");
        assertThatThrownBy(() -> HttpAddress.parse("::1:9100")).hasMessageContaining("is not an HTTP address");
        assertThatThrownBy(() -> HttpAddress.parse("[10.0.0.1]:80")).hasMessageContaining("brackets are for IPv6");
        assertThatThrownBy(() -> HttpAddress.parse("")).hasMessageStartingWith("no HTTP address given");
    }
}
