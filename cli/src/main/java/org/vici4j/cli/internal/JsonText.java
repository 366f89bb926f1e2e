package org.vici4j.cli.internal;

import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * A JSON array of VICI messages, appended a message at a time to a {@link StringBuilder}, as text identical to
 * {@link Json#writeArray} with {@code pretty} (two-space indentation, {@code "key": value}, {@code {}} and
 * {@code []} when empty, Jackson's escapes: {@code \"}, {@code \\}, {@code \b \t \n \f \r}, other control
 * characters as {@code &#92;u00XX}, everything else as is). Without Jackson: on the path of {@code vici list-sas
 * -o json}, a short-lived process, creating Jackson's factory and generator costs more than writing the text.
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out;
    private int count;

    /** Starts the array at the end of {@code out}. */
    JsonText(StringBuilder out) {
        this(out, true);
    }

    private JsonText(StringBuilder out, boolean array) {
        this.out = out;
        if (array) {
            out.append('[');
        }
    }

    /**
     * Appends the text of {@code message} as an element of the array, at the array's indentation, without the
     * separator and line break that {@link #add} puts before it.
     */
    static void element(StringBuilder out, ViciSection message) {
        new JsonText(out, false).section(message, 1);
    }

    /** Appends the next element. */
    void add(ViciSection message) {
        if (count++ > 0) {
            out.append(',');
        }
        out.append("\n  ");
        section(message, 1);
    }

    /** Ends the array (no line break after it). */
    void end() {
        if (count > 0) {
            out.append('\n');
        }
        out.append(']');
    }

    private void section(ViciSection section, int depth) {
        boolean first = true;
        out.append('{');
        for (Map.Entry<String, ViciItem> e : section.entries()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            indent(depth + 1);
            string(e.getKey());
            out.append(": ");
            ViciItem item = e.getValue();
            if (item instanceof ViciSection s) {
                section(s, depth + 1);
            } else if (item instanceof ViciList l) {
                list(l, depth + 1);
            } else {
                string(Values.text((ViciValue) item));
            }
        }
        if (!first) {
            indent(depth);
        }
        out.append('}');
    }

    private void list(ViciList list, int depth) {
        boolean first = true;
        out.append('[');
        for (ViciValue v : list.values()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            indent(depth + 1);
            string(Values.text(v));
        }
        if (!first) {
            indent(depth);
        }
        out.append(']');
    }

    private void indent(int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            out.append('\\');
            switch (c) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, plain, n);
        out.append('"');
    }
}
