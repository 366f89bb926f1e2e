package org.vici4j.controller.plan;

import java.util.Objects;

/**
 * One step of a {@link Plan}: what to send to charon, about which object, and why. Immutable.
 */
public sealed interface Action {

    /** @return why the step is needed, in words for people */
    String reason();

    /** @return the object the step is about: a connection, secret, pool or authority name, or {@code conn/child} */
    String target();

    /** @return a one-line description: verb, target and reason */
    default String describe() {
        return verb() + " " + target() + ": " + reason();
    }

    /** @return the verb, e.g. {@code load connection}, {@code initiate} */
    String verb();

    /** An action on an object charon loads by name (a connection, secret, pool or authority); its target is the name. */
    sealed interface OnObject extends Action permits Load, Unload {
        /** @return what the object is */
        ObjectKind kind();

        /** @return its name in the desired state */
        String name();

        @Override
        default String target() {
            return name();
        }

        /** @return {@code load} or {@code unload}, and the kind of object */
        @Override
        default String verb() {
            return (this instanceof Load ? "load " : "unload ") + kind().word();
        }

        /** Checks what every action on an object has. */
        private static void requireParts(ObjectKind kind, String name, String reason) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An action on a child of a connection; its target is {@code connection/child}. */
    sealed interface OnChild extends Action permits Initiate, InstallTrap, TerminateChild {
        /** @return the connection's name */
        String connection();

        /** @return the child's name */
        String child();

        @Override
        default String target() {
            return connection() + "/" + child();
        }

        /** @return {@code initiate}, {@code install trap} or {@code terminate} */
        @Override
        default String verb() {
            if (this instanceof Initiate) {
                return "initiate";
            }
            return this instanceof InstallTrap ? "install trap" : "terminate";
        }

        /** Checks what every action on a child has. */
        private static void requireParts(String connection, String child, String reason) {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(child, "child");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Load (or reload) an object with its desired configuration.
     *
     * @param kind what it is
     * @param name its name in the desired state
     * @param change what kind of load it is
     * @param reason why
     */
    record Load(ObjectKind kind, String name, Change change, String reason) implements OnObject {
        public Load {
            OnObject.requireParts(kind, name, reason);
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * Unload an object this owner loaded and the desired state no longer has. A connection's IKE_SAs are terminated
     * after it is unloaded (in this order, so that charon cannot restart it in between).
     *
     * @param kind what it is
     * @param name its name
     * @param id what to unload it by (the secret's id or key id; the name otherwise)
     * @param reason why
     */
    record Unload(ObjectKind kind, String name, String id, String reason) implements OnObject {
        public Unload {
            OnObject.requireParts(kind, name, reason);
            Objects.requireNonNull(id, "id");
        }
    }

    /** Establish a CHILD_SA of a child with {@code ensure: up} ({@code initiate}). */
    record Initiate(String connection, String child, String reason) implements OnChild {
        public Initiate {
            OnChild.requireParts(connection, child, reason);
        }
    }

    /** Install the trap policy of a child with {@code ensure: trap} ({@code install}). */
    record InstallTrap(String connection, String child, String reason) implements OnChild {
        public InstallTrap {
            OnChild.requireParts(connection, child, reason);
        }
    }

    /** Terminate a CHILD_SA of a child the desired connection no longer has. */
    record TerminateChild(String connection, String child, long uniqueId, String reason) implements OnChild {
        public TerminateChild {
            OnChild.requireParts(connection, child, reason);
        }

        @Override
        public String target() {
            return OnChild.super.target() + "{" + uniqueId + "}";
        }
    }

    /** What kind of load a {@link Load} is. */
    enum Change {
        /** charon does not have it */
        NEW,
        /** charon has one of that name that this owner did not load: loading replaces it */
        TAKE_OVER,
        /** this owner loaded it, but charon no longer has it (unloaded by someone, or charon restarted) */
        MISSING,
        /** the desired configuration differs from what this owner loaded */
        CHANGED,
        /** charon has it, but this owner does not know what it loaded (no record), or everything is re-applied */
        REFRESH
    }
}
