package org.vici4j.cli.internal;

import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * A small JSON writer for VICI messages (no Jackson on the path of simple commands): sections become
 * objects with keys in charon's order, lists arrays, values strings in the lossless form of
 * {@link Values}.
 */
public final class Json {

    private final StringBuilder sb = new StringBuilder();
    private final boolean pretty;

    private Json(boolean pretty) {
        this.pretty = pretty;
    }

    /** @return a writer producing indented output */
    public static Json pretty() {
        return new Json(true);
    }

    /** @return a writer producing one line */
    public static Json compact() {
        return new Json(false);
    }

    /** @return {@code section} as JSON */
    public static String of(ViciSection section, boolean pretty) {
        return new Json(pretty).section(section, 0).toString();
    }

    /** @return the messages as one JSON array */
    public static String array(List<ViciSection> sections, boolean pretty) {
        Json json = new Json(pretty);
        json.sb.append('[');
        for (int i = 0; i < sections.size(); i++) {
            if (i > 0) {
                json.sb.append(',');
            }
            json.newline(1);
            json.section(sections.get(i), 1);
        }
        if (!sections.isEmpty()) {
            json.newline(0);
        }
        json.sb.append(']');
        return json.toString();
    }

    /** @return {@code {"event": NAME, "message": {...}}} on one line */
    public static String event(String name, ViciSection message) {
        Json json = new Json(false);
        json.sb.append("{\"event\":");
        quote(json.sb, name);
        json.sb.append(",\"message\":");
        json.section(message, 0);
        json.sb.append('}');
        return json.toString();
    }

    /** Appends an object member name and colon. */
    public Json name(String key) {
        quote(sb, key);
        sb.append(pretty ? ": " : ":");
        return this;
    }

    /** Appends raw text. */
    public Json raw(String text) {
        sb.append(text);
        return this;
    }

    /** Appends a quoted string. */
    public Json string(String text) {
        quote(sb, text);
        return this;
    }

    /** Appends a section as an object at the given indentation depth. */
    public Json section(ViciSection section, int depth) {
        if (section.isEmpty()) {
            sb.append("{}");
            return this;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ViciItem> e : section.entries()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(depth + 1);
            name(e.getKey());
            item(e.getValue(), depth + 1);
        }
        newline(depth);
        sb.append('}');
        return this;
    }

    private void item(ViciItem item, int depth) {
        if (item instanceof ViciSection s) {
            section(s, depth);
        } else if (item instanceof ViciList l) {
            List<ViciValue> values = l.values();
            if (values.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newline(depth + 1);
                quote(sb, Values.text(values.get(i)));
            }
            newline(depth);
            sb.append(']');
        } else {
            quote(sb, Values.text((ViciValue) item));
        }
    }

    /** Appends a line break and indentation when pretty. */
    public Json newline(int depth) {
        if (pretty) {
            sb.append('\n');
            for (int i = 0; i < depth; i++) {
                sb.append("  ");
            }
        }
        return this;
    }

    /** Appends {@code s} as a JSON string literal. */
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
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
