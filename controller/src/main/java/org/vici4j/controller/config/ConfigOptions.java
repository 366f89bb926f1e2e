package org.vici4j.controller.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * The swanctl.conf options of one section (a connection, an authentication round, a child, a pool,
 * ...), in the order written, each as the VICI item sent for it: a value, or a list for the keys
 * charon takes as lists ({@code local_ts}, {@code certs}, ...). Immutable.
 */
public final class ConfigOptions {

    private static final ConfigOptions EMPTY = new ConfigOptions(Map.of());

    private final Map<String, ViciItem> items;

    private ConfigOptions(Map<String, ViciItem> items) {
        this.items = items;
    }

    public static ConfigOptions empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the option names in order */
    public Set<String> keys() {
        return items.keySet();
    }

    public boolean contains(String key) {
        return items.containsKey(key);
    }

    public Optional<ViciItem> get(String key) {
        return Optional.ofNullable(items.get(key));
    }

    /** @return the value of a single-valued option */
    public Optional<String> string(String key) {
        return items.get(key) instanceof ViciValue v ? Optional.of(v.asString()) : Optional.empty();
    }

    /** @return the items of a list option, a single value as a one-element list, empty if absent */
    public List<String> list(String key) {
        ViciItem item = items.get(key);
        if (item instanceof ViciList l) {
            return l.strings();
        }
        if (item instanceof ViciValue v) {
            return List.of(v.asString());
        }
        return List.of();
    }

    /** @return all options, in order; unmodifiable */
    public Map<String, ViciItem> asMap() {
        return items;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Adds every option to a section being built, in order. */
    public void addTo(ViciSection.Builder builder) {
        items.forEach(builder::add);
    }

    /** @return a section of these options, in order */
    public ViciSection toSection() {
        ViciSection.Builder b = ViciSection.builder();
        addTo(b);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigOptions other && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.toString();
    }

    /** Builds {@link ConfigOptions}; a later value for a key replaces the earlier one in place. */
    public static final class Builder {
        private final LinkedHashMap<String, ViciItem> items = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder set(String key, String value) {
            items.put(key, ViciValue.of(value));
            return this;
        }

        public Builder setList(String key, List<String> values) {
            items.put(key, ViciList.ofStrings(values));
            return this;
        }

        /** A list of binary items, e.g. the certificate files read for {@code certs}. */
        public Builder setBlobs(String key, List<byte[]> values) {
            List<ViciValue> list = new ArrayList<>();
            values.forEach(v -> list.add(ViciValue.of(v)));
            items.put(key, ViciList.of(list));
            return this;
        }

        public Builder setItem(String key, ViciItem item) {
            if (item instanceof ViciSection) {
                throw new IllegalArgumentException("an option is a value or a list, not a section: " + key);
            }
            items.put(key, item);
            return this;
        }

        public Builder remove(String key) {
            items.remove(key);
            return this;
        }

        public Builder putAll(ConfigOptions options) {
            items.putAll(options.items);
            return this;
        }

        public ConfigOptions build() {
            return items.isEmpty() ? EMPTY : new ConfigOptions(Collections.unmodifiableMap(new LinkedHashMap<>(items)));
        }
    }
}
