package org.vici4j.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.testing.RecordingListener;

class EventDispatcherTest {

    /** Runs tasks only when the test says so. */
    private static final class StepExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    private static ViciSection n(int i) {
        return ViciSection.builder().add("n", i).build();
    }

    @Test
    void overflowIsReportedWhereTheEventsWereLost() {
        StepExecutor exec = new StepExecutor();
        RecordingListener l = new RecordingListener();
        EventDispatcher d = new EventDispatcher(l, exec, 3);
        for (int i = 1; i <= 10; i++) {
            d.offerEvent("log", n(i));
        }
        d.offerEvent("log", n(11)); // still full: dropped
        exec.runAll();
        d.offerEvent("log", n(12));
        exec.runAll();
        assertThat(l.calls()).containsExactly("event log 1", "event log 2", "event log 3", "overflow 8", "event log 12");
    }

    @Test
    void dropsAreReportedBeforeTheNextEventThatFits() {
        StepExecutor exec = new StepExecutor();
        RecordingListener l = new RecordingListener();
        EventDispatcher d = new EventDispatcher(l, exec, 1);
        d.offerEvent("log", n(1));
        d.offerEvent("log", n(2)); // dropped
        exec.runAll();
        d.offerEvent("log", n(3));
        d.offerControl(() -> l.onClosed(null), true);
        d.offerEvent("log", n(4)); // after the end: ignored
        exec.runAll();
        assertThat(l.calls()).containsExactly("event log 1", "overflow 1", "event log 3", "closed null");
    }

    @Test
    void controlCallsAreNeverDropped() {
        StepExecutor exec = new StepExecutor();
        RecordingListener l = new RecordingListener();
        EventDispatcher d = new EventDispatcher(l, exec, 1);
        d.offerEvent("log", n(1));
        d.offerEvent("log", n(2));
        d.offerControl(() -> l.onGap(null), false);
        exec.runAll();
        assertThat(l.calls()).containsExactly("event log 1", "overflow 1", "gap");
    }
}
