package org.vici4j.client.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An immutable, ordered VICI section: a sequence of named entries whose items are values, lists or
 * sections. Every VICI message is a root section.
 *
 * <p>Entries keep their wire order and duplicates are kept; the single-key accessors
 * ({@link #get(String)}, {@link #string(String)}, ...) return the first entry with the key.
 * Equality is structural (same entries in the same order).
 *
 * <p>{@link #toString()} gives a readable single-line form in which the values of keys that usually
 * carry secrets ({@code secret}, {@code data}, {@code password}, ... see {@link #isSensitiveKey})
 * are replaced by {@code <redacted>}.
 */
public final class ViciSection implements ViciItem {

    private static final ViciSection EMPTY = new ViciSection(List.of());
    private static final Set<String> SENSITIVE_KEYS =
            Set.of("secret", "data", "password", "passphrase", "pin", "psk", "private-key", "key-data");

    private final List<Map.Entry<String, ViciItem>> entries;
    private int hash;

    private ViciSection(List<Map.Entry<String, ViciItem>> entries) {
        this.entries = entries;
    }

    /** @return the empty section (an empty message) */
    public static ViciSection empty() {
        return EMPTY;
    }

    /** @return a new builder for a section */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@link #toString()} redacts the values under {@code key}.
     *
     * @param key an entry name
     * @return true for names that usually carry secrets
     */
    public static boolean isSensitiveKey(String key) {
        return SENSITIVE_KEYS.contains(key);
    }

    /** @return the entries in wire order, duplicates kept; unmodifiable */
    public List<Map.Entry<String, ViciItem>> entries() {
        return entries;
    }

    /** @return the distinct entry names, in order of first occurrence; unmodifiable */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Map.Entry<String, ViciItem> entry : entries) {
            keys.add(entry.getKey());
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * @param key entry name
     * @return the item of the first entry named {@code key}
     */
    public Optional<ViciItem> get(String key) {
        for (Map.Entry<String, ViciItem> entry : entries) {
            if (entry.getKey().equals(key)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * @param key entry name
     * @return the first entry's value as UTF-8 text, empty if absent or not a value
     */
    public Optional<String> string(String key) {
        return get(key).filter(ViciValue.class::isInstance).map(item -> ((ViciValue) item).asString());
    }

    /**
     * @param key entry name
     * @param dflt returned if there is no such value
     * @return the first entry's value as UTF-8 text, or {@code dflt}
     */
    public String stringOr(String key, String dflt) {
        return string(key).orElse(dflt);
    }

    /**
     * @param key entry name
     * @return the value parsed as a signed decimal integer; empty if absent, not a value, or not a number
     */
    public OptionalLong longValue(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty() || !isDecimal(text.get())) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isDecimal(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * @param key entry name
     * @return true iff the value is exactly {@code yes} (charon's boolean)
     */
    public boolean bool(String key) {
        return string(key).map("yes"::equals).orElse(false);
    }

    /**
     * @param key entry name
     * @return the first entry named {@code key}, if it is a section
     */
    public Optional<ViciSection> section(String key) {
        return get(key).filter(ViciSection.class::isInstance).map(ViciSection.class::cast);
    }

    /**
     * @param key entry name
     * @return the first entry's list items as UTF-8 text; empty if absent or not a list
     */
    public List<String> list(String key) {
        return get(key).filter(ViciList.class::isInstance).map(item -> ((ViciList) item).strings())
                .orElse(List.of());
    }

    /** @return the items of all entries that are sections, in order */
    public List<ViciSection> sections() {
        List<ViciSection> out = new ArrayList<>();
        for (Map.Entry<String, ViciItem> entry : entries) {
            if (entry.getValue() instanceof ViciSection section) {
                out.add(section);
            }
        }
        return List.copyOf(out);
    }

    /** @return whether the section has no entries */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the number of entries (duplicates counted) */
    public int size() {
        return entries.size();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ViciSection other && entries.equals(other.entries));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = entries.hashCode();
            hash = h;
        }
        return h;
    }

    /** @return e.g. {@code {version=5.9.8, sas=[a, b], child={mode=TUNNEL}, secret=<redacted>}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    private void appendTo(StringBuilder sb) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ViciItem> entry : entries) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(entry.getKey()).append('=');
            ViciItem item = entry.getValue();
            if (item instanceof ViciSection section) {
                section.appendTo(sb);
            } else if (isSensitiveKey(entry.getKey())) {
                sb.append("<redacted>");
            } else {
                sb.append(item);
            }
        }
        sb.append('}');
    }

    /**
     * Builds a {@link ViciSection}, either flat ({@link #add}, {@link #addList}, {@link #addSection})
     * or nested ({@link #beginSection}/{@link #endSection}, {@link #beginList}/{@link #listItem}/
     * {@link #endList}). Not thread-safe; {@link #build()} may be called more than once.
     *
     * <p>Wire limits (name length, value length, depth, total size) are checked by the encoder.
     */
    public static final class Builder {

        private final Deque<Frame> stack = new ArrayDeque<>();
        private List<ViciValue> openList;
        private String openListKey;

        private Builder() {
            stack.push(new Frame(null));
        }

        private record Frame(String key, List<Map.Entry<String, ViciItem>> entries) {
            Frame(String key) {
                this(key, new ArrayList<>());
            }
        }

        /**
         * Adds a key/value entry with a UTF-8 value.
         *
         * @param key entry name
         * @param value text value
         * @return this builder
         */
        public Builder add(String key, String value) {
            return add(key, ViciValue.of(requireValue(key, value)));
        }

        /**
         * Adds a key/value entry with a binary value (copied).
         *
         * @param key entry name
         * @param value bytes
         * @return this builder
         */
        public Builder add(String key, byte[] value) {
            return add(key, ViciValue.of(requireValue(key, value)));
        }

        /**
         * Adds a key/value entry with a decimal number.
         *
         * @param key entry name
         * @param value number, written in decimal
         * @return this builder
         */
        public Builder add(String key, long value) {
            return add(key, ViciValue.of(Long.toString(value)));
        }

        /**
         * Adds a key/value entry with charon's boolean encoding.
         *
         * @param key entry name
         * @param value written as {@code yes} or {@code no}
         * @return this builder
         */
        public Builder add(String key, boolean value) {
            return add(key, ViciValue.of(value ? "yes" : "no"));
        }

        /**
         * Adds an entry with any item: a value, a list or a section.
         *
         * @param key entry name
         * @param item the item
         * @return this builder
         * @throws IllegalStateException if a list is open
         */
        public Builder add(String key, ViciItem item) {
            Objects.requireNonNull(key, "key");
            requireValue(key, item);
            if (openList != null) {
                throw new IllegalStateException("cannot add entry '" + key + "' inside open list '"
                        + openListKey + "': lists hold only values; call endList() first");
            }
            stack.peek().entries().add(Map.entry(key, item));
            return this;
        }

        private static <T> T requireValue(String key, T value) {
            if (value == null) {
                throw new NullPointerException("value of '" + key + "'");
            }
            return value;
        }

        /**
         * Adds a list entry.
         *
         * @param key entry name
         * @param values list items as text
         * @return this builder
         */
        public Builder addList(String key, List<String> values) {
            return add(key, ViciList.ofStrings(values));
        }

        /**
         * Adds a list entry.
         *
         * @param key entry name
         * @param values list items as text
         * @return this builder
         */
        public Builder addList(String key, String... values) {
            return add(key, ViciList.ofStrings(values));
        }

        /**
         * Adds a sub-section entry.
         *
         * @param key entry name
         * @param section the sub-section
         * @return this builder
         */
        public Builder addSection(String key, ViciSection section) {
            return add(key, (ViciItem) section);
        }

        /**
         * Opens a sub-section; following entries go into it until {@link #endSection()}.
         *
         * @param key the sub-section's name
         * @return this builder
         * @throws IllegalStateException if a list is open
         */
        public Builder beginSection(String key) {
            Objects.requireNonNull(key, "key");
            if (openList != null) {
                throw new IllegalStateException("cannot begin section '" + key + "' inside open list '"
                        + openListKey + "': lists hold only values; call endList() first");
            }
            stack.push(new Frame(key));
            return this;
        }

        /**
         * Closes the innermost open sub-section.
         *
         * @return this builder
         * @throws IllegalStateException if no sub-section is open, or a list is open
         */
        public Builder endSection() {
            if (openList != null) {
                throw new IllegalStateException("cannot end a section while list '" + openListKey
                        + "' is open; call endList() first");
            }
            if (stack.size() == 1) {
                throw new IllegalStateException("endSection() without a matching beginSection()");
            }
            Frame frame = stack.pop();
            stack.peek().entries().add(Map.entry(frame.key(), new ViciSection(List.copyOf(frame.entries()))));
            return this;
        }

        /**
         * Opens a list; add its items with {@link #listItem(String)} and close it with {@link #endList()}.
         *
         * @param key the list's name
         * @return this builder
         * @throws IllegalStateException if a list is already open (lists do not nest)
         */
        public Builder beginList(String key) {
            Objects.requireNonNull(key, "key");
            if (openList != null) {
                throw new IllegalStateException("cannot begin list '" + key + "' inside open list '"
                        + openListKey + "': lists do not nest; call endList() first");
            }
            openList = new ArrayList<>();
            openListKey = key;
            return this;
        }

        /**
         * Adds an item to the open list.
         *
         * @param value the item as text
         * @return this builder
         * @throws IllegalStateException if no list is open
         */
        public Builder listItem(String value) {
            Objects.requireNonNull(value, "list item");
            if (openList == null) {
                throw new IllegalStateException("listItem() without beginList()");
            }
            openList.add(ViciValue.of(value));
            return this;
        }

        /**
         * Closes the open list.
         *
         * @return this builder
         * @throws IllegalStateException if no list is open
         */
        public Builder endList() {
            if (openList == null) {
                throw new IllegalStateException("endList() without beginList()");
            }
            ViciList list = ViciList.of(openList);
            String key = openListKey;
            openList = null;
            openListKey = null;
            return add(key, list);
        }

        /**
         * @return the built section
         * @throws IllegalStateException if a list or sub-section is still open
         */
        public ViciSection build() {
            if (openList != null) {
                throw new IllegalStateException("list '" + openListKey + "' is not closed; call endList()");
            }
            if (stack.size() > 1) {
                throw new IllegalStateException("section '" + stack.peek().key()
                        + "' is not closed; call endSection() (" + (stack.size() - 1) + " open)");
            }
            List<Map.Entry<String, ViciItem>> entries = stack.peek().entries();
            return entries.isEmpty() ? EMPTY : new ViciSection(List.copyOf(entries));
        }
    }
}
