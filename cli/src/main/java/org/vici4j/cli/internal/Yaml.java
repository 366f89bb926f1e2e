package org.vici4j.cli.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * A small YAML writer for VICI messages, block style: sections are mappings (keys in charon's order),
 * lists sequences, and every value a double-quoted string in the lossless form of {@link Values}
 * (so that "yes", "1" or "null" stay strings).
 */
public final class Yaml {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*");

    private final StringBuilder sb = new StringBuilder();

    private Yaml() {
    }

    /** @return {@code section} as a YAML mapping, ending with a newline */
    public static String of(ViciSection section) {
        Yaml y = new Yaml();
        y.mapping(section, 0, false);
        return y.sb.toString();
    }

    /** @return the messages as one YAML sequence of mappings, ending with a newline */
    public static String sequence(List<ViciSection> sections) {
        if (sections.isEmpty()) {
            return "[]\n";
        }
        Yaml y = new Yaml();
        for (ViciSection s : sections) {
            y.sb.append("- ");
            if (s.isEmpty()) {
                y.sb.append("{}\n");
            } else {
                y.mapping(s, 1, true);
            }
        }
        return y.sb.toString();
    }

    /** @return one event as a YAML document ({@code ---}, event, message) */
    public static String event(String name, ViciSection message) {
        Yaml y = new Yaml();
        y.sb.append("---\nevent: ");
        quote(y.sb, name);
        y.sb.append('\n');
        y.sb.append("message:");
        y.value(message, 1);
        return y.sb.toString();
    }

    /** Writes a document with named top-level members, each a section. */
    public static String members(Map<String, ViciSection> members) {
        Yaml y = new Yaml();
        for (Map.Entry<String, ViciSection> e : members.entrySet()) {
            y.key(e.getKey());
            y.value(e.getValue(), 1);
        }
        return y.sb.toString();
    }

    private void mapping(ViciSection section, int depth, boolean firstInline) {
        if (section.isEmpty()) {
            sb.append("{}\n");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, ViciItem> e : section.entries()) {
            if (!(first && firstInline)) {
                indent(depth);
            }
            first = false;
            key(e.getKey());
            value(e.getValue(), depth + 1);
        }
    }

    private void key(String key) {
        if (PLAIN_KEY.matcher(key).matches() && !isSpecialWord(key)) {
            sb.append(key);
        } else {
            quote(sb, key);
        }
        sb.append(':');
    }

    private static boolean isSpecialWord(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~" -> true;
            default -> false;
        };
    }

    private void value(ViciItem item, int depth) {
        if (item instanceof ViciSection s) {
            if (s.isEmpty()) {
                sb.append(" {}\n");
            } else {
                sb.append('\n');
                mapping(s, depth, false);
            }
        } else if (item instanceof ViciList l) {
            List<ViciValue> values = l.values();
            if (values.isEmpty()) {
                sb.append(" []\n");
                return;
            }
            sb.append('\n');
            for (ViciValue v : values) {
                indent(depth);
                sb.append("- ");
                quote(sb, Values.text(v));
                sb.append('\n');
            }
        } else {
            sb.append(' ');
            quote(sb, Values.text((ViciValue) item));
            sb.append('\n');
        }
    }

    private void indent(int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }

    /** Appends {@code s} as a double-quoted YAML scalar. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
