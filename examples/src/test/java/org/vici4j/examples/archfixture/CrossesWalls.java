package org.vici4j.examples.archfixture;

import java.util.Map;

import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.internal.AppliedConfig;
import org.vici4j.lab.CharonLab;

/** ArchitectureRulesTest: uses another module's internal package and the lab. */
final class CrossesWalls {

    private CrossesWalls() {
    }

    static Map<String, String> usesControllerInternals() {
        return AppliedConfig.flatten(ViciSection.empty());
    }

    static String usesTheLab(CharonLab lab) {
        return String.valueOf(lab);
    }
}
