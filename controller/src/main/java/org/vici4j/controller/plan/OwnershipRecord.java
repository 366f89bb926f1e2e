package org.vici4j.controller.plan;

import java.nio.file.Path;

import org.vici4j.controller.internal.OwnershipStore;

/** Reads the ownership record a controller or {@code vici apply} keeps (see docs/controller.md, "Ownership"). */
public final class OwnershipRecord {

    private OwnershipRecord() {
    }

    /**
     * Reads the record in {@code file} (an absent file is an empty record).
     *
     * @throws IllegalStateException if the file is not an ownership record of {@code owner}
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public static Ownership read(Path file, String owner) {
        return OwnershipStore.open(file, owner);
    }
}
