package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.internal.OsSignals;

/** What {@link Vici#main} does before the command runs: SIGHUP handled from the start for the controller. */
class ViciMainTest {

    @Test
    void theControllerIsFoundAsTheLauncherFindsIt() {
        assertThat(Vici.longRunning(new String[] {"controller", "-f", "x"})).isTrue();
        assertThat(Vici.longRunning(new String[] {"--uri", "unix:///x", "-o", "json", "controller"})).isTrue();
        assertThat(Vici.longRunning(new String[] {"--debug", "controller"})).isTrue();
        assertThat(Vici.longRunning(new String[] {"apply", "-f", "controller"})).isFalse();
        assertThat(Vici.longRunning(new String[] {"--uri", "controller", "status"})).isFalse();
        assertThat(Vici.longRunning(new String[] {})).isFalse();
    }

    @Test
    void aSighupBeforeTheCommandSubscribesIsDeliveredToItsFirstHandler() throws Exception {
        OsSignals signals = new OsSignals();
        signals.early(SignalSource.Signal.HUP);
        // only where this JVM can catch SIGHUP (not when the tests run under nohup or with -Xrs)
        if (signals.unavailable(SignalSource.Signal.HUP).isPresent()) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        new ProcessBuilder("kill", "-HUP", String.valueOf(pid)).start().waitFor();
        Thread.sleep(300);
        AtomicInteger hups = new AtomicInteger();
        try (AutoCloseable h = signals.on(SignalSource.Signal.HUP, hups::incrementAndGet)) {
            assertThat(hups).hasValue(1);
            new ProcessBuilder("kill", "-HUP", String.valueOf(pid)).start().waitFor();
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (hups.get() < 2 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(hups).hasValue(2);
        }
    }
}
