package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.controller.testing.ConfigYaml.PEER;
import static org.vici4j.controller.testing.ConfigYaml.child;
import static org.vici4j.controller.testing.ConfigYaml.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.status.StatusFile;
import org.vici4j.controller.testing.FakeCharon;
import org.vici4j.controller.status.ChildState;

class ControllerTest {

    static final String YAML = "connections:\n" + connection("net", PEER, child("net", "ensure: up")) + """
            secrets:
              ike-ab: {id-1: a, id-2: b, secret: s3cr3t}
            """;

    @Test
    void builderSaysWhatIsMissing() {
        assertThatThrownBy(() -> Controller.builder().desiredState(DesiredState.empty()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("client(...) or uri(...)");
        assertThatThrownBy(() -> Controller.builder().uri("unix:///tmp/x.vici").build())
                .hasMessageContaining("desiredState");
        assertThatThrownBy(() -> Controller.builder().resyncPeriod(Duration.ZERO))
                .hasMessageContaining("resyncPeriod must be positive");
        assertThatThrownBy(() -> Controller.builder().uri("http://x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embeddedControllerRunsOnItsOwnNamedThreadsAndStops(@TempDir Path dir) throws Exception {
        FakeCharon charon = new FakeCharon();
        CountDownLatch installed = new CountDownLatch(1);
        Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (Controller c = Controller.builder().charon(charon).desiredState(DesiredStateLoader.parse(YAML, "gw.yaml"))
                .statusFile(dir.resolve("status.json")).build()) {
            c.addListener((before, now) -> {
                threads.add(Thread.currentThread().getName());
                if (now.child("net", "net").map(s -> s.state() == ChildState.INSTALLED).orElse(false)) {
                    installed.countDown();
                }
            });
            c.start();
            assertThat(installed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(c.status().child("net", "net").orElseThrow().state()).isEqualTo(ChildState.INSTALLED);
            assertThat(threads).allMatch(t -> t.startsWith("vici4j-controller-") || t.equals("main")
                    || t.startsWith("Test worker"));
            assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class);
        }
        // close() wrote the latest status to the file
        assertThat(new StatusFile(dir.resolve("status.json")).read().child("net", "net").orElseThrow().state())
                .isEqualTo(ChildState.INSTALLED);
        // after close the controller's threads are gone
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("vici4j-controller-")
                && t.isAlive());
    }
}
