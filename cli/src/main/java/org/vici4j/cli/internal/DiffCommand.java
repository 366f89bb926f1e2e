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

import org.vici4j.cli.ExitCode;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.plan.Action;
import org.vici4j.controller.plan.ObjectKind;
import org.vici4j.controller.plan.ObservedConnection;
import org.vici4j.controller.plan.ObservedState;
import org.vici4j.controller.plan.Ownership;
import org.vici4j.controller.plan.OwnershipRecord;
import org.vici4j.controller.plan.Plan;
import org.vici4j.controller.plan.Planner;
import org.vici4j.controller.plan.PruneGuard;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vici diff}: what {@code vici apply} would change, per connection. */
@Command(name = "diff", description = {
    "Show what 'vici apply' would change in charon, per connection: connections to load (+) or reload (~,"
        + " one line per difference: what charon's list-conns shows, such as addresses, traffic selectors,"
        + " identities, mode, lifetimes and children; and, if an ownership record holds what this owner last"
        + " loaded, every other option, such as proposals), children to initiate or whose trap policy to"
        + " install, pools to load; secrets are listed with their values redacted. It prints the plan 'vici apply'"
        + " would execute (the same planner), so the two cannot disagree.",
    "Connections loaded in charon that this owner did not load (by swanctl or another tool) are flagged '!':"
        + " apply would replace them and take them over. Shared secrets are matched by id with charon's"
        + " get-shared; their values cannot be compared.",
    "Read-only; exit 0 whether or not there are differences, or with --exit-code 0 if apply would change"
        + " nothing and 1 if it would change something."})
