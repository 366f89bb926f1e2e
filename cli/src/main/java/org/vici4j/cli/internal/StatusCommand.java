package org.vici4j.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.vici4j.cli.ExitCode;
import org.vici4j.controller.ChildStatus;
import org.vici4j.controller.ConnectionStatus;
import org.vici4j.controller.ControllerStatus;
import org.vici4j.controller.status.StatusJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici status}: the status a running {@code vici controller} writes. */
@Command(name = "status", description = {
    "Show the status file of a running 'vici controller': per child its ensure, state, attempts and last"
        + " classified failure, and whether the latest change of its files was refused. Does not contact charon.",
    "Exit 0 if every child is as desired and the latest change was accepted, 1 if not (or the file is missing)."})
public final class StatusCommand extends BaseCommand {

    @Option(names = "--status-file", paramLabel = "PATH",
            description = "Status file of the controller. Default: " + Declarative.DEFAULT_STATUS_FILE + ".")
    Path statusFile = Path.of(Declarative.DEFAULT_STATUS_FILE);

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
        try {
            status = StatusJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.FAILED, "the status file " + statusFile + " is not a controller status: "
                    + e.getMessage());
        }
        switch (format()) {
            case JSON -> out().print(StatusJson.toJson(status));
            case YAML -> out().print(Yaml.of(Declarative.toSection(status)));
            default -> {
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
