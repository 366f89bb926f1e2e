package org.vici4j.cli.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.vici4j.cli.ExitCode;
import org.vici4j.cli.SignalSource;
import org.vici4j.controller.ChildStatus;
import org.vici4j.controller.ConnectionStatus;
import org.vici4j.controller.Controller;
import org.vici4j.controller.ControllerStatus;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.status.StatusJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici controller}: keep charon as declared, until stopped. */
@Command(name = "controller", description = {
    "Run the controller: keep the connections, secrets, pools and authorities of the files loaded in charon,"
        + " 'ensure: up' children up (retrying with back-off, classifying failures) and 'ensure: trap' policies"
        + " installed, and write the status file ('vici status' reads it).",
    "Reloads the files when they change and on SIGHUP (an invalid file is reported and the previous"
        + " configuration kept); stops cleanly on SIGTERM or Ctrl-C (what is loaded stays loaded).",
    "Prints each child's state changes; -o json: the whole status, one JSON object per line."})
public final class ControllerCommand extends BaseCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Configuration file; repeat to merge several.")
    List<Path> files;

    @Option(names = "--status-file", paramLabel = "PATH",
            description = "Where to write the status (ownership goes next to it). Default: "
                    + Declarative.DEFAULT_STATUS_FILE + ".")
    Path statusFile = Path.of(Declarative.DEFAULT_STATUS_FILE);

    private final CompletableFuture<Integer> stopped = new CompletableFuture<>();

    @Override
    protected int execute() throws Exception {
        DesiredState initial = Declarative.load(root.ctx(), files);
        java.nio.file.Files.createDirectories(statusFile.toAbsolutePath().getParent());
        List<AutoCloseable> handles = new ArrayList<>();
        try (Controller controller = Controller.builder().uri(root.uri()).desiredState(initial)
                .statusFile(statusFile).callTimeout(root.timeout()).build()) {
            controller.addListener(this::changed);
            SignalSource signals = root.ctx().signals();
            handles.add(signals.on(SignalSource.Signal.TERM, () -> stopped.complete(ExitCode.OK)));
            handles.add(signals.on(SignalSource.Signal.INT, () -> stopped.complete(ExitCode.OK)));
            handles.add(signals.on(SignalSource.Signal.HUP, () -> reload(controller, "SIGHUP")));
            handles.add(watch(controller));
            controller.start();
            note("controller started for " + names(files) + " against " + root.uri() + "; status in " + statusFile
                    + "; SIGHUP or editing the files reloads, SIGTERM/Ctrl-C stops");
            int code;
            try {
                code = stopped.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
            note("stopping; what is loaded stays loaded");
            return code;
        } finally {
            for (int i = handles.size() - 1; i >= 0; i--) {
                try {
                    handles.get(i).close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
    }

    private static String names(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    private synchronized void note(String text) {
        err().println("vici: " + text);
        err().flush();
    }

    private void reload(Controller controller, String why) {
        try {
            DesiredState next = Declarative.load(root.ctx(), files);
            if (!next.equals(controller.desiredState())) {
                controller.updateDesiredState(next);
                note("reloaded " + names(files) + " (" + why + ")");
            } else {
                note("reload (" + why + "): no change");
            }
        } catch (ConfigValidationException e) {
            note("reload (" + why + ") refused, keeping the previous configuration (" + e.problems().size()
                    + (e.problems().size() == 1 ? " problem): " : " problems): ")
                    + String.join("; ", e.problems().stream().map(p -> p.format()).toList()));
        } catch (RuntimeException e) {
            note("reload (" + why + ") failed, keeping the previous configuration: " + ErrorHandling.message(e));
        }
    }

    /** Watches the files' directories; a change to one of the files reloads. */
    private AutoCloseable watch(Controller controller) throws IOException {
        WatchService ws = FileSystems.getDefault().newWatchService();
        Set<Path> dirs = new HashSet<>();
        Set<Path> watched = new HashSet<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            watched.add(abs);
            if (dirs.add(abs.getParent())) {
                abs.getParent().register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            }
        }
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = ws.take();
                    boolean relevant = false;
                    Path dir = (Path) key.watchable();
                    for (var ev : key.pollEvents()) {
                        if (ev.context() instanceof Path p && watched.contains(dir.resolve(p).normalize())) {
                            relevant = true;
                        }
                    }
                    key.reset();
                    if (relevant) {
                        Thread.sleep(200); // let an editor finish writing
                        while (ws.poll() != null) {
                            // coalesce the burst
                        }
                        reload(controller, "file changed");
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // stopping
            }
        }, "vici-config-watch");
        t.setDaemon(true);
        t.start();
        return ws;
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