public final class DiffCommand extends BaseCommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE|DIR", required = true,
            description = "Configuration file, or a directory: its *.yaml and *.yml files; repeat to merge several.")
    List<Path> files;

    @Option(names = "--prune", description = "Also show what 'apply --prune' would unload: what the ownership record"
            + " says an earlier apply/controller of the same owner loaded and the files no longer contain.")
    boolean prune;

    @Option(names = "--exit-code", description = "Exit 1 if apply would change something, 0 if not (for scripts).")
    boolean exitCode;

    @Option(names = "--ownership-file", paramLabel = "PATH",
            description = "Ownership record (kept by 'vici controller' and 'apply --prune'): used for --prune and to"
                    + " compare every option with what this owner last loaded. Default: "
                    + Declarative.DEFAULT_STATUS_FILE + ".owned.json, if it exists.")
    Path ownershipFile;

    @Override
    protected int execute() {
        DesiredState state = Declarative.load(root.ctx(), files);
        Ownership owned = record(state.controller().owner());
        ObservedState observed = ObservedState.observe(client(), root.timeout());
        Plan plan = Planner.plan(state, observed, owned, new Planner.Options(prune, false));
        Map<String, Action.Load> loads = new LinkedHashMap<>();
        plan.loads(ObjectKind.CONNECTION).forEach(l -> loads.put(l.name(), l));
        Set<String> initiate = new HashSet<>();
        plan.actions(Action.Initiate.class).forEach(a -> initiate.add(a.target()));
        Set<String> install = new HashSet<>();
        plan.actions(Action.InstallTrap.class).forEach(a -> install.add(a.target()));

        ViciSection.Builder out = ViciSection.builder().beginSection("connections");
        for (ConnectionConfig c : state.connections()) {
            ViciSection desired = c.toLoadConnRequest().section(c.name()).orElse(ViciSection.empty());
            ObservedConnection have = observed.connection(c.name());
            List<String> changes = have.listed().map(l -> ConnectionDiff.againstCharon(desired, l)).orElse(List.of());
            Optional<Map<String, String>> applied = have.loaded() ? owned.appliedOptions(c.name()) : Optional.empty();
            List<String> optionChanges = ConnectionDiff.againstRecord(c, applied);
            Action.Load load = loads.get(c.name());
            String action = load == null ? "none" : have.loaded() ? "reload" : "load";
            out.beginSection(c.name()).add("action", action);
            if (load != null) {
                out.add("change", change(load)).add("reason", load.reason());
            }
            out.addList("changes", changes);
            if (have.loaded()) {
                out.add("recorded", applied.isPresent()).addList("optionChanges", optionChanges);
            }
            out.beginSection("children");
            for (ChildConfig ch : c.children()) {
                String key = c.name() + "/" + ch.name();
                String childAction = initiate.contains(key) ? "initiate" : install.contains(key) ? "install" : "none";
                out.beginSection(ch.name()).add("ensure", ch.ensure().word()).add("action", childAction).endSection();
            }
            out.endSection().endSection();
        }
        for (Action.Unload u : plan.unloads(ObjectKind.CONNECTION)) {
            out.beginSection(u.name()).add("action", "unload").endSection();
        }
        out.endSection().beginSection("secrets");
        Map<String, Action.Load> secretLoads = new LinkedHashMap<>();
        plan.loads(ObjectKind.SECRET).forEach(l -> secretLoads.put(l.name(), l));
        for (SecretConfig s : state.secrets()) {
            Action.Load l = secretLoads.get(s.name());
            boolean shared = "load-shared".equals(s.command());
            String listed = !shared ? "unknown" : observed.sharedIds().map(ids -> ids.contains(s.name())
                    ? "yes" : "no").orElse("unknown-shared");
            out.beginSection(s.name()).add("action", l == null ? "none" : "load").add("listed", listed);
            if (l != null) {
                out.add("change", change(l)).add("reason", l.reason());
            }
            out.add("command", s.command()).addSection("message", Declarative.redact(s.toRequest())).endSection();
        }
        for (Action.Unload u : plan.unloads(ObjectKind.SECRET)) {
            out.beginSection(u.name()).add("action", "unload").endSection();
        }
        out.endSection().beginSection("pools");
        for (Action.Load l : plan.loads(ObjectKind.POOL)) {
            boolean listed = observed.pools().map(p -> p.contains(l.name())).orElse(false);
            out.beginSection(l.name()).add("action", listed ? "reload" : "load").endSection();
        }
        for (Action.Unload u : plan.unloads(ObjectKind.POOL)) {
            out.beginSection(u.name()).add("action", "unload").endSection();
        }
        out.endSection();
        ViciSection diff = out.build();
        printMessage(diff, d -> table(out(), state, d, state.controller().owner()));
        if (prune) {
            PruneGuard.Verdict v = PruneGuard.check(state, owned);
            if (v.refused()) {
                err().println("vici: apply --prune would refuse this: " + v.refusal() + " (to confirm, set"
                        + " controller.maxPruneShare in the files, 100% allows anything, or add --allow-mass-prune)");
                err().flush();
            }
        }
        return exitCode && changes(diff) ? ExitCode.FAILED : ExitCode.OK;
    }

    private static String change(Action.Load load) {
        return load.change().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * @return whether apply would change anything: load, reload or unload something, initiate or install a child. A
     *     shared secret charon lists (get-shared) is not counted when apply would only load the same value again, which
     *     nobody can tell from outside (charon never shows values, the ownership record keeps no digest of them)
     */
    static boolean changes(ViciSection diff) {
        for (String kind : new String[] {"connections", "secrets", "pools"}) {
            for (ViciSection o : diff.section(kind).orElse(ViciSection.empty()).sections()) {
                boolean unknowableRefresh = kind.equals("secrets") && "yes".equals(o.stringOr("listed", ""))
                        && "refresh".equals(o.stringOr("change", ""));
                if (!"none".equals(o.stringOr("action", "none")) && !unknowableRefresh) {
                    return true;
                }
                for (ViciSection ch : o.section("children").orElse(ViciSection.empty()).sections()) {
                    if (!"none".equals(ch.stringOr("action", "none"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The ownership record: required with --prune or an explicit --ownership-file; otherwise the default one is used
     * if it exists and is readable (it only adds detail), and ignored if not.
     */
    private Ownership record(String owner) {
        boolean required = prune || ownershipFile != null;
        Path file = ownershipFile != null ? ownershipFile : Path.of(Declarative.DEFAULT_STATUS_FILE + ".owned.json");
        if (!required && !Files.isReadable(file)) {
            return Ownership.none(owner);
        }
        try {
            return OwnershipRecord.read(file, owner);
        } catch (IllegalStateException | UncheckedIOException e) {
            if (required) {
                throw new CliException(org.vici4j.cli.ExitCode.USAGE, e.getMessage(), e);
            }
            return Ownership.none(owner);
        }
    }

    private static void table(PrintWriter out, DesiredState state, ViciSection diff, String owner) {
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
            boolean differs = !d.list("changes").isEmpty() || !d.list("optionChanges").isEmpty();
            boolean takeOver = "take-over".equals(d.stringOr("change", ""));
            switch (action) {
                case "load" -> out.println("+ connection " + c.name() + ": not loaded; apply loads it");
                case "reload" -> out.println(takeOver
                        ? "! connection " + c.name() + ": loaded in charon, but not by owner " + owner
                                + " (swanctl or another tool?)" + (differs ? ", and differs" : "")
                                + "; apply replaces it and takes it over"
                        : "~ connection " + c.name() + (differs ? ": loaded, differs; apply reloads it"
                                : ": loaded; " + d.stringOr("reason", "") + ", so apply loads it again"));
                default -> out.println("= connection " + c.name()
                        + ": loaded; as charon lists it and as this owner last loaded it");
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
            out.println("secrets (charon lists shared secrets by id, get-shared, never their values; values redacted):");
            for (Map.Entry<String, ViciItem> e : secrets.entries()) {
                out.println(secretLine(e.getKey(), (ViciSection) e.getValue()));
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

    private static String secretLine(String name, ViciSection s) {
        String action = s.stringOr("action", "");
        if ("unload".equals(action)) {
            return "  - " + name + ": loaded earlier by this owner, not in the files; apply --prune unloads it";
        }
        String listed = s.stringOr("listed", "unknown");
        String message = s.stringOr("command", "") + " " + flat(s.section("message").orElse(ViciSection.empty()));
        if ("none".equals(action)) {
            return "  = " + name + ": listed by charon; this owner loaded the same value before: " + message;
        }
        if ("no".equals(listed)) {
            return "  + " + name + ": charon does not list it (get-shared); apply loads it: " + message;
        }
        String seen = switch (listed) {
            case "yes" -> "listed by charon (get-shared), value not comparable";
            case "unknown-shared" -> "charon did not answer get-shared";
            default -> "charon cannot list " + s.stringOr("command", "").replace("load-", "") + " secrets";
        };
        return "  ~ " + name + ": " + seen + "; apply loads it " + ("changed".equals(s.stringOr("change", ""))
                ? "(changed since this owner loaded it)" : "again") + ": " + message;
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
