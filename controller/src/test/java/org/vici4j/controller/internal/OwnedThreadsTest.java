package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class OwnedThreadsTest {

    @Test
    void namesDaemonThreadsInOrder() {
        OwnedThreads f = new OwnedThreads("x-");
        Thread a = f.newThread(() -> { });
        Thread b = f.newThread(() -> { });
        assertThat(a.getName()).isEqualTo("x-1");
        assertThat(b.getName()).isEqualTo("x-2");
        assertThat(a.isDaemon()).isTrue();
    }

    @Test
    void joinWaitsUntilEveryThreadOfAnExecutorHasEnded() throws Exception {
        OwnedThreads f = new OwnedThreads("owned-");
        ScheduledExecutorService ex = Executors.newScheduledThreadPool(2, f);
        CountDownLatch running = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            ex.execute(() -> {
                running.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        ex.shutdownNow();
        assertThat(f.join(Duration.ofSeconds(5))).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("owned-"));
    }

    @Test
    void joinGivesUpAfterTheTimeoutAndSaysSo() throws Exception {
        OwnedThreads f = new OwnedThreads("stuck-");
        CountDownLatch release = new CountDownLatch(1);
        Thread t = f.newThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        assertThat(f.join(Duration.ofMillis(50))).isFalse();
        release.countDown();
        assertThat(f.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void joinSkipsTheCallingThread() throws Exception {
        OwnedThreads f = new OwnedThreads("self-");
        boolean[] result = new boolean[1];
        Thread t = f.newThread(() -> {
            try {
                result[0] = f.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(result[0]).isTrue();
    }
}
