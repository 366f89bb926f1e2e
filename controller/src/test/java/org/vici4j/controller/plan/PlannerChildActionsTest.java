package org.vici4j.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.plan.PlanFixtures.child;
import static org.vici4j.controller.plan.PlanFixtures.conn;
import static org.vici4j.controller.plan.PlanFixtures.connection;
import static org.vici4j.controller.plan.PlanFixtures.connections;
import static org.vici4j.controller.plan.PlanFixtures.ike;
import static org.vici4j.controller.plan.PlanFixtures.installed;
import static org.vici4j.controller.plan.PlanFixtures.listed;
import static org.vici4j.controller.plan.PlanFixtures.loaded;
import static org.vici4j.controller.plan.PlanFixtures.owner;
import static org.vici4j.controller.plan.PlanFixtures.owns;
import static org.vici4j.controller.plan.PlanFixtures.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.testing.ReferenceStreams;

/**
 * {@link Planner#childActions}: for each {@code ensure} value ({@link Ensure} has exactly up, trap and loaded)
 * against what charon has of the connection: no IKE_SA, an IKE_SA without the CHILD_SA, the CHILD_SA installed, a
 * trap policy, CHILD_SAs in other states, children no longer desired, children of other connections.
 */
class PlannerChildActionsTest {

    private static ConnectionConfig net(String ensure) {
        return connection(connections(conn("net", ensure)), "net");
    }

    private static ObservedConnection with(ConnectionConfig c, List<IkeSa> sas, Set<String> traps) {
        return new ObservedConnection(c.name(), Optional.of(listed(c)), sas, traps);
    }

    @Test
    void ensureHasExactlyUpTrapAndLoaded() {
        // the table below covers every value; a new one needs its own rows
        assertThat(Ensure.values()).containsExactly(Ensure.UP, Ensure.TRAP, Ensure.LOADED);
    }

    // ------------------------------------------------------------------ up

    @Test
    void upWithoutAnyIkeSaIsInitiated() {
        ConnectionConfig c = net("up");
        List<Action> a = Planner.childActions(c, loaded(c));
        assertThat(a).containsExactly(new Action.Initiate("net", "net", "no IKE_SA established"));
        assertThat(a.get(0).describe()).isEqualTo("initiate net/net: no IKE_SA established");
        // also when charon does not have the connection yet (it is about to be loaded)
        assertThat(Planner.childActions(c, ObservedConnection.absent("net"))).containsExactly(
                new Action.Initiate("net", "net", "no IKE_SA established"));
    }

    @Test
    void upWithAnEstablishedIkeSaButNoChildSaIsInitiatedSayingSo() {
        // as in reference responder-install-failure (initiator side): the IKE_SA came up, the CHILD_SA did not
        ConnectionConfig c = net("up");
        IkeSa established = null;
        for (ReferenceStreams.Event e : ReferenceStreams.events("responder-install-failure/initiator-events.jsonl")) {
            if ("ike-updown".equals(e.name())) {
                established = IkeSa.fromEvent(e.message()).get(0);
            }
        }
        assertThat(established).isNotNull();
        assertThat(established.isEstablished()).isTrue();
        assertThat(Planner.childActions(c, with(c, List.of(established), Set.of()))).containsExactly(
                new Action.Initiate("net", "net", "no INSTALLED CHILD_SA (its IKE_SA is established)"));
    }

    @Test
    void upWithAConnectingIkeSaOnlyIsPlannedAsNoIkeSaEstablished() {
        // the plan does not know about attempts under way; the connection's worker holds back while CONNECTING
        ConnectionConfig c = net("up");
        assertThat(Planner.childActions(c, with(c, List.of(ike("net", 1, "CONNECTING")), Set.of())))
                .containsExactly(new Action.Initiate("net", "net", "no IKE_SA established"));
    }

    @Test
    void upInstalledNeedsNothing() {
        ConnectionConfig c = net("up");
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", installed("net", 1))))).isEmpty();
    }

