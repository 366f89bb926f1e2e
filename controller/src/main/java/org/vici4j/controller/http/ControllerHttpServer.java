package org.vici4j.controller.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.vici4j.controller.Controller;
import org.vici4j.controller.ControllerHealth;
import org.vici4j.controller.status.StatusJson;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Serves a controller's metrics and health over HTTP, on the JDK's HTTP server with one request thread (requests
 * beyond a short queue run on the server's accept thread: two threads at most):
 * <ul>
 * <li>{@code /metrics}: the Prometheus text format (or OpenMetrics or protobuf, as the scraper asks), written by the
 * Prometheus Java client from {@link ControllerCollector};</li>
 * <li>{@code /healthz}: 200 when the controller runs and its scheduler ran a task within {@link #PING_TIMEOUT}, else
 * 503;</li>
 * <li>{@code /readyz}: 200 when it is connected to charon, subscribed to its events and its last full reconcile
 * finished ({@link ControllerHealth#ready()}), else 503 with the reasons;</li>
 * <li>{@code /status}: the status JSON (as in the status file).</li>
 * </ul>
 * Everything is read at request time; nothing runs between requests.
 *
 * <pre>{@code
 * try (ControllerHttpServer http = ControllerHttpServer.start(controller, HttpAddress.parse("9100"))) {
 *     System.out.println(http.url() + "metrics");
 * }
 * }</pre>
 */
public final class ControllerHttpServer implements AutoCloseable {

    /** How long /healthz waits for the controller's scheduler to run a task. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private ControllerHttpServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving the controller's endpoints.
     *
     * @param address where to listen; port 0 takes a free port ({@link #port()} tells which)
     * @throws IOException if the address cannot be bound (in use, not local, no permission)
     */
    public static ControllerHttpServer start(Controller controller, InetSocketAddress address) throws IOException {
        return start(MetricsSource.of(controller), Clock.systemUTC(), address);
    }

    /** Starts serving the endpoints of a source (tests: a fixture and a fixed clock). */
    public static ControllerHttpServer start(MetricsSource source, Clock clock, InetSocketAddress address)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(address, "address");
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ControllerCollector(source, clock));
        HttpServer server = HttpServer.create(address, 16);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),
                r -> {
                    Thread t = new Thread(r, "vici4j-http");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        MetricsHandler metrics = new MetricsHandler(registry);
        server.createContext("/metrics", exact("/metrics", metrics));
        server.createContext("/healthz", exact("/healthz", ex -> healthz(ex, source)));
        server.createContext("/readyz", exact("/readyz", ex -> readyz(ex, source)));
        server.createContext("/status", exact("/status", ex -> send(ex, 200, "application/json",
                StatusJson.toJson(source.status()) + "\n")));
        server.createContext("/", ex -> send(ex, 404, "text/plain; charset=utf-8",
                "not found; the endpoints are /metrics, /healthz, /readyz and /status\n"));
        server.start();
        return new ControllerHttpServer(server, executor);
    }

    /** @return the address the server listens on (with the port taken, when port 0 was asked for) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the port the server listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return e.g. {@code http://127.0.0.1:9100/} */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host.replaceFirst("%.*$", "") + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/";
    }

    /** Stops serving (requests under way get a moment to finish). Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void healthz(HttpExchange ex, MetricsSource source) throws IOException {
        ControllerHealth h = source.health();
        if (!h.running()) {
            send(ex, 503, "text/plain; charset=utf-8", "unhealthy: controller not running\n");
            return;
        }
        try {
            source.ping().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            send(ex, 200, "text/plain; charset=utf-8", "ok\n");
        } catch (TimeoutException e) {
            send(ex, 503, "text/plain; charset=utf-8", "unhealthy: the controller's scheduler ran no task within "
                    + PING_TIMEOUT.toMillis() + " ms\n");
        } catch (ExecutionException e) {
            send(ex, 503, "text/plain; charset=utf-8", "unhealthy: the controller's scheduler takes no tasks ("
                    + e.getCause() + ")\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(ex, 503, "text/plain; charset=utf-8", "unhealthy: interrupted\n");
        }
    }

    private static void readyz(HttpExchange ex, MetricsSource source) throws IOException {
        ControllerHealth h = source.health();
        List<String> why = h.notReady();
        if (why.isEmpty()) {
            send(ex, 200, "text/plain; charset=utf-8", "ready\n");
        } else {
            send(ex, 503, "text/plain; charset=utf-8", "not ready: " + String.join("; ", why) + "\n");
        }
    }

    /** Answers only the exact path, and only GET and HEAD. */
    private static HttpHandler exact(String path, HttpHandler handler) {
        return ex -> {
            try {
                String method = ex.getRequestMethod();
                if (!ex.getRequestURI().getPath().equals(path)) {
                    send(ex, 404, "text/plain; charset=utf-8",
                            "not found; the endpoints are /metrics, /healthz, /readyz and /status\n");
                } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(ex, 405, "text/plain; charset=utf-8", method + " not allowed; use GET\n");
                } else {
                    handler.handle(ex);
                }
            } catch (RuntimeException e) {
                send(ex, 500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
            } finally {
                ex.close();
            }
        };
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
