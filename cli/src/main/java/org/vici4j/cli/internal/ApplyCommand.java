package org.vici4j.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vici4j.controller.plan.OwnershipRecord;
import org.vici4j.controller.plan.PruneGuard;

import org.vici4j.cli.ExitCode;
import org.vici4j.controller.Controller;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.status.ControllerStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici apply}: make charon match a declarative configuration once, then exit. */
@Command(name = "apply", description = {
    "Load the connections, secrets, pools and authorities of declarative YAML files into charon, bring"
        + " 'ensure: up' children up and install 'ensure: trap' policies, wait for the outcome, and exit.",
    "Reports every child that is not as desired with its failure class and reason (exit 1).",
    "Run 'vici diff' first to see what would change; 'vici controller' keeps it so."})
public final class ApplyCommand extends BaseCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR", required = true,
            description = "Configuration file, or a directory: its *.yaml and *.yml files; repeat to merge several.")
    List<Path> files;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for children to come up (0: only load, do not wait). Default: 30s.")
    Duration wait = Duration.ofSeconds(30);

    @Option(names = "--prune", description = {
        "Also unload connections, secrets and pools that an earlier 'apply --prune' or 'vici controller'"
            + " (same owner) loaded and the files no longer contain. Uses the ownership record"
            + " (--ownership-file); without --prune nothing is unloaded."})
    boolean prune;

    @Option(names = "--allow-mass-prune", description = {
        "With --prune: also unload when that is everything the files' owner loaded, or more than"
            + " controller.maxPruneShare of it (default 50%%, counted when it loaded more than 4 objects); without"
            + " it such an apply is refused (exit 2) and nothing is changed."})
    boolean allowMassPrune;

    @Option(names = "--ownership-file", paramLabel = "PATH",
            description = "Ownership record: what apply loads is recorded there (so that applying an unchanged file"
                    + " again sends nothing to charon), and --prune unloads only what it lists. Default: the one"
                    + " 'vici controller' keeps next to its default status file, " + Declarative.DEFAULT_STATUS_FILE
                    + ".owned.json, if its directory can be used.")
    Path ownershipFile;

    /** When the controller started, and how long apply then waited for the outcome. */
    private long started;
    private Duration waited = Duration.ZERO;

    @Override
    protected int execute() throws InterruptedException {
        // the algorithms this charon's plugins offer, so that a proposal it could never negotiate is refused with its
        // file and line before anything is loaded; when charon cannot be reached, the files are still validated first
        org.vici4j.controller.config.CharonAlgorithms offered = null;
        RuntimeException unreachable = null;
        try {
            offered = org.vici4j.controller.config.CharonAlgorithms.of(await(commands().getAlgorithms()).raw(),
                    "charon at " + root.uri());
        } catch (org.vici4j.client.ViciConnectionException | org.vici4j.client.ViciTimeoutException e) {
            unreachable = e;
        } catch (RuntimeException e) {
            debug("get-algorithms: " + ErrorHandling.message(e) + "; proposals are not checked against it");
        }
        DesiredState state = Declarative.load(root.ctx(), files, offered);
        if (unreachable != null) {
            throw unreachable;
        }
        // fail fast, with the client's clear message and exit 3, when charon cannot be reached
        await(commands().version());
        Duration limit = wait.isZero() ? root.timeout() : wait;
        Controller.Builder builder = Controller.builder().uri(root.uri()).desiredState(state)
                .callTimeout(root.timeout()).initiateTimeout(limit).prune(prune).allowMassPrune(allowMassPrune);
        Path record = ownershipRecord(state.controller().owner());
        if (record != null) {
            builder.ownershipFile(record);
            if (prune && !allowMassPrune) {
                PruneGuard.Verdict v = PruneGuard.check(state, OwnershipRecord.read(record, state.controller().owner()));
                if (v.refused()) {
                    throw new CliException(ExitCode.USAGE, "apply --prune refused: " + v.refusal() + "; nothing was"
                            + " changed (to confirm, set controller.maxPruneShare in the files, 100% allows anything,"
                            + " or add --allow-mass-prune)");
                }
            }
        }
        ControllerStatus last;
        Map<String, String> rejected;
        try (Controller controller = builder.build()) {
            CompletableFuture<ControllerStatus> settled = new CompletableFuture<>();
            CompletableFuture<Void> firstPass = controller.firstPass();
            // woken by the controller's status changes: no polling
            controller.addListener((before, now) -> {
                if (firstPass.isDone() && finished(now, controller.rejectedConnections())) {
                    settled.complete(now);
                }
            });
            controller.start();
            started = System.nanoTime();
            long deadline = started + limit.toNanos();
            try {
                firstPass.get(limit.toNanos(), TimeUnit.NANOSECONDS);
                ControllerStatus now = controller.status();
                if (wait.isZero() || finished(now, controller.rejectedConnections())) {
                    settled.complete(now);
                }
                settled.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // reported below from the status as it stands
            }
            last = controller.status();
            rejected = controller.rejectedConnections();
            waited = Duration.ofNanos(System.nanoTime() - started);
            debug("requests sent to charon: " + controller.requestCounts());
        }
        return report(last, rejected);
    }

    /**
     * Where apply records what it loads (so that a second apply of an unchanged file sends nothing, and --prune
     * knows what it may unload): --ownership-file, else the controller's default record if its directory can be
     * used. Without a usable record apply still works, it just cannot tell unchanged connections from changed ones.
     */
    private Path ownershipRecord(String owner) {
        Path file = ownershipFile != null ? ownershipFile : Path.of(Declarative.DEFAULT_STATUS_FILE + ".owned.json");
        boolean required = prune || ownershipFile != null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            OwnershipRecord.read(file, owner); // checks the owner tag and the format
            return file;
        } catch (IOException | RuntimeException e) {
            if (required) {
                throw new CliException(ExitCode.USAGE, "cannot use the ownership record " + file + ": "
                        + ErrorHandling.message(e), e);
            }
            debug("no ownership record (" + ErrorHandling.message(e) + "): every connection is loaded");
            return null;
        }
    }

    /**
     * Whether every child is as desired or will not change without a new event; a connection charon refused to
     * load is finished once the status shows its children failed (it ends apply at once: a configuration error).
     */
    private boolean finished(ControllerStatus s, Map<String, String> rejected) {
        if (!s.charon().connected()) {
            return false;
        }
        for (ConnectionStatus c : s.connections()) {
            for (ChildStatus ch : c.children()) {
                if (rejected.containsKey(c.name())) {
                    if (ch.state() != org.vici4j.controller.status.ChildState.FAILED) {
                        return false;
                    }
                    continue;
                }
                if (wait.isZero() ? ch.state() == org.vici4j.controller.status.ChildState.UNKNOWN
                        : !Declarative.settled(ch, true)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @return " after 3.6s (of --wait 30s: what failed will not fix itself)" when apply stopped waiting early,
     *     " after 30s" when --wait ran out, "" for --wait 0
     */
    static String waitedText(Duration waited, Duration wait) {
        if (wait.isZero()) {
            return "";
        }
        if (waited.plusMillis(500).compareTo(wait) >= 0) {
            return " after " + DurationConverter.format(wait);
        }
        long tenths = Math.max(1, (waited.toMillis() + 50) / 100);
        return " after " + tenths / 10 + "." + tenths % 10 + "s (of --wait " + DurationConverter.format(wait)
                + ": what failed will not fix itself)";
    }

    private int report(ControllerStatus status, Map<String, String> rejected) {
        List<String> bad = new ArrayList<>();
        rejected.forEach((name, why) -> bad.add("connection " + name + " is not loaded: " + why));
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
                    + (bad.size() == 1 ? "" : "s") + " not as desired" + waitedText(waited, wait) + ": "
                    + String.join("; ", bad));
        }
        return ExitCode.OK;
    }
}
