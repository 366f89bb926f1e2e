package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        + " with the differences in addresses, traffic selectors and children charon reports), children to"
        + " initiate or whose trap policy to install, pools to load; secrets are listed with their values"
        + " redacted (charon cannot list secrets, so apply always (re)loads them).",
    "Read-only; exit 0 whether or not there are differences."})
public final class DiffCommand extends BaseCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Configuration file; repeat to merge several.")
    List<Path> files;

    @Option(names = "--prune", description = "Also show what 'apply --prune' would unload: what the ownership record"
            + " says an earlier apply/controller of the same owner loaded and the files no longer contain.")
    boolean prune;

    @Option(names = "--ownership-file", paramLabel = "PATH",
            description = "Ownership record for --prune. Default: " + Declarative.DEFAULT_STATUS_FILE + ".owned.json.")
    Path ownershipFile;

    @Override
    protected int execute() {
        DesiredState state = Declarative.load(root.ctx(), files);
        OwnershipStore owned = null;
        if (prune) {
            Path file = ownershipFile != null ? ownershipFile : Path.of(Declarative.DEFAULT_STATUS_FILE + ".owned.json");
            try {
                owned = OwnershipStore.open(file, state.controller().owner());
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new CliException(org.vici4j.cli.ExitCode.USAGE, e.getMessage(), e);
            }
        }
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
            List<String> changes = have == null ? List.of() : changes(desired, have);
            String action = have == null ? "load" : changes.isEmpty() ? "reload-unchanged" : "reload";
            out.beginSection(c.name()).add("action", action).addList("changes", changes).beginSection("children");
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
        if (owned != null) {
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
        if (owned != null) {
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
        if (owned != null) {
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
            switch (action) {
                case "load" -> out.println("+ connection " + c.name() + ": not loaded; apply loads it");
                case "reload" -> out.println("~ connection " + c.name() + ": loaded, differs; apply reloads it");
                default -> out.println("= connection " + c.name() + ": loaded; addresses, traffic selectors and"
                        + " children as in the file");
            }
            d.list("changes").forEach(ch -> out.println("    " + ch));
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

    /** @return differences between a desired load-conn section and charon's list-conn entry, one line each */
    static List<String> changes(ViciSection desired, ViciSection have) {
        List<String> out = new ArrayList<>();
        compare(out, "local_addrs", values(desired, "local_addrs", "%any"), have.list("local_addrs"));
        compare(out, "remote_addrs", values(desired, "remote_addrs", "%any"), have.list("remote_addrs"));
        ViciSection want = desired.section("children").orElse(ViciSection.empty());
        ViciSection got = have.section("children").orElse(ViciSection.empty());
        for (String name : want.keys()) {
            ViciSection w = want.section(name).orElse(ViciSection.empty());
            ViciSection g = got.section(name).orElse(null);
            if (g == null) {
                out.add("+ child " + name + ": not in charon's configuration");
                continue;
            }
            compare(out, "child " + name + " local_ts", values(w, "local_ts", "dynamic"), g.list("local-ts"));
            compare(out, "child " + name + " remote_ts", values(w, "remote_ts", "dynamic"), g.list("remote-ts"));
        }
        for (String name : got.keys()) {
            if (want.section(name).isEmpty()) {
                out.add("- child " + name + ": in charon, not in the file");
            }
        }
        return out;
    }

    private static List<String> values(ViciSection s, String key, String dflt) {
        ViciItem item = s.get(key).orElse(null);
        List<String> raw;
        if (item instanceof ViciList l) {
            raw = l.strings();
        } else if (item instanceof ViciValue v) {
            raw = List.of(v.asString().split(","));
        } else {
            raw = List.of(dflt);
        }
        return raw.stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static void compare(List<String> out, String what, List<String> want, List<String> have) {
        if (!new HashSet<>(want).equals(new HashSet<>(have))) {
            out.add(what + ": " + String.join(", ", have) + " -> " + String.join(", ", want));
        }
    }
}