    @Test
    void upInstalledAsCapturedFromRealCharonNeedsNothing() {
        ConnectionConfig c = net("up");
        IkeSa fromEvent = null;
        for (ReferenceStreams.Event e : ReferenceStreams.events("child-installed/initiator-events.jsonl")) {
            if ("child-updown".equals(e.name())) {
                fromEvent = IkeSa.fromEvent(e.message()).get(0);
            }
        }
        assertThat(Planner.childActions(c, with(c, List.of(fromEvent), Set.of()))).isEmpty();
    }

    @Test
    void upInstalledInASecondIkeSaNeedsNothing() {
        // e.g. during a make-before-break reauthentication: two IKE_SAs of the name, the CHILD_SA on the new one
        ConnectionConfig c = net("up");
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED"), ike("net", 2, "ESTABLISHED",
                installed("net", 9))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATED", "ROUTED", "INSTALLING", "UPDATING", "REKEYING", "REKEYED", "DELETING",
        "DELETED", "DESTROYING"})
    void upWithTheChildSaInAnyOtherStateIsInitiated(String childState) {
        ConnectionConfig c = net("up");
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", child("net", 4, childState)))))
                .containsExactly(new Action.Initiate("net", "net", "no INSTALLED CHILD_SA (its IKE_SA is established)"));
    }

    @Test
    void upWithOnlyATrapPolicyIsStillInitiated() {
        ConnectionConfig c = net("up");
        assertThat(Planner.childActions(c, with(c, List.of(), Set.of("net")))).containsExactly(
                new Action.Initiate("net", "net", "no IKE_SA established"));
    }

    // ------------------------------------------------------------------ trap

    @Test
    void trapWithoutItsPolicyIsInstalled() {
        ConnectionConfig c = net("trap");
        List<Action> a = Planner.childActions(c, loaded(c));
        assertThat(a).containsExactly(new Action.InstallTrap("net", "net", "no trap policy installed"));
        assertThat(a.get(0).describe()).isEqualTo("install trap net/net: no trap policy installed");
        // an established IKE_SA without the CHILD_SA changes nothing
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED")))).containsExactly(
                new Action.InstallTrap("net", "net", "no trap policy installed"));
    }

    @Test
    void trapWithItsPolicyInstalledNeedsNothing() {
        ConnectionConfig c = net("trap");
        assertThat(Planner.childActions(c, with(c, List.of(), Set.of("net")))).isEmpty();
    }

    @Test
    void trapWhoseChildSaIsInstalledNeedsNothing() {
        // traffic hit the trap and charon negotiated the CHILD_SA; the trap list does not matter then
        ConnectionConfig c = net("trap");
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", installed("net", 2))))).isEmpty();
    }

    @Test
    void trapOfAnotherChildDoesNotCount() {
        ConnectionConfig c = net("trap");
        assertThat(Planner.childActions(c, with(c, List.of(), Set.of("other")))).containsExactly(
                new Action.InstallTrap("net", "net", "no trap policy installed"));
    }

    // ------------------------------------------------------------------ loaded

    @Test
    void loadedNeverInitiatesNorInstalls() {
        ConnectionConfig c = net("loaded");
        assertThat(Planner.childActions(c, ObservedConnection.absent("net"))).isEmpty();
        assertThat(Planner.childActions(c, loaded(c))).isEmpty();
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED")))).isEmpty();
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", installed("net", 1))))).isEmpty();
        assertThat(Planner.childActions(c, with(c, List.of(), Set.of("net")))).isEmpty();
    }

    // ------------------------------------------------------------------ children no longer desired

    @Test
    void installedChildSaOfAChildNoLongerDesiredIsTerminatedByItsUniqueId() {
        ConnectionConfig c = net("loaded");
        List<Action> a = Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", installed("net", 1),
                installed("old", 7))));
        assertThat(a).containsExactly(new Action.TerminateChild("net", "old", 7, "child no longer desired"));
        assertThat(a.get(0).target()).isEqualTo("net/old{7}");
        assertThat(a.get(0).describe()).isEqualTo("terminate net/old{7}: child no longer desired");
    }

    @Test
    void everyInstalledChildSaOfAnUndesiredChildIsTerminatedAcrossIkeSas() {
        ConnectionConfig c = net("loaded");
        List<Action> a = Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", installed("old", 3)),
                ike("net", 2, "ESTABLISHED", installed("old", 4), installed("older", 5))));
        assertThat(a).containsExactly(new Action.TerminateChild("net", "old", 3, "child no longer desired"),
                new Action.TerminateChild("net", "old", 4, "child no longer desired"),
                new Action.TerminateChild("net", "older", 5, "child no longer desired"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATED", "REKEYED", "DELETING", "DELETED"})
    void undesiredChildSasThatAreNotInstalledAreLeftAlone(String childState) {
        ConnectionConfig c = net("loaded");
        assertThat(Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", child("old", 3, childState)))))
                .isEmpty();
    }

    @Test
    void terminationsComeBeforeTheDesiredChildrensSteps() {
        DesiredState d = connections(conn("net", "192.0.2.2", Map.of("a", "up", "b", "trap", "c", "loaded")));
        ConnectionConfig c = connection(d, "net");
        List<Action> a = Planner.childActions(c, loaded(c, ike("net", 1, "ESTABLISHED", installed("zz", 8))));
        assertThat(a).containsExactly(new Action.TerminateChild("net", "zz", 8, "child no longer desired"),
                new Action.Initiate("net", "a", "no INSTALLED CHILD_SA (its IKE_SA is established)"),
                new Action.InstallTrap("net", "b", "no trap policy installed"));
    }

    // ------------------------------------------------------------------ other connections

    @Test
    void aChildOfAnotherConnectionIsNeitherCountedNorTerminated() {
        // charon has IKE_SA 'other' with a CHILD_SA named 'net' installed and a trap of 'net' under 'other'
        DesiredState d = connections(conn("net", "up"), conn("t", "trap"));
        ConnectionConfig net = connection(d, "net");
        ConnectionConfig t = connection(d, "t");
        ObservedConnection other = new ObservedConnection("other", Optional.of(PlanFixtures.listedWithChildren("net",
                "t")), List.of(ike("other", 1, "ESTABLISHED", installed("net", 1), installed("t", 2))),
                Set.of("net", "t"));
        ObservedState o = state(loaded(net), loaded(t), other);
        Plan p = Planner.plan(d, o, owns(owns(owner(), net), t));
        assertThat(p.actions()).containsExactly(new Action.InstallTrap("t", "t", "no trap policy installed"),
                new Action.Initiate("net", "net", "no IKE_SA established"));
        assertThat(p.actions(Action.TerminateChild.class)).isEmpty();
    }

    @Test
    void childrenOfAConnectionNoLongerDesiredAreNotTerminatedOneByOne() {
        // the connection is unloaded (and its IKE_SAs terminated) as a whole instead
        DesiredState d = connections(conn("keep", "loaded"));
        ConnectionConfig keep = connection(d, "keep");
        ConnectionConfig gone = connection(connections(conn("gone", "up")), "gone");
        ObservedState o = state(loaded(keep), loaded(gone, ike("gone", 1, "ESTABLISHED", installed("gone", 1))));
        Plan p = Planner.plan(d, o, owns(owns(owner(), keep), gone));
        assertThat(p.actions()).containsExactly(new Action.Unload(ObjectKind.CONNECTION, "gone", "gone",
                "no longer desired"));
    }

    @Test
    void childActionsDoNotDependOnOwnership() {
        // a connection taken over from swanctl gets its children's steps in the same plan as its load
        ConnectionConfig c = net("up");
        Plan p = Planner.plan(connections(conn("net", "up")), state(loaded(c)), owner());
        assertThat(p.actions()).containsExactly(
                new Action.Load(ObjectKind.CONNECTION, "net", Action.Change.TAKE_OVER,
                        "loaded in charon by someone else (swanctl?); loading replaces it and takes it over"),
                new Action.Initiate("net", "net", "no IKE_SA established"));
    }
}
