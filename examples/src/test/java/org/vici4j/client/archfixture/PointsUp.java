package org.vici4j.client.archfixture;

import org.vici4j.controller.plan.Plan;

/** ArchitectureRulesTest: a class in vici-client's packages that uses the controller (a floor above). */
final class PointsUp {

    private PointsUp() {
    }

    static boolean usesTheController(Plan plan) {
        return plan.isEmpty();
    }
}
