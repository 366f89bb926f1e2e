package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run {@code vici controller} in-process, in the background, against a charon that is not
 * there: its writers, its signals, and a SIGTERM (exit 0 expected) after each test that left it running.
 */
abstract class InProcessControllerTest {

    @TempDir
    Path dir;

    final TestSignals signals = new TestSignals();
    final StringWriter err = new StringWriter();
    final StringWriter out = new StringWriter();
    CompletableFuture<Integer> run;

    /** Starts {@code vici --uri unix://DIR/no-charon.vici ARGS} in the background. */
    CompletableFuture<Integer> launch(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--uri";
        all[1] = "unix://" + dir.resolve("no-charon.vici");
        System.arraycopy(args, 0, all, 2, args.length);
        run = CompletableFuture.supplyAsync(() -> ViciCli.builder().env(Map.of()).out(new PrintWriter(out, true))
                .err(new PrintWriter(err, true)).clock(CliRunner.CLOCK).signals(signals).buildFor(all).execute(all));
        return run;
    }

    @AfterEach
    void stopController() throws Exception {
        if (run != null && !run.isDone()) {
            signals.raise(SignalSource.Signal.TERM);
            assertThat(run.get(15, TimeUnit.SECONDS)).isZero();
        }
    }
}
