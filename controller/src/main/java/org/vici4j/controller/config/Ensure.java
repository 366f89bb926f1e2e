package org.vici4j.controller.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What the controller keeps true for a child (the controller key {@code ensure}; never sent to
 * charon).
 */
public enum Ensure {
    /** The CHILD_SA is established; the controller initiates it and re-initiates it when it goes down. */
    UP,
    /** A trap policy is installed (the controller runs {@code install}); charon negotiates on traffic. */
    TRAP,
    /** The configuration is loaded and nothing more; charon's start_action/close_action/dpd_action decide. The default. */
    LOADED;

    /** @return the YAML word: up, trap, loaded */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the constant for a YAML word (case-insensitive) */
    public static Optional<Ensure> fromWord(String word) {
        for (Ensure e : values()) {
            if (e.word().equalsIgnoreCase(word)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
