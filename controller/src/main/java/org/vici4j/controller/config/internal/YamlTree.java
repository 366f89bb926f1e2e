package org.vici4j.controller.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vici4j.controller.config.ConfigProblem;

/**
 * A YAML document read into a small tree that remembers where every key and value was written.
 * Built from Jackson's streaming YAML parser token by token, so that each node carries the
 * line and column of its token (Jackson's tree model forgets them).
 */
public final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory(); // (the builder() defaults give "" instead of null for empty values)

    private YamlTree() {
    }

    /** Where a node or key was written: file name, 1-based line and column. */
    public record Location(String file, int line, int column) {
        static Location of(String file, JsonLocation loc) {
            return new Location(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
        }
    }

    /** A node of the tree. */
    public sealed interface Node permits MapNode, SeqNode, ScalarNode {
        Location location();

        /** @return a word for error messages: "a mapping", "a list", "a value" */
        String kind();
    }

    /** One key of a mapping, with the key's own location. */
    public record Entry(String key, Location keyLocation, Node value) {
    }

    /** A mapping, entries in the order written (duplicates kept: the reader reports them). */
    public record MapNode(List<Entry> entries, Location location) implements Node {
        public MapNode {
            entries = List.copyOf(entries);
        }

        @Override
        public String kind() {
            return "a mapping";
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

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar, with its text exactly as written (YAML {@code yes} stays "yes", {@code 000010} stays
     * "000010"); {@code isNull} for an empty value or {@code ~}/{@code null}.
     */
    public record ScalarNode(String text, boolean isNull, Location location) implements Node {
        @Override
        public String kind() {
            return isNull ? "an empty value" : "a value";
        }
    }

    /**
     * Parses one YAML document.
     *
     * @param yaml     the text
     * @param fileName the name used in locations
     * @param problems receives a problem for a syntax error or a second document
     * @return the root node, or empty if the text is empty or not parseable
     */
    public static Optional<Node> parse(String yaml, String fileName, List<ConfigProblem> problems) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            Node root = readNode(parser, fileName);
            JsonToken next = parser.nextToken();
            if (next != null) {
                Location loc = Location.of(fileName, parser.currentTokenLocation());
                problems.add(new ConfigProblem(fileName, loc.line(), loc.column(), "",
                        "more than one YAML document in one file",
                        "remove the '---' separator, or put each document into its own file"));
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(new ConfigProblem(fileName, loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(), "",
                    "YAML syntax error: " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    "check indentation (spaces only), quoting and the ':' after every key"));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.add(new ConfigProblem(fileName, 0, 0, "", "cannot read YAML: " + e.getMessage(),
                    "check that the file is YAML (mappings, lists and values only; no tags)"));
            return Optional.empty();
        }
    }

    private static Node readNode(JsonParser parser, String file) throws IOException {
        JsonToken token = parser.currentToken();
        Location loc = Location.of(file, parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT -> {
                List<Entry> entries = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyLoc = Location.of(file, parser.currentTokenLocation());
                    parser.nextToken();
                    entries.add(new Entry(key, keyLoc, readNode(parser, file)));
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new IllegalStateException("unexpected token " + t);
                }
                return new MapNode(entries, loc);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readNode(parser, file));
                }
                return new SeqNode(items, loc);
            }
            case VALUE_NULL -> {
                return new ScalarNode("", true, loc);
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE,
                    VALUE_EMBEDDED_OBJECT -> {
                return new ScalarNode(parser.getText(), false, loc);
            }
            default -> throw new IllegalStateException("unexpected token " + token);
        }
    }
}
