package org.vici4j.controller.status;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose constants have a wire name: the lower-case, dash-separated form of the constant's name
 * ({@code INSTALL_CHILD_SA_FAILED} is {@code install-child-sa-failed}), as written in status JSON, metrics and
 * logs. Implementing enums only list their constants; {@link #lookup} reads a wire name back.
 */
public interface WireName {

    /** @return the constant's enum name; an enum implements this already */
    String name();

    /** @return the name used in status JSON, e.g. {@code install-child-sa-failed} */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the constant of {@code type} whose wire name is {@code wireName}, if any */
    static <E extends Enum<E> & WireName> Optional<E> lookup(Class<E> type, String wireName) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(wireName)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
