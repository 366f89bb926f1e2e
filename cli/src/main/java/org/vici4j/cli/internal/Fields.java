package org.vici4j.cli.internal;

import java.util.HashMap;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * The values of one section as swanctl's listings read them: printable values by key, a list as its
 * printable items joined by spaces, sections left out; a value that is not printable ASCII is absent.
 * {@link #str} prints an absent value as C's printf prints a null string, so that vici's text equals
 * swanctl's even for odd messages.
 */
final class Fields {

    private final Map<String, String> values = new HashMap<>();

    private Fields() {
    }

    /** @return the values of {@code section} */
    static Fields of(ViciSection section) {
        Fields f = new Fields();
        for (Map.Entry<String, ViciItem> e : section.entries()) {
            ViciItem item = e.getValue();
            if (item instanceof ViciValue v) {
                if (printable(v)) {
                    f.value(e.getKey(), v.asString());
                }
            } else if (item instanceof ViciList l) {
                for (ViciValue v : l.values()) {
                    if (printable(v)) {
                        f.item(e.getKey(), v.asString());
                    }
                }
            }
        }
        return f;
    }

    /** @return no values yet: filled by {@link #value} and {@link #item} in wire order */
    static Fields empty() {
        return new Fields();
    }

    /** Takes the value {@code text} (printable ASCII) of key {@code key}, as {@link #of} takes a section's value. */
    void value(String key, String text) {
        values.put(key, text);
    }

    /** Takes {@code text} (printable ASCII), an item of the list {@code key}, as {@link #of} takes a list's. */
    void item(String key, String text) {
        String before = values.get(key);
        values.put(key, before == null ? text : before + " " + text);
    }

    /** @return whether every byte of {@code v} is printable ASCII (strongSwan's chunk_printable) */
    static boolean printable(ViciValue v) {
        for (byte b : v.bytes()) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** @return the value, or null */
    String get(String key) {
        return values.get(key);
    }

    /** @return whether the key has a printable value */
    boolean has(String key) {
        return values.containsKey(key);
    }

    /** @return the value, or "(null)" as printf prints a missing one */
    String str(String key) {
        String v = values.get(key);
        return v == null ? "(null)" : v;
    }

    /** @return the value, or {@code dflt} */
    String or(String key, String dflt) {
        String v = values.get(key);
        return v == null ? dflt : v;
    }

    /** @return whether the value is {@code "yes"} */
    boolean yes(String key) {
        return "yes".equals(values.get(key));
    }
}
