package org.vici4j.cli.internal;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;

/** {@code vici monitor}: SA events as they happen. */
@Command(name = "monitor", description = {
    "Print IKE_SA and CHILD_SA events as they happen: ike-updown, child-updown, ike-rekey, child-rekey,"
        + " and alert where charon supports it (strongSwan 6.0+; on older versions a note goes to stderr"
        + " and monitoring continues).",
    "Runs until interrupted (Ctrl-C), --count or --duration. -o json: one {\"event\": NAME, \"message\": {...}} per line."})
public final class MonitorCommand extends EventCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    static final Set<String> EVENTS = Set.of("ike-updown", "child-updown", "ike-rekey", "child-rekey");

    @Override
    protected int execute() throws InterruptedException {
        return watch(EVENTS, Set.of("alert"));
    }

    @Override
    protected String line(String event, ViciSection m) {
        String time = TIME.format(LocalTime.now(root.ctx().clock()));
        return String.format("%-8s  %-12s  %s", time, event, describe(event, m));
    }

    static String describe(String event, ViciSection m) {
        List<String> parts = new ArrayList<>();
        switch (event) {
            case "ike-updown", "child-updown" -> parts.add(m.bool("up") ? "up  " : "down");
            default -> { }
        }
        if (event.equals("alert")) {
            parts.add(m.stringOr("type", "?"));
            for (Map.Entry<String, ViciItem> e : m.entries()) {
                if (!e.getKey().equals("type") && !(e.getValue() instanceof ViciSection)) {
                    parts.add(e.getKey() + "=" + e.getValue());
                }
            }
            return String.join(" ", parts);
        }
        for (Map.Entry<String, ViciItem> e : m.entries()) {
            if (!(e.getValue() instanceof ViciSection ike)) {
                continue;
            }
            String name = e.getKey();
            switch (event) {
                case "ike-updown" -> parts.add(SaFormat.ikeSummary(name, ike));
                case "ike-rekey" -> parts.add(name + " #" + ike.section("old").map(o -> o.stringOr("uniqueid", "?")).orElse("?")
                        + " -> #" + ike.section("new").map(n -> n.stringOr("uniqueid", "?")).orElse("?"));
                case "child-updown" -> {
                    parts.add(name + " #" + ike.stringOr("uniqueid", "?"));
                    ike.section("child-sas").ifPresent(cs -> {
                        for (Map.Entry<String, ViciItem> c : cs.entries()) {
                            if (c.getValue() instanceof ViciSection child) {
                                parts.add(SaFormat.childSummary(child.stringOr("name", c.getKey()), child));
                            }
                        }
                    });
                }
                case "child-rekey" -> {
                    parts.add(name + " #" + ike.stringOr("uniqueid", "?"));
                    ike.section("child-sas").ifPresent(cs -> {
                        for (Map.Entry<String, ViciItem> c : cs.entries()) {
                            if (c.getValue() instanceof ViciSection pair) {
                                String oldId = pair.section("old").map(o -> o.stringOr("uniqueid", "?")).orElse("?");
                                String newId = pair.section("new").map(n -> n.stringOr("uniqueid", "?")).orElse("?");
                                String n = pair.section("new").flatMap(x -> x.string("name")).orElse(c.getKey());
                                parts.add(n + "{" + oldId + "} -> " + n + "{" + newId + "}");
                            }
                        }
                    });
                }
                default -> parts.add(name + " " + ike);
            }
        }
        return String.join(" ", parts);
    }
}
