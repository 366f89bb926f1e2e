package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.internal.OwnershipStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici diff}: what {@code vici apply} would change, per connection. */
@Command(name = "diff", description = {
    "Show what 'vici apply' would change in charon, per connection: connections to load (+) or reload (~,"
        + " one line per difference: what charon's list-conns shows, such as addresses, traffic selectors,"
        + " identities, mode, lifetimes and children; and, if an ownership record holds what this owner last"
        + " loaded, every other option, such as proposals), children to initiate or whose trap policy to"
        + " install, pools to load; secrets are listed with their values redacted (charon cannot list secrets,"
        + " so apply always (re)loads them).",
    "Read-only; exit 0 whether or not there are differences."})
public final class DiffCommand extends BaseCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Configuration file; repeat to merge several.")
    List<Path> files;

    @Option(names = "--prune", description = "Also show what 'apply --prune' would unload: what the ownership record"
            + " says an earlier apply/controller of the same owner loaded and the files no longer contain.")
    boolean prune;

    @Option(names = "--ownership-file", paramLabel = "PATH",
            description = "Ownership record (kept by 'vici controller' and 'apply --prune'): used for --prune and to"
                    + " compare every option with what this owner last loaded. Default: "
                    + Declarative.DEFAULT_STATUS_FILE + ".owned.json, if it exists.")
    Path ownershipFile;

    @Override
    protected int execute() {
        DesiredState state = Declarative.load(root.ctx(), files);
        OwnershipStore owned = record(state.controller().owner());
        Map<String, ViciSection> loaded = new LinkedHashMap<>();
        for (ViciSection e : streamed(client(), "list-conns", ViciSection.empty(), "list-conn", null).events()) {
            for (Map.Entry<String, ViciItem> c : e.entries()) {
                if (c.getValue() instanceof ViciSection s) {
                    loaded.put(c.getKey(), s);
                }
            }
        }
        Set<String> installed = new HashSet<>();
        for (ViciSection e : streamed(client(), "list-sas", ViciSection.empty(), "list-sa", null).events()) {
            for (Map.Entry<String, ViciItem> ike : e.entries()) {
                if (ike.getValue() instanceof ViciSection sa) {
                    sa.section("child-sas").ifPresent(cs -> cs.sections().forEach(ch -> {
                        if ("INSTALLED".equals(ch.stringOr("state", ""))) {
                            installed.add(ike.getKey() + "/" + ch.stringOr("name", ""));
                        }
                    }));
                }
            }
        }
        Set<String> traps = new HashSet<>();
        for (ViciSection e : streamed(client(), "list-policies", ViciSection.builder().add("trap", true).build(),
                "list-policy", null).events()) {
            traps.addAll(e.keys());
        }
        Set<String> pools = new HashSet<>();
        try {
            pools.addAll(request("get-pools", ViciSection.empty()).keys());
        } catch (org.vici4j.client.UnknownCommandException e) {
            // charon without pool support: every pool counts as not loaded
        }

        ViciSection.Builder out = ViciSection.builder().beginSection("connections");
        for (ConnectionConfig c : state.connections()) {
            ViciSection desired = c.toLoadConnRequest().section(c.name()).orElse(ViciSection.empty());
            ViciSection have = loaded.get(c.name());
            List<String> changes = have == null ? List.of() : ConnectionDiff.againstCharon(desired, have);
            Optional<Map<String, String>> applied = have == null || owned == null ? Optional.empty()
                    : owned.applied(c.name());
            List<String> optionChanges = ConnectionDiff.againstRecord(desired, applied);
            String action = have == null ? "load"
                    : changes.isEmpty() && optionChanges.isEmpty() ? "reload-unchanged" : "reload";
            out.beginSection(c.name()).add("action", action).addList("changes", changes);
            if (have != null) {
                out.add("recorded", applied.isPresent()).addList("optionChanges", optionChanges);
            }
            out.beginSection("children");
            for (ChildConfig ch : c.children()) {
                String key = c.name() + "/" + ch.name();
                String childAction = switch (ch.ensure()) {
                    case UP -> installed.contains(key) ? "none" : "initiate";
                    case TRAP -> traps.contains(key) || traps.contains(ch.name()) ? "none" : "install";
                    case LOADED -> "none";
                };
                out.beginSection(ch.name()).add("ensure", ch.ensure().word()).add("action", childAction).endSection();
            }
            out.endSection().endSection();
        }
        Set<String> desiredConns = new HashSet<>();
        state.connections().forEach(c -> desiredConns.add(c.name()));
        if (prune) {
            for (String name : owned.names(OwnershipStore.Kind.CONNECTIONS)) {
                if (!desiredConns.contains(name) && loaded.containsKey(name)) {
                    out.beginSection(name).add("action", "unload").endSection();
                }
            }
        }
        out.endSection().beginSection("secrets");
        Set<String> desiredSecrets = new HashSet<>();
        for (SecretConfig s : state.secrets()) {
            desiredSecrets.add(s.name());
            out.beginSection(s.name()).add("action", "load").add("command", s.command())
                    .addSection("message", Declarative.redact(s.toRequest())).endSection();
        }
        if (prune) {
            for (String name : owned.secrets().keySet()) {
                if (!desiredSecrets.contains(name)) {
                    out.beginSection(name).add("action", "unload").endSection();
                }
            }
        }
        out.endSection().beginSection("pools");
        Set<String> desiredPools = new HashSet<>();
        for (PoolConfig p : state.pools()) {
            desiredPools.add(p.name());
            out.beginSection(p.name()).add("action", pools.contains(p.name()) ? "reload" : "load").endSection();
        }
        if (prune) {
            for (String name : owned.names(OwnershipStore.Kind.POOLS)) {
                if (!desiredPools.contains(name) && pools.contains(name)) {
                    out.beginSection(name).add("action", "unload").endSection();
                }
            }
        }
        out.endSection();
        ViciSection diff = out.build();
        printMessage(diff, d -> table(out(), state, d));
        return 0;
    }

    /**
     * The ownership record: required with --prune or an explicit --ownership-file; otherwise the default one is used
     * if it exists and is readable (it only adds detail), and ignored if not.
     */
    private OwnershipStore record(String owner) {
        boolean required = prune || ownershipFile != null;
        Path file = ownershipFile != null ? ownershipFile : Path.of(Declarative.DEFAULT_STATUS_FILE + ".owned.json");
        if (!required && !Files.isReadable(file)) {
            return null;
        }
        try {
            return OwnershipStore.open(file, owner);
        } catch (IllegalStateException | UncheckedIOException e) {
            if (required) {
                throw new CliException(org.vici4j.cli.ExitCode.USAGE, e.getMessage(), e);
            }
            return null;
        }
    }

    private static void table(PrintWriter out, DesiredState state, ViciSection diff) {
        ViciSection conns = diff.section("connections").orElse(ViciSection.empty());
        for (Map.Entry<String, ViciItem> e : conns.entries()) {
            if ("unload".equals(((ViciSection) e.getValue()).stringOr("action", ""))) {
                out.println("- connection " + e.getKey() + ": loaded earlier by this owner, not in the files;"
                        + " apply --prune unloads it (and its SAs)");
            }
        }
        for (ConnectionConfig c : state.connections()) {
            ViciSection d = conns.section(c.name()).orElseThrow();
            String action = d.stringOr("action", "");
            boolean recorded = d.bool("recorded");
            switch (action) {
                case "load" -> out.println("+ connection " + c.name() + ": not loaded; apply loads it");
                case "reload" -> out.println("~ connection " + c.name() + ": loaded, differs; apply reloads it");
                default -> out.println("= connection " + c.name() + ": loaded; " + (recorded
                        ? "as charon lists it and as this owner last loaded it"
                        : "as charon lists it (no ownership record, so options charon does not list, such as"
                                + " proposals, are not compared)"));
            }
            d.list("changes").forEach(ch -> out.println("    " + ch));
            List<String> optionChanges = d.list("optionChanges");
            if (!optionChanges.isEmpty()) {
                out.println("    options changed since this owner last loaded it:");
                optionChanges.forEach(ch -> out.println("      " + ch));
            }
            d.section("children").ifPresent(children -> {
                for (Map.Entry<String, ViciItem> e : children.entries()) {
                    ViciSection ch = (ViciSection) e.getValue();
                    String ensure = ch.stringOr("ensure", "");
                    String line = switch (ch.stringOr("action", "")) {
                        case "initiate" -> "  + child " + e.getKey() + " (ensure up): not installed; apply initiates it";
                        case "install" -> "  + child " + e.getKey() + " (ensure trap): no trap policy; apply installs it";
                        default -> "  = child " + e.getKey() + " (ensure " + ensure + ")"
                                + (Ensure.UP.word().equals(ensure) ? ": installed" : Ensure.TRAP.word().equals(ensure)
                                        ? ": trap policy installed" : "");
                    };
                    out.println(line);
                }
            });
        }
        ViciSection secrets = diff.section("secrets").orElse(ViciSection.empty());
        if (!secrets.isEmpty()) {
            out.println("secrets (charon cannot list them: apply (re)loads each; values redacted):");
            for (Map.Entry<String, ViciItem> e : secrets.entries()) {
                ViciSection s = (ViciSection) e.getValue();
                if ("unload".equals(s.stringOr("action", ""))) {
                    out.println("  - " + e.getKey() + ": loaded earlier by this owner, not in the files;"
                            + " apply --prune unloads it");
                } else {
                    out.println("  ~ " + e.getKey() + ": " + s.stringOr("command", "") + " "
                            + flat(s.section("message").orElse(ViciSection.empty())));
                }
            }
        }
        ViciSection pools = diff.section("pools").orElse(ViciSection.empty());
        for (Map.Entry<String, ViciItem> e : pools.entries()) {
            String action = ((ViciSection) e.getValue()).stringOr("action", "");
            if ("unload".equals(action)) {
                out.println("- pool " + e.getKey() + ": loaded earlier by this owner, not in the files;"
                        + " apply --prune unloads it");
                continue;
            }
            boolean load = "load".equals(action);
            out.println((load ? "+ pool " : "~ pool ") + e.getKey() + (load ? ": not loaded; apply loads it"
                    : ": loaded; apply reloads it"));
        }
    }

    private static String flat(ViciSection s) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            ViciItem v = e.getValue();
            parts.add(e.getKey() + "=" + (v instanceof ViciSection sub ? "{" + flat(sub) + "}"
                    : v instanceof ViciList l ? "[" + String.join(",", l.strings()) + "]" : Values.human((ViciValue) v)));
        }
        return String.join(" ", parts);
    }
}
