package org.vici4j.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.ChildStatus;
import org.vici4j.controller.ConnectionStatus;
import org.vici4j.controller.Controller;
import org.vici4j.controller.ControllerStatus;
import org.vici4j.controller.config.DesiredState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici apply}: make charon match a declarative configuration once, then exit. */
@Command(name = "apply", description = {
    "Load the connections, secrets, pools and authorities of declarative YAML files into charon, bring"
        + " 'ensure: up' children up and install 'ensure: trap' policies, wait for the outcome, and exit.",
    "Reports every child that is not as desired with its failure class and reason (exit 1).",
    "Run 'vici diff' first to see what would change; 'vici controller' keeps it so."})
public final class ApplyCommand extends BaseCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Configuration file; repeat to merge several.")
    List<Path> files;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for children to come up (0: only load, do not wait). Default: 30s.")
    Duration wait = Duration.ofSeconds(30);

    @Option(names = "--prune", description = {
        "Also unload connections, secrets and pools that an earlier 'apply --prune' or 'vici controller'"
            + " (same owner) loaded and the files no longer contain. Uses the ownership record"
            + " (--ownership-file); without --prune nothing is unloaded and nothing is recorded."})
    boolean prune;

    @Option(names = "--ownership-file", paramLabel = "PATH",
            description = "Ownership record for --prune. Default: the one 'vici controller' keeps next to its"
                    + " default status file, " + Declarative.DEFAULT_STATUS_FILE + ".owned.json.")
    Path ownershipFile;

    @Override
    protected int execute() throws InterruptedException {
        DesiredState state = Declarative.load(root.ctx(), files);
        // fail fast, with the client's clear message and exit 3, when charon cannot be reached
        request("version", ViciSection.empty());
        Controller.Builder builder = Controller.builder().uri(root.uri()).desiredState(state)
                .callTimeout(root.timeout()).initiateTimeout(wait.isZero() ? root.timeout() : wait);
        if (prune) {
            builder.ownershipFile(ownershipFile != null ? ownershipFile
                    : Path.of(Declarative.DEFAULT_STATUS_FILE + ".owned.json"));
        }
        ControllerStatus last;
        List<String> missing;
        // The controller's work runs on this executor, so that apply can tell when it has nothing left to do
        // (the status does not say when a connection, secret or pool has been loaded or pruned).
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "vici-apply-controller");
            t.setDaemon(true);
            return t;
        });
        try (Controller controller = builder.executor(executor).build()) {
            controller.start();
            Duration limit = wait.isZero() ? root.timeout() : wait;
            long deadline = System.nanoTime() + limit.toNanos();
            int idleChecks = 0;
            while (System.nanoTime() < deadline) {
                ControllerStatus now = controller.status();
                idleChecks = finished(now) && idle(executor) ? idleChecks + 1 : 0;
                if (idleChecks >= 3) {
                    break;
                }
                Thread.sleep(50);
            }
            // the connections must be in charon (or time is up)
            missing = missingConnections(state);
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                missing = missingConnections(state);
            }
            last = controller.status();
        } finally {
            executor.shutdownNow();
        }
        return report(last, missing);
    }

    /** @return desired connections that charon does not list (load-conn failed or never ran) */
    private List<String> missingConnections(DesiredState state) {
        List<String> missing = new ArrayList<>();
        org.vici4j.client.StreamedResponse r = streamed(client(), "list-conns", ViciSection.empty(), "list-conn", null);
        java.util.Set<String> loaded = new java.util.HashSet<>();
        r.events().forEach(e -> loaded.addAll(e.keys()));
        state.connections().forEach(c -> {
            if (!loaded.contains(c.name())) {
                missing.add(c.name());
            }
        });
        return missing;
    }

    /** @return whether the executor runs nothing and has nothing due (timers for later do not count) */
    private static boolean idle(ScheduledThreadPoolExecutor executor) {
        if (executor.getActiveCount() > 0) {
            return false;
        }
        for (Runnable r : executor.getQueue()) {
            if (r instanceof Delayed d && d.getDelay(TimeUnit.NANOSECONDS) <= 0) {
                return false;
            }
        }
        return true;
    }

    private boolean finished(ControllerStatus s) {
        if (!s.charon().connected()) {
            return false;
        }
        for (ConnectionStatus c : s.connections()) {
            for (ChildStatus ch : c.children()) {
                if (wait.isZero() ? ch.state() == org.vici4j.controller.ChildState.LOADED
                        && ch.ensure() != org.vici4j.controller.config.Ensure.LOADED
                        : !Declarative.settled(ch, true)) {
                    return false;
                }
            }
        }
        return true;
    }

    private int report(ControllerStatus status, List<String> missing) {
        List<String> bad = new ArrayList<>();
        missing.forEach(m -> bad.add("connection " + m + " is not loaded in charon (see charon's log)"));
        for (ConnectionStatus c : status.connections()) {
            for (ChildStatus ch : c.children()) {
                if (!wait.isZero() && !Declarative.asDesired(ch, status.charon().connected())) {
                    bad.add(c.name() + "/" + ch.name() + " (ensure " + ch.ensure().word() + ", " + ch.state().wireName()
                            + ch.failure().map(f -> ": " + f.failureClass().wireName() + ": " + f.message()).orElse("")
                            + ")");
                }
            }
        }
        switch (format()) {
            case JSON -> out().print(org.vici4j.controller.status.StatusJson.toJson(status));
            case YAML -> out().print(Yaml.of(Declarative.toSection(status)));
            default -> Declarative.printTable(out(), status, root.ctx().clock().getZone());
        }
        out().flush();
        if (!status.charon().connected()) {
            throw new CliException(ExitCode.CONNECTION, "the controller could not reach charon at " + root.uri());
        }
        if (!bad.isEmpty()) {
            throw new CliException(ExitCode.FAILED, "apply left " + bad.size() + " thing"
                    + (bad.size() == 1 ? "" : "s") + " not as desired" + (wait.isZero() ? "" : " after "
                    + DurationConverter.format(wait)) + ": " + String.join("; ", bad));
        }
        return ExitCode.OK;
    }
}
