package org.vici4j.controller.plan;

import java.util.List;
import java.util.Objects;

/**
 * What to send to charon to make it match a desired state: an ordered, immutable list of {@link Action}s, each
 * with its reason, computed without I/O by {@link Planner}. Order: connections to load, secrets, pools and
 * authorities to load, CHILD_SAs of children no longer desired to terminate, trap policies to install, children to
 * initiate, then what to unload (connections first).
 *
 * @param actions the steps, in order
 */
public record Plan(List<Action> actions) {

    public Plan {
        actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    }

    /** @return whether charon already matches the desired state */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** @return the steps of one type, in order */
    public <T extends Action> List<T> actions(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** @return the loads of one kind of object, in order */
    public List<Action.Load> loads(ObjectKind kind) {
        return actions(Action.Load.class).stream().filter(l -> l.kind() == kind).toList();
    }

    /** @return the unloads of one kind of object, in order */
    public List<Action.Unload> unloads(ObjectKind kind) {
        return actions(Action.Unload.class).stream().filter(l -> l.kind() == kind).toList();
    }

    /** @return one line per step */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        actions.forEach(a -> sb.append(a.describe()).append('\n'));
        return sb.toString();
    }
}
