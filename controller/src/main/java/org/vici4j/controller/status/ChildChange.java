package org.vici4j.controller.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A child as one status update saw it, beside what the update before said of it: what a status listener compares
 * to report changes.
 *
 * @param key {@code connection/child}
 * @param before the child in the previous status, null if it was not there
 * @param now the child in the current status
 */
public record ChildChange(String key, ChildStatus before, ChildStatus now) {

    public ChildChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
    }

    /** @return one change per child of {@code current}, in its order, each with the child of {@code previous} */
    public static List<ChildChange> between(ControllerStatus previous, ControllerStatus current) {
        Map<String, ChildStatus> before = new HashMap<>();
        for (ConnectionStatus c : previous.connections()) {
            c.children().forEach(ch -> before.put(c.name() + "/" + ch.name(), ch));
        }
        List<ChildChange> out = new ArrayList<>();
        for (ConnectionStatus c : current.connections()) {
            for (ChildStatus ch : c.children()) {
                String key = c.name() + "/" + ch.name();
                out.add(new ChildChange(key, before.get(key), ch));
            }
        }
        return out;
    }

    /** @return whether the child has a failure the previous status did not have */
    public boolean newFailure() {
        return now.lastFailure() != null && (before == null || !Objects.equals(before.lastFailure(), now.lastFailure()));
    }

    /** @return whether the child is new, or its state changed */
    public boolean stateChanged() {
        return before == null || before.state() != now.state();
    }
}
