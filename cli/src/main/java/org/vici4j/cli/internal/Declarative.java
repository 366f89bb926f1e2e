package org.vici4j.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.status.ChildState;
import org.vici4j.controller.status.ChildStatus;
import org.vici4j.controller.status.ConnectionStatus;
import org.vici4j.controller.status.ControllerStatus;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.failure.FailureClass;

/** Shared by the declarative commands (validate, diff, apply, controller, status). */
final class Declarative {

    /** Where {@code vici controller} writes its status, and {@code vici status} reads it, by default. */
    static final String DEFAULT_STATUS_FILE = "/run/vici4j/status.json";

    private Declarative() {
    }

    /** Loads and validates the files (environment variables from the CLI's environment). */
    static DesiredState load(CliContext ctx, List<Path> files) {
        return load(ctx, files, null);
    }

    /** Like {@link #load(CliContext, List)}, also refusing proposals the charon does not offer (when not null). */
    static DesiredState load(CliContext ctx, List<Path> files, org.vici4j.controller.config.CharonAlgorithms offered) {
        Map<String, String> env = ctx.env();
        return DesiredStateLoader.builder().environment(env).algorithms(offered).build().loadAll(files);
    }

    /** @return {@code s} with the values of secret-bearing keys replaced by {@code <redacted>} */
    static ViciSection redact(ViciSection s) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            ViciItem item = e.getValue();
            if (item instanceof ViciSection sub) {
                b.addSection(e.getKey(), redact(sub));
            } else if (ViciSection.isSensitiveKey(e.getKey())) {
                b.add(e.getKey(), item instanceof ViciList ? ViciList.ofStrings("<redacted>") : ViciValue.of("<redacted>"));
            } else {
                b.add(e.getKey(), item);
            }
        }
        return b.build();
    }

    /** @return whether a child is as its {@code ensure} wants it */
    static boolean asDesired(ChildStatus c, boolean connected) {
        return switch (c.ensure()) {
            case UP -> c.state() == ChildState.INSTALLED;
            case TRAP -> c.state() == ChildState.TRAPPED;
            case LOADED -> connected && c.state() != ChildState.FAILED && c.state() != ChildState.RETRYING;
        };
    }

    /** @return whether a child's state will not change without a new event (settled either way) */
    static boolean settled(ChildStatus c, boolean connected) {
        if (asDesired(c, connected)) {
            return true;
        }
        // FAILED: the retry policy gave up, or charon refused to load the connection (whatever ensure says).
        // RETRYING: settled only when a failure that will not fix itself (configuration, kernel) was seen on two
        // attempts in a row; a transient one may still recover.
        return c.state() == ChildState.FAILED
                || (c.ensure() != Ensure.LOADED && c.state() == ChildState.RETRYING && c.lastFailure() != null
                        && c.attempts() >= 2 && c.lastFailure().failureClass().kind() != FailureClass.Kind.TRANSIENT);
    }

    /** @return the status as a section (for table/YAML output; JSON uses the status file format) */
    static ViciSection toSection(ControllerStatus status) {
        ViciSection.Builder b = ViciSection.builder();
        b.beginSection("charon").add("connected", status.charon().connected())
                .add("state", status.charon().state().wireName())
                .add("version", status.charon().version() == null ? "" : status.charon().version());
        if (status.charon().problem() != null) {
            b.add("problem", status.charon().problem());
        }
        b.endSection();
        b.beginSection("connections");
        for (ConnectionStatus conn : status.connections()) {
            b.beginSection(conn.name());
            for (ChildStatus c : conn.children()) {
                b.beginSection(c.name()).add("ensure", c.ensure().word()).add("state", c.state().wireName())
                        .add("attempts", c.attempts());
                if (c.nextAttemptAt() != null) {
                    b.add("nextAttemptAt", c.nextAttemptAt().toString());
                }
                c.failure().ifPresent(f -> b.beginSection("lastFailure").add("class", f.failureClass().wireName())
                        .add("side", f.side().wireName()).add("message", f.message())
                        .add("notify", f.notifyType() == null ? "" : f.notifyType())
                        .addList("evidence", f.evidence()).add("at", f.at().toString()).endSection());
                b.endSection();
            }
            b.endSection();
        }
        b.endSection();
        status.refusal().ifPresent(r -> b.beginSection("refused").add("at", r.at().toString())
                .add("reason", r.reason()).endSection());
        return b.build();
    }

    /** Prints the status table (fits 100 columns) and, below it, each failure's reason wrapped. */
    static void printTable(java.io.PrintWriter out, ControllerStatus status, java.time.ZoneId zone) {
        List<List<String>> rows = new java.util.ArrayList<>();
        List<String> reasons = new java.util.ArrayList<>();
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        for (ConnectionStatus conn : status.connections()) {
            for (ChildStatus c : conn.children()) {
                rows.add(List.of(conn.name(), c.name(), c.ensure().word(), c.state().wireName(),
                        String.valueOf(c.attempts()), c.nextAttemptAt() == null ? "" : time.format(c.nextAttemptAt()),
                        c.failure().map(f -> f.failureClass().wireName()).orElse("")));
                if (!asDesired(c, status.charon().connected())) {
                    c.failure().ifPresent(f -> reasons.add(conn.name() + "/" + c.name() + ": " + f.summary()));
                }
            }
        }
        Text.table(out, HEADER, rows);
        for (String r : reasons) {
            Text.wrap(out, List.of(r.split(" ")), 2, 4);
        }
    }

    static final List<String> HEADER = List.of("CONNECTION", "CHILD", "ENSURE", "STATE", "ATTEMPTS", "NEXT ATTEMPT",
            "LAST FAILURE");
}
