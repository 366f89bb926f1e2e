package org.vici4j.examples.archfixture;

import java.util.List;
import java.util.Optional;

import org.vici4j.examples.archfixture.internal.Hidden;

/** ArchitectureRulesTest: a public type that exposes an internal one in each way the rule knows. */
public class Leaky extends Hidden {

    public Hidden field;

    public Leaky(Hidden h) {
        field = h;
    }

    public Optional<Hidden> returnsIt() {
        return Optional.ofNullable(field);
    }

    protected void takesIt(List<? extends Hidden> all) {
        field = all.get(0);
    }

    /** Package-private: not exposed, allowed. */
    Hidden packagePrivateIsFine() {
        return field;
    }

    /** Private use inside a method body: allowed. */
    public String privateUseIsFine() {
        return new Hidden().toString();
    }
}
