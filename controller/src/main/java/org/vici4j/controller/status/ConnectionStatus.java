package org.vici4j.controller.status;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status of one desired connection.
 *
 * @param name connection name
 * @param children its children in configuration order
 */
public record ConnectionStatus(String name, List<ChildStatus> children) {

    public ConnectionStatus {
        Objects.requireNonNull(name, "name");
        children = List.copyOf(children);
    }

    public Optional<ChildStatus> child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }
}
