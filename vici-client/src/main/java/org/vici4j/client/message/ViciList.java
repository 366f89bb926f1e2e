package org.vici4j.client.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** An immutable, ordered VICI list of values. Lists contain values only; they never nest. */
public final class ViciList implements ViciItem {

    private static final ViciList EMPTY = new ViciList(List.of());

    private final List<ViciValue> values;

    private ViciList(List<ViciValue> values) {
        this.values = values;
    }

    /**
     * @param values the list items, in order
     * @return an immutable list of {@code values}
     */
    public static ViciList of(List<ViciValue> values) {
        List<ViciValue> copy = List.copyOf(values);
        return copy.isEmpty() ? EMPTY : new ViciList(copy);
    }

    /**
     * @param values the list items as text, UTF-8 encoded
     * @return an immutable list of {@code values}
     */
    public static ViciList ofStrings(List<String> values) {
        List<ViciValue> converted = new ArrayList<>(values.size());
        for (String value : values) {
            converted.add(ViciValue.of(Objects.requireNonNull(value, "list item")));
        }
        return of(converted);
    }

    /**
     * @param values the list items as text, UTF-8 encoded
     * @return an immutable list of {@code values}
     */
    public static ViciList ofStrings(String... values) {
        return ofStrings(Arrays.asList(values));
    }

    /** @return the items, in order; unmodifiable */
    public List<ViciValue> values() {
        return values;
    }

    /** @return the items decoded as UTF-8, in order; unmodifiable */
    public List<String> strings() {
        List<String> out = new ArrayList<>(values.size());
        for (ViciValue value : values) {
            out.add(value.asString());
        }
        return List.copyOf(out);
    }

    /** @return the number of items */
    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ViciList other && values.equals(other.values));
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** @return the items in brackets, e.g. {@code [a, b]} */
    @Override
    public String toString() {
        return values.toString();
    }
}
