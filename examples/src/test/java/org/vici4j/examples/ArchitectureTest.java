package org.vici4j.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The walls between vici4j's modules, checked on their compiled main classes (issue 12).
 *
 * <ul>
 *   <li>A public type outside an {@code internal} package exposes no type of an {@code internal} package: no public
 *       or protected field, constructor or method takes, returns or throws one (type arguments included), and none
 *       is its superclass or interface. What is internal can then change without breaking users.</li>
 *   <li>No module uses another module's {@code internal} packages (the cli neither {@code controller..internal}
 *       nor {@code client..internal}, the controller not {@code client..internal}); inside one module they are
 *       free to.</li>
 *   <li>The floors' arrows point down: cli and examples may use controller and vici-client, controller only
 *       vici-client, vici-client none of them; nothing uses cli or examples.</li>
 *   <li>No main code uses the lab, which exists for tests.</li>
 * </ul>
 *
 * <p>Why here: examples is the top floor, so its test class path holds the main classes of every other module
 * (lab, vici-client and controller through its dependencies, cli added test-scoped for this test alone). One test
 * over all of them states each rule once, and the cross-module rules need to see both sides of an arrow, which a
 * test in the lower module could not. Only main classes are checked ({@link MainClassesOnly}): tests may use the
 * lab and may reach into internals. {@link #seesEveryModule} fails if a module is missing from the class path, so
 * the rules cannot pass by seeing nothing.
 */
@AnalyzeClasses(packages = "org.vici4j", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

    /** vici4j's modules by the package their main classes live under. */
    static final Map<String, String> MODULES = Map.of(
            "org.vici4j.lab", "lab",
            "org.vici4j.client", "vici-client",
            "org.vici4j.controller", "controller",
            "org.vici4j.cli", "cli",
            "org.vici4j.examples", "examples");

    @ArchTest
    static void seesEveryModule(JavaClasses imported) {
        Set<String> seen = new TreeSet<>();
        for (JavaClass c : imported) {
            module(c).ifPresent(seen::add);
        }
        if (!seen.equals(new TreeSet<>(MODULES.values()))) {
            throw new AssertionError("ArchitectureTest sees main classes of " + seen + " only, expected "
                    + new TreeSet<>(MODULES.values()) + ": check examples/pom.xml's dependencies");
        }
        for (JavaClass c : imported) {
            if (module(c).isEmpty()) {
                throw new AssertionError(c.getName() + " is in no module's package " + MODULES.keySet()
                        + ": move it, or add its package to ArchitectureTest.MODULES");
            }
        }
    }

    @ArchTest
    static final ArchRule publicApiExposesNoInternalType = classes()
            .that().resideOutsideOfPackage("..internal..")
            .should(exposeNoInternalType())
            .because("what is internal must be free to change; move the type to a public package, or make the"
                    + " member package-private");

    @ArchTest
    static final ArchRule noModuleUsesAnotherModulesInternals = classes()
            .should(useNoOtherModulesInternals())
            .because("a module's internal packages are its own; use the other module's public API");

    @ArchTest
    static final ArchRule floorsPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("vici-client").definedBy("org.vici4j.client..")
            .layer("controller").definedBy("org.vici4j.controller..")
            .layer("cli").definedBy("org.vici4j.cli..")
            .layer("examples").definedBy("org.vici4j.examples..")
            .whereLayer("vici-client").mayOnlyBeAccessedByLayers("controller", "cli", "examples")
            .whereLayer("controller").mayOnlyBeAccessedByLayers("cli", "examples")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("examples").mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule noMainCodeUsesTheLab = noClasses()
            .that().resideOutsideOfPackage("org.vici4j.lab..")
            .should().dependOnClassesThat().resideInAPackage("org.vici4j.lab..")
            .because("the lab (charon daemons in network namespaces) is for tests only");

    /** @return the module of a class of vici4j, by its package; empty for other classes (the JDK, libraries) */
    static Optional<String> module(JavaClass c) {
        String pkg = c.getPackageName();
        for (Map.Entry<String, String> e : MODULES.entrySet()) {
            if (pkg.equals(e.getKey()) || pkg.startsWith(e.getKey() + ".")) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(JavaClass c) {
        String pkg = "." + c.getPackageName() + ".";
        return pkg.contains(".internal.");
    }

    /** Public, and so are all the classes it is nested in. */
    static boolean isVisible(JavaClass c) {
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (!k.get().getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    static boolean isVisible(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return !mods.contains(JavaModifier.SYNTHETIC) && !mods.contains(JavaModifier.BRIDGE)
                && (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED));
    }

    static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of an internal package in a public or protected member") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!isVisible(c) || module(c).isEmpty()) {
                    return;
                }
                List<String> leaks = new ArrayList<>();
                c.getSuperclass().ifPresent(t -> collect(leaks, "extends", t));
                c.getInterfaces().forEach(t -> collect(leaks, "implements", t));
                for (JavaField f : c.getFields()) {
                    if (isVisible(f)) {
                        collect(leaks, "field " + f.getName(), f.getType());
                    }
                }
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    if (!isVisible(u) || u instanceof JavaStaticInitializer) {
                        continue;
                    }
                    String where = u instanceof JavaConstructor
                            ? "constructor" : "method " + u.getName() + "(..)";
                    collect(leaks, where + " returns", u.getReturnType());
                    u.getParameterTypes().forEach(t -> collect(leaks, where + " takes", t));
                    u.getThrowsClause().getTypes().forEach(t -> collect(leaks, where + " throws", t));
                }
                for (String leak : new LinkedHashSet<>(leaks)) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + leak));
                }
            }
        };
    }

    private static void collect(List<String> leaks, String what, JavaType type) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (module(raw).isPresent() && isInternal(raw)) {
                leaks.add(what + " " + raw.getName());
            }
        }
    }

    static ArchCondition<JavaClass> useNoOtherModulesInternals() {
        return new ArchCondition<>("use no internal package of another module") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Optional<String> own = module(c);
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    Optional<String> theirs = module(target);
                    if (own.isPresent() && theirs.isPresent() && !own.equals(theirs) && isInternal(target)) {
                        events.add(SimpleConditionEvent.violated(d, own.get() + " uses " + theirs.get()
                                + "'s internal " + target.getName() + ": " + d.getDescription()));
                    }
                }
            }
        };
    }

    /**
     * Main classes only: test classes (in {@code test-classes} of any build directory, or a tests jar) may use the
     * lab and internals.
     */
    static final class MainClassesOnly implements ImportOption {
        private static final Pattern TESTS_JAR = Pattern.compile(".*-tests\\.jar.*");

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.matches(TESTS_JAR);
        }
    }
}
