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

    /**
     * Load (or reload) an object with its desired configuration.
     *
     * @param kind what it is
     * @param name its name in the desired state
     * @param change what kind of load it is
     * @param reason why
     */
    record Load(ObjectKind kind, String name, Change change, String reason) implements Action {
        public Load {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String target() {
            return name;
        }

        @Override
        public String verb() {
            return "load " + kind.word();
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
    record Unload(ObjectKind kind, String name, String id, String reason) implements Action {
        public Unload {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String target() {
            return name;
        }

        @Override
        public String verb() {
            return "unload " + kind.word();
        }
    }

    /** Establish a CHILD_SA of a child with {@code ensure: up} ({@code initiate}). */
    record Initiate(String connection, String child, String reason) implements Action {
        public Initiate {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(child, "child");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String target() {
            return connection + "/" + child;
        }

        @Override
        public String verb() {
            return "initiate";
        }
    }

    /** Install the trap policy of a child with {@code ensure: trap} ({@code install}). */
    record InstallTrap(String connection, String child, String reason) implements Action {
        public InstallTrap {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(child, "child");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String target() {
            return connection + "/" + child;
        }

        @Override
        public String verb() {
            return "install trap";
        }
    }

    /** Terminate a CHILD_SA of a child the desired connection no longer has. */
    record TerminateChild(String connection, String child, long uniqueId, String reason) implements Action {
        public TerminateChild {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(child, "child");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String target() {
            return connection + "/" + child + "{" + uniqueId + "}";
        }

        @Override
        public String verb() {
            return "terminate";
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
