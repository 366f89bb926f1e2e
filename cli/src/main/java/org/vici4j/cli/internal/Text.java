package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/** Human-readable text output: indented trees, aligned tables, wrapped word lists (100 columns). */
public final class Text {

    /** Width the text output is laid out for. */
    public static final int WIDTH = 100;

    private Text() {
    }

    /** Prints {@code section} as an indented {@code key: value} tree. */
    public static void tree(PrintWriter out, ViciSection section, int indent) {
        String pad = " ".repeat(indent);
        for (Map.Entry<String, ViciItem> e : section.entries()) {
            ViciItem item = e.getValue();
            if (item instanceof ViciSection s) {
                if (s.isEmpty()) {
                    out.println(pad + e.getKey() + ": {}");
                } else {
                    out.println(pad + e.getKey() + ":");
                    tree(out, s, indent + 2);
                }
            } else if (item instanceof ViciList l) {
                String joined = String.join(", ", l.values().stream().map(Values::human).toList());
                if (pad.length() + e.getKey().length() + 4 + joined.length() <= WIDTH) {
                    out.println(pad + e.getKey() + ": [" + joined + "]");
                } else {
                    out.println(pad + e.getKey() + ":");
                    for (ViciValue v : l.values()) {
                        out.println(pad + "  - " + Values.human(v));
                    }
                }
            } else {
                out.println(pad + e.getKey() + ": " + Values.human((ViciValue) item));
            }
        }
    }

    /** Prints rows as columns separated by two spaces, each as wide as its widest cell; the last column is not padded. */
    public static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(rows);
        int cols = 0;
        for (List<String> r : all) {
            cols = Math.max(cols, r.size());
        }
        int[] width = new int[cols];
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    sb.append("  ");
                }
                String cell = r.get(i);
                sb.append(cell);
                if (i < r.size() - 1) {
                    sb.append(" ".repeat(width[i] - cell.length()));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** Prints {@code words} separated by spaces, wrapped at {@link #WIDTH} with the given indentation. */
    public static void wrap(PrintWriter out, List<String> words, int indent) {
        wrap(out, words, indent, indent);
    }

    /** Like {@link #wrap(PrintWriter, List, int)}, with another indentation for continuation lines. */
    public static void wrap(PrintWriter out, List<String> words, int indent, int continuation) {
        String pad = " ".repeat(indent);
        StringBuilder line = new StringBuilder(pad);
        for (String w : words) {
            if (line.length() > pad.length() && line.length() + 1 + w.length() > WIDTH) {
                out.println(line);
                pad = " ".repeat(continuation);
                line = new StringBuilder(pad);
            }
            if (line.length() > pad.length()) {
                line.append(' ');
            }
            line.append(w);
        }
        if (line.length() > pad.length()) {
            out.println(line);
        }
    }

    /** @return {@code s} right-aligned in {@code width} */
    public static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** @return {@code seconds} as swanctl prints ages: 42s, or hours/minutes for longer spans */
    public static String seconds(String seconds) {
        return seconds + "s";
    }
}
