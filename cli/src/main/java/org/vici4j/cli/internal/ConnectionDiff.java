package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.plan.Planner;

/**
 * What differs between a desired connection ({@code load-conn} section) and what charon has, for {@code vici diff}.
 * Two sources: what charon's {@code list-conns} reports (addresses, ports, version, times, DPD, identities, and per
 * child the mode, traffic selectors, lifetimes, actions, interface and priority; only options the file sets are
 * compared, after normalising units and spelling), and, when an ownership record holds the options this owner last
 * loaded, every option of the file against that record (proposals and everything else charon does not list).
 */
final class ConnectionDiff {

    private static final Pattern TIME = Pattern.compile("(\\d+)\\s*([smhd]?)");
    private static final Map<String, String> VERSIONS = Map.of("0", "IKE", "1", "IKEv1", "2", "IKEv2");

    private ConnectionDiff() {
    }

    /** @return one line per difference charon's listing shows, {@code what: charon's -> the file's} */
    static List<String> againstCharon(ViciSection desired, ViciSection have) {
        List<String> out = new ArrayList<>();
        compareSet(out, "local_addrs", values(desired, "local_addrs", "%any"), have.list("local_addrs"));
        compareSet(out, "remote_addrs", values(desired, "remote_addrs", "%any"), have.list("remote_addrs"));
        compareScalar(out, "local_port", desired, "local_port", have, "local_port", ConnectionDiff::same);
        compareScalar(out, "remote_port", desired, "remote_port", have, "remote_port", ConnectionDiff::same);
        compareScalar(out, "version", desired, "version", have, "version",
                v -> VERSIONS.getOrDefault(v, v).toLowerCase(Locale.ROOT));
        for (String t : List.of("rekey_time", "reauth_time", "dpd_delay", "dpd_timeout")) {
            compareScalar(out, t, desired, t, have, t, ConnectionDiff::seconds);
        }
        compareIdentities(out, "local", desired, have);
        compareIdentities(out, "remote", desired, have);
        ViciSection want = desired.section("children").orElse(ViciSection.empty());
        ViciSection got = have.section("children").orElse(ViciSection.empty());
        for (String name : want.keys()) {
            ViciSection w = want.section(name).orElse(ViciSection.empty());
            ViciSection g = got.section(name).orElse(null);
            if (g == null) {
                out.add("+ child " + name + ": not in charon's configuration");
                continue;
            }
            String c = "child " + name + " ";
            compareSet(out, c + "local_ts", values(w, "local_ts", "dynamic"), g.list("local-ts"));
            compareSet(out, c + "remote_ts", values(w, "remote_ts", "dynamic"), g.list("remote-ts"));
            compareScalar(out, c + "mode", w, "mode", g, "mode", v -> v.toLowerCase(Locale.ROOT));
            compareScalar(out, c + "rekey_time", w, "rekey_time", g, "rekey_time", ConnectionDiff::seconds);
            compareScalar(out, c + "rekey_bytes", w, "rekey_bytes", g, "rekey_bytes", ConnectionDiff::same);
            compareScalar(out, c + "rekey_packets", w, "rekey_packets", g, "rekey_packets", ConnectionDiff::same);
            compareScalar(out, c + "interface", w, "interface", g, "interface", ConnectionDiff::same);
            compareScalar(out, c + "priority", w, "priority", g, "priority", ConnectionDiff::same);
        }
        for (String name : got.keys()) {
            if (want.section(name).isEmpty()) {
                out.add("- child " + name + ": in charon, not in the file");
            }
        }
        return out;
    }

    /** @return one line per option that differs from what this owner last loaded, or empty without a record */
    static List<String> againstRecord(ConnectionConfig desired, Optional<Map<String, String>> record) {
        return record.map(r -> changes(r, Planner.desiredOptions(desired))).orElse(List.of());
    }

    /**
     * @return one line per option that differs, in the order of {@code after} then of the options only
     *         {@code before} had: {@code key: old -> new}, {@code + key: new}, {@code - key: old}
     */
    static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                out.add("+ " + e.getKey() + ": " + e.getValue());
            } else if (!old.equals(e.getValue())) {
                out.add(e.getKey() + ": " + old + " -> " + e.getValue());
            }
        }
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add("- " + e.getKey() + ": " + e.getValue());
            }
        }
        return out;
    }

    /** Identities of the authentication rounds, in order: the file's n-th local section is charon's local-n. */
    private static void compareIdentities(List<String> out, String side, ViciSection desired, ViciSection have) {
        int round = 0;
        for (Map.Entry<String, ViciItem> e : desired.entries()) {
            if (!(e.getValue() instanceof ViciSection auth) || !isRound(e.getKey(), side)) {
                continue;
            }
            round++;
            String id = auth.stringOr("id", null);
            if (id == null || id.contains("=") || id.startsWith("%")) {
                continue; // not set, a DN (charon prints it its own way) or a wildcard
            }
            String listed = have.section(side + "-" + round).map(s -> s.stringOr("id", "%any")).orElse(null);
            if (listed != null && !listed.equals(id)) {
                out.add(side + " id (round " + round + "): " + listed + " -> " + id);
            }
        }
    }

    private static boolean isRound(String key, String side) {
        return key.equals(side) || key.startsWith(side + "-");
    }

    private static void compareScalar(List<String> out, String what, ViciSection desired, String key,
            ViciSection have, String listedKey, java.util.function.UnaryOperator<String> normalise) {
        Optional<String> want = desired.string(key);
        if (want.isEmpty()) {
            return; // the file leaves it to charon's default
        }
        // charon leaves out a DPD setting of 0, and older versions leave out what they did not list yet (ports)
        String listed = have.string(listedKey).orElse(listedKey.startsWith("dpd_") ? "0" : null);
        if (listed == null) {
            return;
        }
        String w = normalise.apply(want.get().strip());
        String h = normalise.apply(listed.strip());
        if (w != null && h != null && !w.equals(h)) {
            out.add(what + ": " + listed + " -> " + want.get());
        }
    }

    private static String same(String v) {
        return v;
    }

    /** strongSwan's time values: a number with an optional s, m, h or d; null if not one (not compared). */
    static String seconds(String v) {
        Matcher m = TIME.matcher(v.strip());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        long f = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        return String.valueOf(n * f);
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

    private static void compareSet(List<String> out, String what, List<String> want, List<String> have) {
        if (!new HashSet<>(want).equals(new HashSet<>(have))) {
            out.add(what + ": " + String.join(", ", have) + " -> " + String.join(", ", want));
        }
    }
}
