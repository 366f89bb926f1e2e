package org.vici4j.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.vici4j.cli.ExitCode;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.status.StatusJson;
import org.vici4j.controller.status.StatusWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici status}: the status a running {@code vici controller} writes. */
@Command(name = "status", description = {
    "Show the status file of a running 'vici controller': per child its ensure, state, attempts and last"
        + " classified failure, and whether the latest change of its files was refused. Does not contact charon.",
    "Shows when the status was written; a status whose controller is gone (its process no longer runs) or that is"
        + " older than two of its resync intervals is 'stale: the controller is not running'.",
    "Exit 0 if every child is as desired and the latest change was accepted, 1 if not, or if the status is stale or"
        + " missing."})
public final class StatusCommand extends BaseCommand {

    @Option(names = "--status-file", paramLabel = "PATH",
            description = "Status file of the controller. Default: " + Declarative.DEFAULT_STATUS_FILE + ".")
    Path statusFile = Path.of(Declarative.DEFAULT_STATUS_FILE);

    /** @return "written 06:29:50 (10s ago) by the controller with pid 1234" */
    private String writtenLine(Instant written, Optional<StatusWriter> writer) {
        Instant now = root.ctx().clock().instant();
        return "status: written " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(root.ctx().clock()
                .getZone()).format(written) + " (" + age(Duration.between(written, now)) + ")"
                + writer.map(w -> " by the controller with pid " + w.pid()).orElse("");
    }

    /** @return why the status is stale, or null if it is current (or cannot be told: no writer recorded) */
    private String stale(Instant written, Optional<StatusWriter> writer) {
        if (writer.isEmpty()) {
            return null;
        }
        StatusWriter w = writer.get();
        if (!w.running()) {
            return "its process " + w.pid() + " is gone";
        }
        Duration age = Duration.between(written, root.ctx().clock().instant());
        if (age.compareTo(w.resync().multipliedBy(2)) > 0) {
            return "the status was last confirmed " + age(age) + ", more than two of its resync intervals ("
                    + DurationConverter.format(w.resync()) + "); is it stuck?";
        }
        return null;
    }

    /** @return "10s ago", "5m ago", "2h ago", "3d ago"; "just now" for a time not in the past */
    static String age(Duration d) {
        long s = d.getSeconds();
        if (s <= 0) {
            return "just now";
        }
        if (s < 120) {
            return s + "s ago";
        }
        if (s < 2 * 3600) {
            return s / 60 + "m ago";
        }
        if (s < 2 * 86400) {
            return s / 3600 + "h ago";
        }
        return s / 86400 + "d ago";
    }

    @Override
    protected int execute() {
        String json;
        try {
            json = Files.readString(statusFile);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.FAILED, "no status file at " + statusFile + "; is 'vici controller"
                    + " --status-file " + statusFile + "' running?");
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot read the status file " + statusFile + ": " + e.getMessage());
        }
        ControllerStatus status;
        Optional<StatusWriter> writer;
        Instant written;
        try {
            status = StatusJson.parse(json);
            writer = StatusJson.writer(json);
            written = Files.getLastModifiedTime(statusFile).toInstant();
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot read the status file " + statusFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.FAILED, "the status file " + statusFile + " is not a controller status: "
                    + e.getMessage());
        }
        switch (format()) {
            case JSON -> out().print(StatusJson.toJson(status));
            case YAML -> out().print(Yaml.of(Declarative.toSection(status)));
            default -> {
                out().println(writtenLine(written, writer));
                out().println("charon: " + status.charon().state()
                        + (status.charon().version() == null ? "" : ", " + status.charon().version())
                        + (status.charon().problem() == null ? "" : " (" + status.charon().problem() + ")"));
                status.refusal().ifPresent(r -> out().println("desired state: the latest change was refused at "
                        + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(root.ctx().clock()
                                .getZone()).format(r.at()) + "; the previous one is in force: " + r.reason()));
                Declarative.printTable(out(), status, root.ctx().clock().getZone());
            }
        }
        out().flush();
        String stale = stale(written, writer);
        if (stale != null) {
            throw new CliException(ExitCode.FAILED, "stale: the controller is not running (" + stale + "); the status"
                    + " above is its last word, not charon's state now (start 'vici controller --status-file "
                    + statusFile + "')");
        }
        int bad = 0;
        for (ConnectionStatus c : status.connections()) {
            for (ChildStatus ch : c.children()) {
                if (!Declarative.asDesired(ch, status.charon().connected())) {
                    bad++;
                }
            }
        }
        String refused = status.refusal().map(r -> "the latest change of the desired state was refused").orElse(null);
        if (bad > 0) {
            throw new CliException(ExitCode.FAILED, bad + " child" + (bad == 1 ? " is" : "ren are") + " not as desired"
                    + (refused == null ? "" : "; " + refused));
        }
        if (refused != null) {
            throw new CliException(ExitCode.FAILED, refused);
        }
        return ExitCode.OK;
    }
}
