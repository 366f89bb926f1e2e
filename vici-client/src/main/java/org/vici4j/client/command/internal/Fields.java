package org.vici4j.client.command.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * Lenient readers for fields of charon's answers: a missing key, or a value of an unexpected
 * shape, yields the empty/default value instead of an error, so answers of older and newer
 * charon versions parse alike. Internal; not part of the public API.
 */
public final class Fields {

    private Fields() {
    }

    /** The string value of {@code key}, or "" if absent or not a value. */
    public static String str(ViciSection s, String key) {
        return s.stringOr(key, "");
    }

    /** The string value of {@code key}, empty if absent or not a value. */
    public static Optional<String> opt(ViciSection s, String key) {
        return s.string(key);
    }

    /** The decimal value of {@code key}, or 0 if absent or not a number. */
    public static long num(ViciSection s, String key) {
        return s.longValue(key).orElse(0L);
    }

    /** The decimal value of {@code key}, empty if absent or not a number. */
    public static OptionalLong optNum(ViciSection s, String key) {
        return s.longValue(key);
    }

    /** The decimal value of {@code key} as int, empty if absent, not a number or out of range. */
    public static OptionalInt optInt(ViciSection s, String key) {
        OptionalLong v = s.longValue(key);
        if (v.isEmpty() || v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    /** True iff the value of {@code key} is "yes". */
    public static boolean yes(ViciSection s, String key) {
        return s.bool(key);
    }

    /** The list {@code key} as strings, empty if absent. */
    public static List<String> list(ViciSection s, String key) {
        return List.copyOf(s.list(key));
    }

    /** The sub-section {@code key}, or an empty section. */
    public static ViciSection sec(ViciSection s, String key) {
        return s.section(key).orElse(ViciSection.empty());
    }

    /** All entries of {@code s} whose item is a section, in wire order, as (key, section). */
    public static List<Map.Entry<String, ViciSection>> sectionEntries(ViciSection s) {
        List<Map.Entry<String, ViciSection>> out = new ArrayList<>();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            if (e.getValue() instanceof ViciSection sub) {
                out.add(Map.entry(e.getKey(), sub));
            }
        }
        return out;
    }

    /**
     * Reads every sub-section of {@code s}, in wire order, with {@code reader} (given the section's key and the
     * section): the records of a listing event, the CHILD_SAs of an IKE_SA, the pools of a response.
     *
     * @return a new modifiable list
     */
    public static <T> List<T> sections(ViciSection s, BiFunction<String, ViciSection, ? extends T> reader) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<String, ViciSection> e : sectionEntries(s)) {
            out.add(reader.apply(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * Reads every sub-section of {@code s} with {@code reader} into a map keyed by the section's key, in wire
     * order; of two sections with the same key the first counts.
     *
     * @return a new modifiable map
     */
    public static <V> Map<String, V> sectionMap(ViciSection s, Function<ViciSection, ? extends V> reader) {
        Map<String, V> out = new LinkedHashMap<>();
        for (Map.Entry<String, ViciSection> e : sectionEntries(s)) {
            out.putIfAbsent(e.getKey(), reader.apply(e.getValue()));
        }
        return out;
    }

    /**
     * Checks a record's components for null in one call, as {@code Objects.requireNonNull(value, name)} does one
     * by one: the {@link NullPointerException} names the first null component.
     *
     * @param names the components' names, comma-separated, in the order of {@code values}
     */
    public static void requireNonNull(String names, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                String[] n = names.split(",\\s*");
                throw new NullPointerException(i < n.length ? n[i] : "component " + i + " of " + names);
            }
        }
    }

    /** The plain values of {@code s} as key to string, in wire order (lists and sections skipped). */
    public static Map<String, String> values(ViciSection s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            if (e.getValue() instanceof ViciValue v) {
                out.putIfAbsent(e.getKey(), v.asString());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The numeric plain values of {@code s} as key to long, in wire order (others skipped). */
    public static Map<String, Long> numbers(ViciSection s) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            if (e.getValue() instanceof ViciValue) {
                s.longValue(e.getKey()).ifPresent(v -> out.putIfAbsent(e.getKey(), v));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Values ake1..ake7 present in {@code s}, in order (additional key exchanges, strongSwan 6). */
    public static List<String> additionalKeyExchanges(ViciSection s) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            s.string("ake" + i).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** An unmodifiable copy of {@code m} and of each map in it, keeping their iteration order. */
    public static <K, L, V> Map<K, Map<L, V>> orderedDeepCopy(Map<K, Map<L, V>> m) {
        Map<K, Map<L, V>> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, orderedCopy(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy of {@code m} that keeps its iteration order. */
    public static <K, V> Map<K, V> orderedCopy(Map<K, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
