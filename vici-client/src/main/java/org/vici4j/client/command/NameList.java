package org.vici4j.client.command;

import java.util.List;
import java.util.Objects;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * A list of names answered by {@code get-conns} ({@code conns}), {@code get-shared} and
 * {@code get-keys} ({@code keys}) or {@code get-authorities} ({@code authorities}).
 *
 * @param names the names in charon's order, empty if the list is absent
 * @param raw the response as received
 */
public record NameList(List<String> names, ViciSection raw) {

    public NameList {
        names = List.copyOf(names);
        Objects.requireNonNull(raw, "raw");
    }

    /** Reads the list {@code key} of {@code response}. */
    public static NameList from(ViciSection response, String key) {
        return new NameList(Fields.list(response, key), response);
    }

    /** @return whether {@code name} is in the list */
    public boolean contains(String name) {
        return names.contains(name);
    }
}
