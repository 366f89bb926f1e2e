package org.vici4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.vici4j.cli.ExitCode;
import org.vici4j.controller.plan.Plan;

/**
 * {@link ArchitectureTest}'s rules catch what they are meant to: each is run on fixture classes (test classes, which
 * {@link ArchitectureTest} itself does not import) that break it, and must name the offending member.
 */
class ArchitectureRulesTest {

    /** The fixtures, and one real class of each floor they point at (a floor with no class fails the layering). */
    static final JavaClasses FIXTURES = new ClassFileImporter().importLocations(Stream.of(
                    Locations.ofPackage("org.vici4j.examples.archfixture"),
                    Locations.ofPackage("org.vici4j.client.archfixture"),
                    Locations.ofClass(Plan.class), Locations.ofClass(ExitCode.class))
            .flatMap(Set::stream).toList());

    static String violations(ArchRule rule) {
        EvaluationResult r = rule.evaluate(FIXTURES);
        assertThat(r.hasViolation()).as("rule %s finds a violation in the fixtures", rule.getDescription()).isTrue();
        return String.join("\n", r.getFailureReport().getDetails());
    }

    @Test
    void aPublicMemberThatTakesReturnsOrInheritsAnInternalTypeIsReported() {
        String v = violations(ArchitectureTest.publicApiExposesNoInternalType);
        String hidden = "org.vici4j.examples.archfixture.internal.Hidden";
        assertThat(v).contains("Leaky: extends " + hidden, "Leaky: field field " + hidden,
                "Leaky: constructor takes " + hidden, "Leaky: method returnsIt(..) returns " + hidden,
                "Leaky: method takesIt(..) takes " + hidden)
                .doesNotContain("packagePrivateIsFine", "privateUseIsFine", "CrossesWalls", "PointsUp", "Plan:");
    }

    @Test
    void aModuleUsingAnotherModulesInternalsIsReported() {
        assertThat(violations(ArchitectureTest.noModuleUsesAnotherModulesInternals))
                .contains("examples uses controller's internal org.vici4j.controller.internal.AppliedConfig")
                .contains("CrossesWalls.usesControllerInternals")
                // the fixture's own internal package is the same module's: allowed
                .doesNotContain("Leaky");
    }

    @Test
    void aLowerFloorUsingAHigherOneIsReported() {
        assertThat(violations(ArchitectureTest.floorsPointDown))
                .contains("PointsUp.usesTheController").contains("org.vici4j.controller.plan.Plan");
    }

    @Test
    void mainCodeUsingTheLabIsReported() {
        assertThat(violations(ArchitectureTest.noMainCodeUsesTheLab))
                .contains("CrossesWalls.usesTheLab").contains("org.vici4j.lab.CharonLab");
    }

    @Test
    void testClassesAreLeftOutOfTheMainImport() {
        ArchitectureTest.MainClassesOnly option = new ArchitectureTest.MainClassesOnly();
        assertThat(new ClassFileImporter().withImportOption(option).importPackages("org.vici4j.examples.archfixture"))
                .isEmpty();
        assertThat(new ClassFileImporter().withImportOption(option).importPackages("org.vici4j.examples"))
                .anyMatch(c -> c.getName().equals(EmbeddedController.class.getName()));
    }
}
