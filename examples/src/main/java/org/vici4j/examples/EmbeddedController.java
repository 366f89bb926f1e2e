package org.vici4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.vici4j.controller.Controller;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;

/**
 * Embeds the vici4j controller in a program: loads a desired state from YAML, keeps charon in it, prints every status
 * change, and stops cleanly on SIGTERM or Ctrl-C (the tunnels stay up; only the controller stops).
 *
 * <pre>
 * java -cp ... org.vici4j.examples.EmbeddedController unix:///var/run/charon.vici gw.yaml [more.yaml ...]
 * </pre>
 *
 * See examples/README.md.
 */
public final class EmbeddedController {

    static final String USAGE = """
            usage: EmbeddedController <vici-uri> <desired-state.yaml> [more.yaml ...]
              vici-uri   charon's VICI socket, e.g. unix:///var/run/charon.vici or tcp://127.0.0.1:4502
              *.yaml     the desired state (docs/controller.md); several files are merged""";

    private EmbeddedController() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println(USAGE);
            System.exit(2); // the program's entry point; nothing below it exits the JVM
            return;
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        DesiredState state;
        try {
            state = DesiredStateLoader.load(files.toArray(Path[]::new));
        } catch (ConfigValidationException e) {
            System.err.println(e.getMessage()); // every problem as file:line:column: path: message (hint: ...)
            System.exit(1);
            return;
        }
        state.warnings().forEach(w -> System.err.println("warning: " + w.format()));
        runUntilShutdown(args[0], state, System.out);
    }

    /**
     * Builds and starts a controller for {@code state} against charon at {@code uri}, prints status changes to
     * {@code out}, and blocks until the JVM shuts down (SIGTERM, Ctrl-C); a shutdown hook then stops the controller
     * (its threads, subscriptions and client end; what it loaded stays in charon).
     */
    public static void runUntilShutdown(String uri, DesiredState state, PrintStream out) throws InterruptedException {
        Controller controller = Controller.builder()
                .uri(uri)
                .desiredState(state)
                .build();
        controller.addListener(new StatusPrinter(out));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("shutting down: stopping the controller (tunnels stay up)");
            controller.stop();
            out.println("controller stopped");
            out.flush();
            stopped.countDown();
        }, "vici4j-example-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("controller started against " + uri + " with " + state.connections().size()
                + " connection(s); Ctrl-C or SIGTERM stops it");
        controller.start();
        stopped.await(); // the controller works on its own (daemon) threads
    }
}
