package org.vici4j.controller.status;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of everything the controller reports; written as JSON to the status file (see docs/controller.md).
 *
 * @param charon reachability of charon
 * @param connections the desired connections in configuration order
 * @param refused the latest desired state that was refused (the previous one stays in force), null if the latest
 *     update was accepted
 */
public record ControllerStatus(CharonStatus charon, List<ConnectionStatus> connections, DesiredStateRefusal refused) {

    public ControllerStatus {
        Objects.requireNonNull(charon, "charon");
        connections = List.copyOf(connections);
    }

    /** A status without a refused desired state. */
    public ControllerStatus(CharonStatus charon, List<ConnectionStatus> connections) {
        this(charon, connections, null);
    }

    public static ControllerStatus initial() {
        return new ControllerStatus(new CharonStatus(false, null), List.of());
    }

    public Optional<ConnectionStatus> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return the status of a child, if that connection and child are desired */
    public Optional<ChildStatus> child(String connection, String child) {
        return connection(connection).flatMap(c -> c.child(child));
    }

    /** @return the latest refused desired state, if the latest update was refused */
    public Optional<DesiredStateRefusal> refusal() {
        return Optional.ofNullable(refused);
    }
}
