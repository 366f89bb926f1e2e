package org.vici4j.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.internal.OwnershipStore;

class PruneGuardTest {

    static String conn(String name) {
        return """
                  %s:
                    remote_addrs: 192.0.2.2
                    local: {auth: psk, id: a}
                    remote: {auth: psk, id: b}
                    children:
                      %s: {remote_ts: 198.18.4.0/22}
                """.formatted(name, name);
    }

    static DesiredState withController(String controller, String... names) {
        StringBuilder sb = new StringBuilder(controller);
        if (names.length > 0) {
            sb.append("connections:\n");
        }
        for (String n : names) {
            sb.append(conn(n));
        }
        return DesiredStateLoader.parse(sb.toString(), "test.yaml");
    }

    static DesiredState state(String... names) {
        return withController("", names);
    }

    static OwnershipStore owning(String... names) {
        OwnershipStore s = OwnershipStore.inMemory("vici4j");
        s.addAll(OwnershipStore.Kind.CONNECTIONS, List.of(names));
        return s;
    }

    static String[] names(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "c" + i).toArray(String[]::new);
    }

    @Test
    void unloadingNothingOrLittleIsAllowed() {
        assertThat(PruneGuard.check(state("a", "b"), owning("a", "b")).refused()).isFalse();
        assertThat(PruneGuard.check(state("a", "b", "new"), owning("a", "b")).refused()).isFalse();
        PruneGuard.Verdict v = PruneGuard.check(state(names(10)), owning(names(12)));
        assertThat(v.refused()).isFalse();
        assertThat(v.unloads()).extracting(Action.Unload::name).containsExactly("c11", "c12");
        assertThat(PruneGuard.check(DesiredState.empty(), OwnershipStore.inMemory("vici4j")).refused()).isFalse();
    }

    @Test
    void unloadingEverythingIsRefusedWhateverTheCount() {
        PruneGuard.Verdict v = PruneGuard.check(DesiredState.empty(), owning("only"));
        assertThat(v.refused()).isTrue();
        assertThat(v.refusal()).isEqualTo("it would unload everything this controller loaded (1 object: connection"
                + " only) and keep none of it");
        OwnershipStore own = owning("a", "b");
        own.putSecret("ike-ab", "load-shared:ike-ab");
        own.add(OwnershipStore.Kind.POOLS, "p");
        // a file that names other things only (the wrong file) keeps none of it either
        assertThat(PruneGuard.check(state("x", "y"), own).refusal())
                .isEqualTo("it would unload everything this controller loaded (4 objects: connections a, b; secret"
                        + " ike-ab; pool p) and keep none of it");
    }

    @Test
    void moreThanTheShareIsRefusedOnlyAboveAFewObjects() {
        // 3 of 4: a few objects may all change but one
        assertThat(PruneGuard.check(state("c4"), owning(names(4))).refused()).isFalse();
        // 3 of 5 (60%) is more than half
        PruneGuard.Verdict v = PruneGuard.check(state("c4", "c5"), owning(names(5)));
        assertThat(v.refusal()).isEqualTo("it would unload 3 of the 5 objects this controller loaded (60%, more than"
                + " controller.maxPruneShare 50%): connections c1, c2, c3");
        // exactly half is allowed
        assertThat(PruneGuard.check(state(names(5)), owning(names(10))).refused()).isFalse();
        assertThat(PruneGuard.check(state(names(4)), owning(names(10))).refused()).isTrue();
    }

    @Test
    void theShareComesFromTheNewDesiredStateAndAHundredPercentTurnsTheGuardOff() {
        assertThat(PruneGuard.check(withController("controller:\n  maxPruneShare: 80%\n", "c1", "c2"), owning(names(10)))
                .refused()).isFalse();
        assertThat(PruneGuard.check(withController("controller:\n  maxPruneShare: 10%\n", names(8)), owning(names(10)))
                .refusal()).contains("(20%, more than controller.maxPruneShare 10%)");
        DesiredState all = withController("controller:\n  maxPruneShare: 100%\n");
        assertThat(PruneGuard.check(all, owning(names(30))).refused()).isFalse();
        assertThat(PruneGuard.check(DesiredState.empty(), OwnershipStore.inMemory("vici4j")).refused()).isFalse();
    }

    @Test
    void longListsAreCut() {
        PruneGuard.Verdict v = PruneGuard.check(DesiredState.empty(), owning(names(25)));
        assertThat(v.refusal()).contains("(25 objects: connections c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 and 15 more)");
        assertThat(PruneGuard.percent(0.625)).isEqualTo("62.5%");
        assertThat(PruneGuard.percent(1.0 / 3)).isEqualTo("33.3%");
    }
}
