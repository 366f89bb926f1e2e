package org.vici4j.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vici4j.cli.ViciCli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The manual page {@code vici(1)} in roff, the format {@code man} reads, written from picocli's model of the command
 * line (the same text as {@code vici help}), and the completion script; the release archive ships both (its build
 * runs {@link #main}).
 */
public final class ManPage {

    private ManPage() {
    }

    /**
     * Writes {@code DIR/man/man1/vici.1} and {@code DIR/completion/vici.bash}.
     *
     * @param args {@code DIR VERSION}
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManPage DIR VERSION");
        }
        Path dir = Path.of(args[0]);
        CommandLine cl = ViciCli.builder().build();
        Path man = Files.createDirectories(dir.resolve("man/man1")).resolve("vici.1");
        Files.writeString(man, roff(cl, args[1]), StandardCharsets.UTF_8);
        Path completion = Files.createDirectories(dir.resolve("completion")).resolve("vici.bash");
        Files.writeString(completion, AutoComplete.bash("vici", cl), StandardCharsets.UTF_8);
    }

    /** @return the manual page of {@code cl}'s command and its subcommands, in roff (man macros) */
    public static String roff(CommandLine cl, String version) {
        CommandSpec root = cl.getCommandSpec();
        StringBuilder b = new StringBuilder();
        b.append(".TH VICI 1 \"\" \"vici4j ").append(escape(version)).append("\" \"vici4j manual\"\n");
        b.append(".SH NAME\nvici \\- strongSwan's charon over VICI, from the shell\n");
        b.append(".SH SYNOPSIS\n.B vici\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n");
        b.append(".SH DESCRIPTION\n");
        paragraphs(b, root.usageMessage().description());
        b.append(".SH OPTIONS\n");
        options(b, root, false);
        b.append(".SH COMMANDS\n");
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (s.usageMessage().hidden() || !s.name().equals(sub.getCommandName())) {
                continue; // aliases are listed with their command
            }
            b.append(".SS ").append(escape(s.name())).append('\n');
            b.append(".nf\n").append(escape(synopsis(s))).append("\n.fi\n");
            paragraphs(b, s.usageMessage().description());
            options(b, s, true);
        }
        b.append(".SH EXIT STATUS\n");
        for (var e : root.usageMessage().exitCodeList().entrySet()) {
            b.append(".TP\n.B ").append(escape(e.getKey().strip())).append('\n').append(escape(text(e.getValue())))
                    .append('\n');
        }
        b.append(".SH ENVIRONMENT\n.TP\n.B VICI_URI\ndefault for \\-\\-uri\n");
        b.append(".TP\n.B JAVA_HOME\nthe Java 17+ runtime bin/vici runs (else java on PATH)\n");
        b.append(".TP\n.B VICI_JAVA_OPTS\nJVM options instead of bin/vici's start-up options\n");
        b.append(".SH SEE ALSO\n.BR swanctl (8),\n.BR strongswan.conf (5);\n"
                + "docs/cli.md, docs/controller.md and docs/operations.md of vici4j\n");
        return b.toString();
    }

    private static String synopsis(CommandSpec s) {
        String text = new CommandLine.Help(s, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0);
        return text.replaceAll("\\s+$", "");
    }

    private static void options(StringBuilder b, CommandSpec s, boolean skipInherited) {
        for (OptionSpec o : s.options()) {
            if (o.hidden() || (skipInherited && o.inherited())) {
                continue;
            }
            b.append(".TP\n");
            List<String> names = new ArrayList<>();
            for (String n : o.names()) {
                names.add("\\fB" + escape(n) + "\\fR");
            }
            b.append(String.join(", ", names));
            if (o.arity().max() > 0) {
                b.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
            }
            b.append('\n').append(escape(text(String.join(" ", o.description())))).append('\n');
        }
        for (PositionalParamSpec p : s.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            b.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n")
                    .append(escape(text(String.join(" ", description(p))))).append('\n');
        }
    }

    private static String[] description(ArgSpec a) {
        return a.description().length == 0 ? new String[] {""} : a.description();
    }

    private static void paragraphs(StringBuilder b, String[] lines) {
        for (String l : lines) {
            for (String para : text(l).split("\n")) {
                if (!para.isBlank()) {
                    b.append(".PP\n").append(escape(para.strip())).append('\n');
                }
            }
        }
    }

    /** picocli's format escapes as text: {@code %n} a line break, {@code %%} a percent sign */
    private static String text(String s) {
        return s.replace("%n", "\n").replace("%%", "%");
    }

    /** @return {@code s} safe in roff text: backslashes and hyphens escaped, no line starting a request */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            String l = line.replace("\\", "\\e").replace("-", "\\-");
            if (l.startsWith(".") || l.startsWith("'")) {
                l = "\\&" + l;
            }
            b.append(l);
        }
        return b.toString();
    }
}
