package org.vici4j.controller;

import org.vici4j.controller.plan.PruneGuard;

/**
 * A new desired state was refused by the prune guard ({@link PruneGuard}): it would unload everything the controller
 * loaded, or more than {@code controller.maxPruneShare} of it. The previous desired state stays in force; the
 * refusal is logged (WARN) and shown in the status ({@link org.vici4j.controller.status.ControllerStatus#refusal()}).
 */
public final class PruneRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient PruneGuard.Verdict verdict;

    public PruneRefusedException(PruneGuard.Verdict verdict) {
        super("desired state refused: " + verdict.refusal() + "; the previous desired state stays in force (to allow"
                + " it, set controller.maxPruneShare in the new desired state, 1 allows anything, or build the"
                + " controller with allowMassPrune(true))");
        this.verdict = verdict;
    }

    /** @return what the guard found: the would-be unloads, the count owned, the share allowed and the reason */
    public PruneGuard.Verdict verdict() {
        return verdict;
    }

    /** @return why, in words for people (without the hint how to allow it) */
    public String reason() {
        return verdict.refusal();
    }
}
