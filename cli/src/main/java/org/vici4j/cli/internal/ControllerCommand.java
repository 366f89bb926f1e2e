package org.vici4j.cli.internal;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.vici4j.cli.ExitCode;
import org.vici4j.cli.SignalSource;
import org.vici4j.client.Futures;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.Controller;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.DesiredStateRefusal;
import org.vici4j.controller.PruneRefusedException;
import org.vici4j.controller.config.ConfigSources;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.status.StatusJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici controller}: keep charon as declared, until stopped. */
@Command(name = "controller", description = {
    "Run the controller: keep the connections, secrets, pools and authorities of the files loaded in charon,"
        + " 'ensure: up' children up (retrying with back-off, classifying failures) and 'ensure: trap' policies"
        + " installed, and write the status file ('vici status' reads it).",
    "Reloads the files when their content changes and on SIGHUP; an invalid file, or one that would unload"
        + " everything the controller loaded or more than controller.maxPruneShare of it, is refused, reported"
        + " and the previous configuration kept. Stops cleanly on SIGTERM or Ctrl-C (what is loaded stays loaded).",
    "Prints each child's state changes; -o json: the whole status, one JSON object per line."})
public final class ControllerCommand extends BaseCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** How to confirm a prune the guard refused. */
    static final String CONFIRM = "to confirm, set controller.maxPruneShare in the files (100% allows anything)"
            + " or run the controller with --allow-mass-prune";

    @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR", required = true,
            description = "Configuration file, or a directory: its *.yaml and *.yml files; repeat to merge several.")
    List<Path> files;

    @Option(names = "--status-file", paramLabel = "PATH",
            description = "Where to write the status (ownership goes next to it). Default: "
                    + Declarative.DEFAULT_STATUS_FILE + ".")
    Path statusFile = Path.of(Declarative.DEFAULT_STATUS_FILE);

    @Option(names = "--allow-mass-prune", description = {
        "Turn the prune guard off for this run: accept files that unload everything the controller loaded, or more"
            + " than controller.maxPruneShare of it (default 50%%, counted when it loaded more than 4 objects)."})
    boolean allowMassPrune;

    @Option(names = "--http", paramLabel = "[ADDRESS:]PORT", description = {
        "Serve /metrics (Prometheus), /healthz, /readyz and /status over HTTP on this address; a port alone"
            + " listens on loopback, port 0 on a free port (the address is printed). Off by default."})
    String http;

    private final CompletableFuture<Integer> stopped = new CompletableFuture<>();
    private final Object reloadLock = new Object();
    private volatile ConfigWatcher watcher;
    private volatile boolean hupBeforeStart;
    /** the refusal reason last printed, so that the status listener does not print it again */
    private volatile String notedRefusal;

    @Override
    protected int execute() throws Exception {
        // signals first: a SIGHUP or SIGTERM during start-up is not lost (and the JVM's default, exit, not taken)
        List<AutoCloseable> handles = new ArrayList<>();
        SignalSource signals = root.ctx().signals();
        handles.add(signals.on(SignalSource.Signal.TERM, () -> stopped.complete(ExitCode.OK)));
        handles.add(signals.on(SignalSource.Signal.INT, () -> stopped.complete(ExitCode.OK)));
        handles.add(signals.on(SignalSource.Signal.HUP, this::hangup));
        signals.unavailable(SignalSource.Signal.HUP).ifPresent(why -> note("warning: " + why + ": SIGHUP will not"
                + " reload. Edit the files instead (they are watched), or start vici through bin/vici, which restores"
                + " SIGHUP before Java starts."));
        java.net.InetSocketAddress httpAddress = http == null ? null : HttpEndpoints.address(http);
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(daemon("vici-config-check"));
        try {
            Map<Path, String> digests = ConfigWatcher.digests(files); // before reading: a change meanwhile reloads
            DesiredState initial = Declarative.load(root.ctx(), files);
            Files.createDirectories(statusFile.toAbsolutePath().getParent());
            try (Controller controller = Controller.builder().uri(root.uri()).desiredState(initial)
                    .statusFile(statusFile).callTimeout(root.timeout()).allowMassPrune(allowMassPrune).build()) {
                if (httpAddress != null) {
                    handles.add(HttpEndpoints.start(controller, httpAddress, this::note));
                }
                controller.addListener(this::changed);
                ConfigWatcher w = new ConfigWatcher(files, digests, new ConfigWatcher.Listener() {
                    @Override
                    public void reload(String why) {
                        ControllerCommand.this.reload(controller, why);
                    }

                    @Override
                    public void note(String message) {
                        ControllerCommand.this.note(message);
                    }
                }, ConfigWatcher.Scheduler.of(checks), Clock.systemUTC(), ConfigWatcher.Timing.DEFAULT,
                        () -> FileSystems.getDefault().newWatchService(), daemon("vici-config-watch"));
                handles.add(w);
                w.start();
                watcher = w;
                controller.start();
                note("controller started for " + names(files) + " against " + root.uri() + "; status in " + statusFile
                        + "; editing the files or SIGHUP reloads, SIGTERM/Ctrl-C stops");
                if (hupBeforeStart) {
                    w.reloadNow("SIGHUP");
                }
                int code;
                try {
                    code = stopped.get();
                } catch (ExecutionException e) {
                    throw Futures.rethrow(e);
                }
                note("stopping; what is loaded stays loaded");
                closeAll(handles); // no reload once the controller stops
                return code;
            }
        } finally {
            closeAll(handles);
            checks.shutdownNow();
        }
    }

    private void hangup() {
        ConfigWatcher w = watcher;
        if (w == null) {
            hupBeforeStart = true;
        } else {
            w.reloadNow("SIGHUP");
        }
    }

    private static void closeAll(List<AutoCloseable> handles) {
        for (int i = handles.size() - 1; i >= 0; i--) {
            try {
                handles.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        handles.clear();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static String names(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    private synchronized void note(String text) {
        err().println("vici: " + text);
        err().flush();
    }

    /**
     * Reloads the files (on the watcher's thread, one at a time) and says what came of it, always: {@code WHY:
     * reloaded N files: ...} or {@code WHY: reload refused: REASON; keeping the previous desired state}.
     */
    void reload(Controller controller, String why) {
        synchronized (reloadLock) {
            long n = ConfigSources.of(this.files).files().stream().filter(Files::isRegularFile).count(); // included too
            String files = n == 1 ? "1 file" : n + " files";
            DesiredState prev = controller.desiredState();
            DesiredState next;
            try {
                next = Declarative.load(root.ctx(), this.files);
            } catch (ConfigValidationException e) {
                refused(controller, why, "invalid configuration (" + e.problems().size()
                        + (e.problems().size() == 1 ? " problem): " : " problems): ")
                        + String.join("; ", e.problems().stream().map(p -> p.format()).toList()), "");
                return;
            } catch (RuntimeException e) {
                refused(controller, why, ErrorHandling.message(e), "");
                return;
            }
            boolean same = next.equals(prev);
            try {
                if (!same || controller.status().refusal().isPresent()) {
                    controller.updateDesiredState(next); // also when the same: it clears a refusal in the status
                }
            } catch (PruneRefusedException e) {
                notedRefusal = e.reason();
                note(why + ": reload refused: " + e.reason() + "; keeping the previous desired state (" + CONFIRM
                        + ")");
                return;
            } catch (RuntimeException e) {
                refused(controller, why, ErrorHandling.message(e), "");
                return;
            }
            note(why + ": reloaded " + files + ": " + (same ? "no change" : changes(prev, next)));
        }
    }

    private void refused(Controller controller, String why, String reason, String hint) {
        notedRefusal = reason;
        controller.reportRefusedUpdate(reason);
        note(why + ": reload refused: " + reason + "; keeping the previous desired state" + hint);
    }

    /** @return e.g. {@code 2 connections changed (added c; changed a); secrets changed: ike-c} */
    static String changes(DesiredState prev, DesiredState next) {
        Map<String, ConnectionConfig> before = byName(prev.connections(), ConnectionConfig::name);
        Map<String, ConnectionConfig> after = byName(next.connections(), ConnectionConfig::name);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        after.forEach((n, c) -> {
            if (!before.containsKey(n)) {
                added.add(n);
            } else if (!before.get(n).equals(c)) {
                changed.add(n);
            }
        });
        before.keySet().stream().filter(n -> !after.containsKey(n)).forEach(removed::add);
        int n = added.size() + changed.size() + removed.size();
        StringBuilder sb = new StringBuilder(n == 1 ? "1 connection changed" : n + " connections changed");
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + String.join(", ", changed));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join("; ", parts)).append(')');
        }
        others(sb, "secrets", byName(prev.secrets(), s -> s.name()), byName(next.secrets(), s -> s.name()));
        others(sb, "pools", byName(prev.pools(), p -> p.name()), byName(next.pools(), p -> p.name()));
        others(sb, "authorities", byName(prev.authorities(), a -> a.name()),
                byName(next.authorities(), a -> a.name()));
        if (!prev.controller().equals(next.controller())) {
            sb.append("; controller settings changed");
        }
        return sb.toString();
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        items.forEach(i -> m.putIfAbsent(name.apply(i), i));
        return m;
    }

    private static <T> void others(StringBuilder sb, String what, Map<String, T> before, Map<String, T> after) {
        List<String> names = new ArrayList<>();
        after.forEach((n, v) -> {
            if (!Objects.equals(before.get(n), v)) {
                names.add(n);
            }
        });
        before.keySet().stream().filter(n -> !after.containsKey(n)).forEach(names::add);
        if (!names.isEmpty()) {
            sb.append("; ").append(what).append(" changed: ").append(String.join(", ", names));
        }
    }

    private String describe(ChildStatus ch) {
        String state = ch.state().wireName();
        return switch (ch.state()) {
            case RETRYING -> state + " (attempt " + ch.attempts()
                    + (ch.nextAttemptAt() == null ? "" : ", next at " + TIME.format(ch.nextAttemptAt()
                            .atZone(root.ctx().clock().getZone())))
                    + ")" + ch.failure().map(f -> ": " + f.summary()).orElse("");
            case FAILED -> state + " after " + ch.attempts() + " attempts, retries stopped"
                    + ch.failure().map(f -> ": " + f.summary()).orElse("");
            default -> state + (ch.attempts() > 0 ? " (attempt " + (ch.attempts() + 1) + ")" : "");
        };
    }

    private synchronized void changed(ControllerStatus before, ControllerStatus now) {
        DesiredStateRefusal r = now.refused();
        if (r != null && !r.equals(before.refused()) && !r.reason().equals(notedRefusal)) {
            notedRefusal = r.reason(); // the controller's own refusal: unloads withheld at start
            note(r.reason() + " (" + CONFIRM + ")");
        }
        if (format() == Format.JSON) {
            out().println(StatusJson.toTree(now).toString());
        } else if (format() == Format.YAML) {
            out().print("---\n" + Yaml.of(Declarative.toSection(now)));
        } else {
            String time = TIME.format(LocalTime.now(root.ctx().clock()));
            if (before.charon().state() != now.charon().state()
                    || !Objects.equals(before.charon().problem(), now.charon().problem())) {
                out().println(time + "  charon " + now.charon().state() + " at " + root.uri()
                        + (now.charon().problem() == null ? "" : ": " + now.charon().problem()));
            }
            for (ConnectionStatus c : now.connections()) {
                for (ChildStatus ch : c.children()) {
                    ChildStatus old = before.child(c.name(), ch.name()).orElse(null);
                    if (old == null || old.state() != ch.state() || old.attempts() != ch.attempts()
                            || !Objects.equals(old.lastFailure(), ch.lastFailure())) {
                        out().println(time + "  " + c.name() + "/" + ch.name() + "  " + describe(ch));
                    }
                }
            }
        }
        out().flush();
    }
}
