package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici validate}: check declarative configuration files without touching charon. */
@Command(name = "validate", description = {
    "Check declarative YAML configuration files (connections, secrets, pools, authorities, controller settings)"
        + " without contacting charon. Every problem is listed with file, line and column.",
    "Exit 0 if valid, 2 if not."})
public final class ValidateCommand extends BaseCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR", required = true,
            description = "Configuration file, or a directory: its *.yaml and *.yml files; repeat to merge several.")
    List<Path> files;

    @Override
    protected int execute() {
        DesiredState state;
        try {
            state = Declarative.load(root.ctx(), files);
        } catch (ConfigValidationException e) {
            if (format() != Format.TABLE) {
                ViciSection.Builder b = ViciSection.builder().add("valid", false).beginSection("problems");
                int i = 0;
                for (ConfigProblem p : e.problems()) {
                    b.beginSection(String.valueOf(i++)).add("file", p.file() == null ? "" : p.file())
                            .add("line", p.line()).add("column", p.column()).add("path", p.path())
                            .add("message", p.message()).add("hint", p.hint() == null ? "" : p.hint()).endSection();
                }
                printMessage(b.endSection().build(), m -> { });
            }
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        ViciSection.Builder b = ViciSection.builder().add("valid", true);
        b.beginSection("connections");
        for (ConnectionConfig c : state.connections()) {
            b.beginSection(c.name()).beginSection("children");
            for (ChildConfig ch : c.children()) {
                b.beginSection(ch.name()).add("ensure", ch.ensure().word()).endSection();
            }
            b.endSection().endSection();
        }
        b.endSection();
        List<String> secrets = new ArrayList<>();
        state.secrets().forEach(s -> secrets.add(s.name()));
        List<String> pools = new ArrayList<>();
        state.pools().forEach(p -> pools.add(p.name()));
        List<String> authorities = new ArrayList<>();
        state.authorities().forEach(a -> authorities.add(a.name()));
        List<String> warnings = new ArrayList<>();
        state.warnings().forEach(w -> warnings.add(w.format()));
        b.addList("secrets", secrets).addList("pools", pools).addList("authorities", authorities)
                .addList("warnings", warnings);
        printMessage(b.build(), m -> {
            PrintWriter out = out();
            out.println(String.join(", ", files.stream().map(Path::toString).toList()) + ": valid");
            for (ConnectionConfig c : state.connections()) {
                List<String> children = new ArrayList<>();
                for (ChildConfig ch : c.children()) {
                    children.add(ch.name() + " (ensure " + ch.ensure().word() + ")");
                }
                out.println("  connection " + c.name() + ": " + (children.isEmpty() ? "no children" : String.join(", ", children)));
            }
            out.println("  " + secrets.size() + " secrets, " + pools.size() + " pools, " + authorities.size()
                    + " authorities; owner " + state.controller().owner());
            warnings.forEach(w -> out.println("  warning: " + w));
        });
        return ExitCode.OK;
    }
}
