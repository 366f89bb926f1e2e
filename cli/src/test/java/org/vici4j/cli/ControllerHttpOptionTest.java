package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code vici controller --http} in-process, against a charon that is not there: bad addresses, not ready. */
class ControllerHttpOptionTest extends InProcessControllerTest {

    private CompletableFuture<Integer> run(String... args) throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "connections:\n"
                + ControllerCommandTest.conn("net", "192.0.2.2"));
        String[] all = {"controller", "-f", f.toString(), "--status-file", dir.resolve("status.json").toString()};
        String[] with = java.util.Arrays.copyOf(all, all.length + args.length);
        System.arraycopy(args, 0, with, all.length, args.length);
        return launch(with);
    }

    @Test
    void aMalformedAddressIsAUsageErrorSayingTheForm() throws Exception {
        assertThat(run("--http", "localhost").get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("vici: --http: 'localhost' is not an HTTP address (the form is"
                + " [ADDRESS:]PORT with a port 0-65535, e.g. 9100, 127.0.0.1:9100, 0.0.0.0:9100 or [::1]:9100)\n");
    }

    @Test
    void servesOnTheAddressItPrintsAndIsNotReadyWithoutCharon() throws Exception {
        run("--http", "0");
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Matcher m = Pattern.compile("serving /metrics, /healthz, /readyz and /status on (\\S+)\n").matcher("");
        while (!m.reset(err.toString()).find()) {
            assertThat(run).as(err.toString()).isNotDone();
            assertThat(System.nanoTime()).as(err.toString()).isLessThan(end);
            Thread.sleep(20);
        }
        String base = m.group(1);
        while (!err.toString().contains("controller started")) { // until then /healthz says "not running"
            assertThat(System.nanoTime()).as(err.toString()).isLessThan(end);
            Thread.sleep(20);
        }
        assertThat(base).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).startsWith("not ready: charon unreachable");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
