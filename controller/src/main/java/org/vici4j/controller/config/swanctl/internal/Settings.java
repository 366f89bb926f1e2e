package org.vici4j.controller.config.swanctl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vici4j.controller.config.internal.YamlTree.Location;

/**
 * A section of strongSwan's settings syntax as read from one or more files: its key/value pairs and
 * subsections in the order first written, each with where it was written. A section written twice is
 * merged (later values win); a key written with an empty value ({@code key =}) is kept as cleared, so
 * that it hides a value inherited from a referenced section.
 */
public final class Settings {

    /** One {@code key = value}; {@code value} is null for {@code key =} (cleared). */
    public record KeyValue(String key, String value, Location keyLocation, Location valueLocation) {
    }

    /** A reference {@code name : other.section}, resolved after parsing. */
    record Reference(String path, Location location) {
    }

    private final String name;
    private final Location location;
    private final Map<String, KeyValue> values = new LinkedHashMap<>();
    private final Map<String, Settings> sections = new LinkedHashMap<>();
    final List<Reference> references = new ArrayList<>();

    Settings(String name, Location location) {
        this.name = name;
        this.location = location;
    }

    public String name() {
        return name;
    }

    /** @return where the section was first opened */
    public Location location() {
        return location;
    }

    /** @return the key/value pairs that have a value, in order */
    public List<KeyValue> values() {
        return values.values().stream().filter(v -> v.value() != null).toList();
    }

    /** @return the value of a key, null if absent or cleared */
    public KeyValue value(String key) {
        KeyValue v = values.get(key);
        return v == null || v.value() == null ? null : v;
    }

    /** @return the subsections in order */
    public List<Settings> sections() {
        return List.copyOf(sections.values());
    }

    public Settings section(String sectionName) {
        return sections.get(sectionName);
    }

    void put(KeyValue kv) {
        values.put(kv.key(), kv); // a later value wins and keeps the key's first position
    }

    Settings open(String sectionName, Location at) {
        return sections.computeIfAbsent(sectionName, n -> new Settings(n, at));
    }

    /** Adds what {@code other} has and this section has not (inherited values come after the own ones). */
    void inherit(Settings other) {
        for (KeyValue kv : other.values.values()) {
            values.putIfAbsent(kv.key(), kv);
        }
        for (Settings s : other.sections.values()) {
            Settings own = sections.get(s.name);
            if (own == null) {
                sections.put(s.name, s.copy());
            } else {
                own.inherit(s);
            }
        }
    }

    private Settings copy() {
        Settings c = new Settings(name, location);
        c.values.putAll(values);
        sections.forEach((n, s) -> c.sections.put(n, s.copy()));
        return c;
    }
}
