package org.vici4j.controller.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vici4j.controller.config.ConfigProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A YAML document read into a small tree that remembers where every key and value was written.
 * Built from SnakeYAML's event stream (the parser under Jackson's YAML module), so that each node
 * carries the line and column where it starts, and so that what plain YAML configuration does not
 * need is refused with its location instead of being misread: aliases ({@code *gw}, which a
 * token-based reader would take as the text "gw"), anchors ({@code &gw}), merge keys ({@code <<}),
 * explicit tags ({@code !!binary}, {@code !!str}, {@code !custom}), keys that are not plain values,
 * nesting deeper than {@link #MAX_DEPTH} and more than one document.
 */
public final class YamlTree {

    /** The deepest nesting of mappings and lists accepted (the configuration itself needs 6). */
    public static final int MAX_DEPTH = 20;

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final String CORE = "tag:yaml.org,2002:";

    private YamlTree() {
    }

    /** Where a node or key was written: file name, 1-based line and column. */
    public record Location(String file, int line, int column) {
        static Location of(String file, Mark mark) {
            return new Location(file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1);
        }
    }

    /** A node of the tree. */
    public sealed interface Node permits MapNode, SeqNode, ScalarNode {
        Location location();

        /** @return words for error messages: "a mapping", "a list", "a value", "an empty value" */
        default String kind() {
            if (this instanceof MapNode) {
                return "a mapping";
            }
            if (this instanceof SeqNode) {
                return "a list";
            }
            return ((ScalarNode) this).isNull() ? "an empty value" : "a value";
        }
    }

    /** One key of a mapping, with the key's own location. */
    public record Entry(String key, Location keyLocation, Node value) {
    }

    /** A mapping, entries in the order written (duplicates kept: the reader reports them). */
    public record MapNode(List<Entry> entries, Location location) implements Node {
        public MapNode {
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }
    }

    /** A sequence. */
    public record SeqNode(List<Node> items, Location location) implements Node {
        public SeqNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar, with its text exactly as written (YAML {@code yes} stays "yes", {@code 000010} stays
     * "000010"); {@code isNull} for an empty value or {@code ~}/{@code null}.
     */
    public record ScalarNode(String text, boolean isNull, Location location) implements Node {
    }

    /**
     * Parses one YAML document.
     *
     * @param yaml     the text
     * @param fileName the name used in locations
     * @param problems receives a problem for a syntax error, a second document, an alias, anchor, merge key or
     *                 tag, a key that is not a plain value, or nesting deeper than {@link #MAX_DEPTH}
     * @return the root node; empty if the text holds no document (empty, or only comments) or is not YAML. When
     *         something is refused the root is still returned, so that the rest of the file can be checked: an
     *         alias, a node nested too deep or a key that is not a plain value stands there as an empty value, at
     *         the location of its problem (a reader's problems at that location only repeat it)
     */
    public static Optional<Node> parse(String yaml, String fileName, List<ConfigProblem> problems) {
        return parse(yaml, fileName, problems, new ArrayList<>());
    }

    /**
     * Parses one YAML document, telling which problems leave a node without its meaning.
     *
     * @param shadows receives those of the problems whose node (and everything in it) stands as an empty value or
     *                as a value of unknown intent (an alias, a merge key, a key that is not a plain value, a tag, too
     *                deep nesting): a later problem at the same location or path only repeats it
     * @see #parse(String, String, List)
     */
    public static Optional<Node> parse(String yaml, String fileName, List<ConfigProblem> problems,
            List<ConfigProblem> shadows) {
        Builder b = new Builder(fileName);
        try {
            Optional<Node> root = b.document(yaml);
            problems.addAll(b.problems);
            shadows.addAll(b.shadows);
            return root;
        } catch (MarkedYAMLException e) {
            problems.addAll(b.problems);
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location loc = Location.of(fileName, m);
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + (e.getContextMark() == null || e.getContextMark() == m ? ""
                            : " at line " + (e.getContextMark().getLine() + 1)) + ")";
            problems.add(new ConfigProblem(fileName, loc.line(), loc.column(), "",
                    "YAML syntax error: " + firstLine(e.getProblem()) + context,
                    "check indentation (spaces only), quoting and the ':' after every key"));
            return Optional.empty();
        } catch (ReaderException e) {
            problems.addAll(b.problems);
            int[] lc = lineColumn(yaml, e.getPosition());
            problems.add(new ConfigProblem(fileName, lc[0], lc[1], "",
                    String.format(java.util.Locale.ROOT, "control character U+%04X is not allowed in YAML", e.getCodePoint()),
                    "remove it: the file must be text (tabs, line breaks and printable characters)"));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.addAll(b.problems);
            problems.add(new ConfigProblem(fileName, 0, 0, "", "cannot read YAML: " + firstLine(e.getMessage()),
                    "check that the file is YAML (mappings, lists and values only)"));
            return Optional.empty();
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    /** @return the 1-based line and column of a code point index */
    private static int[] lineColumn(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < codePointIndex; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** Turns the events of one stream into a tree, collecting what is refused. */
    private static final class Builder {
        private final String file;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final List<ConfigProblem> shadows = new ArrayList<>();
        private Parser parser;

        Builder(String file) {
            this.file = file;
        }

        Optional<Node> document(String yaml) {
            LoaderOptions options = new LoaderOptions();
            // the byte size of files is limited when they are read (BoundedFiles); texts given directly as well
            options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, BoundedFiles.CONFIG_LIMIT + 1));
            options.setProcessComments(false);
            if (yaml.length() > BoundedFiles.CONFIG_LIMIT) {
                problems.add(new ConfigProblem(file, 0, 0, "", "the text is " + BoundedFiles.size(yaml.length())
                        + " characters, more than the limit of " + BoundedFiles.size(BoundedFiles.CONFIG_LIMIT)
                        + " for a configuration", "split it into several files"));
                return Optional.empty();
            }
            parser = new ParserImpl(new StreamReader(yaml), options);
            parser.getEvent(); // StreamStart
            if (parser.peekEvent() instanceof StreamEndEvent) {
                return Optional.empty();
            }
            DocumentStartEvent start = (DocumentStartEvent) parser.getEvent();
            if (start.getTags() != null && !start.getTags().isEmpty()) {
                Location loc = Location.of(file, start.getStartMark());
                problems.add(new ConfigProblem(file, loc.line(), loc.column(), "",
                        "YAML %TAG directives are not supported", "remove the directive (tags are refused)"));
            }
            Node root = node(1, "");
            parser.getEvent(); // DocumentEnd
            Event next = parser.getEvent();
            if (!(next instanceof StreamEndEvent)) {
                Location loc = Location.of(file, next.getStartMark());
                problems.add(new ConfigProblem(file, loc.line(), loc.column(), "",
                        "more than one YAML document in one file",
                        "remove the '---' separator, or put each document into its own file"));
            }
            return Optional.of(root);
        }

        private void problem(Location loc, String path, String message, String hint) {
            problems.add(new ConfigProblem(file, loc.line(), loc.column(), path, message, hint));
        }

        /** A problem that leaves the node at path without its meaning (see {@code shadows}). */
        private void shadowing(Location loc, String path, String message, String hint) {
            problem(loc, path, message, hint);
            shadows.add(problems.get(problems.size() - 1));
        }

        /** Reports an anchor or a tag on a node; never repeats the node's value (it may be a secret). */
        private void anchorAndTag(NodeEvent e, String tag, Location loc, String path) {
            if (e.getAnchor() != null) {
                problem(loc, path, "YAML anchors (&" + e.getAnchor() + ") are not supported",
                        "remove &" + e.getAnchor() + " and write the value out wherever *" + e.getAnchor() + " is used");
            }
            if (tag != null) {
                String shown = tag.startsWith(CORE) ? "!!" + tag.substring(CORE.length()) : tag;
                String hint = switch (shown) {
                    case "!!binary" -> "charon wants text here: remove " + shown + " and write the value as text; for binary"
                            + " secrets write 0x<hex> or 0s<base64>";
                    case "!!str" -> "remove " + shown + "; quote the value instead if it must stay text";
                    default -> "remove " + shown + ": the configuration is plain mappings, lists and values";
                };
                shadowing(loc, path, "YAML tags (" + shown + ") are not supported", hint);
            }
        }

        private Node node(int depth, String path) {
            Event e = parser.getEvent();
            Location loc = Location.of(file, e.getStartMark());
            if (e instanceof AliasEvent a) {
                shadowing(loc, path, "YAML aliases (*" + a.getAnchor() + ") are not supported",
                        "write the value out here instead of *" + a.getAnchor());
                return new ScalarNode("", true, loc);
            }
            if (e instanceof ScalarEvent s) {
                anchorAndTag(s, s.getTag(), loc, path);
                boolean isNull = s.isPlain() && s.getTag() == null && NULLS.contains(s.getValue());
                return new ScalarNode(isNull ? "" : s.getValue(), isNull, loc);
            }
            CollectionStartEvent c = (CollectionStartEvent) e;
            anchorAndTag(c, c.getTag(), loc, path);
            if (depth > MAX_DEPTH) {
                shadowing(loc, path, "mappings and lists nested more than " + MAX_DEPTH + " levels deep",
                        "the configuration needs at most 6 levels; check the indentation and brackets");
                skipRest();
                return new ScalarNode("", true, loc);
            }
            if (c instanceof SequenceStartEvent) {
                List<Node> items = new ArrayList<>();
                while (!(parser.peekEvent() instanceof SequenceEndEvent)) {
                    items.add(node(depth + 1, path + "[" + items.size() + "]"));
                }
                parser.getEvent();
                return new SeqNode(items, loc);
            }
            List<Entry> entries = new ArrayList<>();
            while (!(parser.peekEvent() instanceof MappingEndEvent)) {
                Event k = parser.getEvent();
                Location kl = Location.of(file, k.getStartMark());
                String key;
                if (k instanceof ScalarEvent ks) {
                    key = ks.getValue();
                    String kp = path.isEmpty() ? key : path + "." + key;
                    anchorAndTag(ks, ks.getTag(), kl, kp);
                    if (ks.isPlain() && key.equals("<<")) {
                        shadowing(kl, kp, "YAML merge keys (<<) are not supported", "write the keys out in this mapping");
                    }
                } else if (k instanceof AliasEvent a) {
                    key = "*" + a.getAnchor();
                    shadowing(kl, path.isEmpty() ? key : path + "." + key, "YAML aliases (*" + a.getAnchor()
                            + ") are not supported", "write the key out instead of *" + a.getAnchor());
                } else {
                    key = "?";
                    shadowing(kl, path.isEmpty() ? key : path + "." + key, "a key must be a plain value, not "
                            + (k instanceof MappingStartEvent ? "a mapping" : "a list"), "write 'key: value' with a plain key");
                    skipRest();
                }
                entries.add(new Entry(key, kl, node(depth + 1, path.isEmpty() ? key : path + "." + key)));
            }
            parser.getEvent();
            return new MapNode(entries, loc);
        }

        /** Consumes the events up to the end of the collection just started. */
        private void skipRest() {
            int open = 1;
            while (open > 0) {
                Event e = parser.getEvent();
                if (e instanceof CollectionStartEvent) {
                    open++;
                } else if (e instanceof MappingEndEvent || e instanceof SequenceEndEvent) {
                    open--;
                }
            }
        }
    }
}
