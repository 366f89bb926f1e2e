package org.vici4j.controller.testing;

import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

/**
 * IKE_SA and CHILD_SA sections as real charon 5.9.8 sends them (taken from the captured streams under
 * reference/charon-5.9.8), with only the connection name, unique ids, states and children changed; and the events
 * charon builds from them ({@code vici_query.c}), for the event kinds the captures do not contain.
 */
public final class ReferenceSections {

    private ReferenceSections() {
    }

    /** A CHILD_SA: configuration name, unique id, state. */
    public record Child(String name, long uniqueId, String state) {
    }

    public static Child child(String name, long uniqueId, String state) {
        return new Child(name, uniqueId, state);
    }

    public static Child installed(String name, long uniqueId) {
        return new Child(name, uniqueId, "INSTALLED");
    }

    /** The message of the captured child-updown (up) of the child-installed scenario, initiator side. */
    public static ViciSection capturedChildUp() {
        for (ReferenceStreams.Event e : ReferenceStreams.events("child-installed/initiator-events.jsonl")) {
            if ("child-updown".equals(e.name())) {
                return e.message();
            }
        }
        throw new IllegalStateException("no child-updown in the reference stream");
    }

    /** The IKE_SA section (with CHILD_SA net-1) of {@link #capturedChildUp()}. */
    public static ViciSection capturedIke() {
        return capturedChildUp().section("net").orElseThrow();
    }

    /** The CHILD_SA section net-1 of {@link #capturedChildUp()}. */
    public static ViciSection capturedChild() {
        return capturedIke().section("child-sas").orElseThrow().section("net-1").orElseThrow();
    }

    /** The captured IKE_SA section with this id and state, and exactly these CHILD_SAs (no child-sas if none). */
    public static ViciSection ike(long uniqueId, String state, Child... children) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, ViciItem> e : capturedIke().entries()) {
            switch (e.getKey()) {
                case "uniqueid" -> b.add("uniqueid", uniqueId);
                case "state" -> b.add("state", state);
                case "child-sas" -> {
                    if (children.length > 0) {
                        b.beginSection("child-sas");
                        for (Child c : children) {
                            b.addSection(c.name() + "-" + c.uniqueId(), child(c));
                        }
                        b.endSection();
                    }
                }
                default -> b.add(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    /** The captured CHILD_SA section with this name, id (also as reqid) and state. */
    public static ViciSection child(Child c) {
        return replace(capturedChild(), Map.of("name", c.name(), "uniqueid", Long.toString(c.uniqueId()),
                "reqid", Long.toString(c.uniqueId()), "state", c.state()));
    }

    /** {@code s} with the values of some keys replaced (order kept). */
    public static ViciSection replace(ViciSection s, Map<String, String> values) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            String v = values.get(e.getKey());
            if (v != null) {
                b.add(e.getKey(), v);
            } else {
                b.add(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    // ------------------------------------------------------------------ events as vici_query.c builds them

    /** {@code ike-updown}: {@code up = yes} only when up, then the IKE_SA's section (charon sends no child-sas). */
    public static ViciSection ikeUpdown(String conn, boolean up, long ikeId, String state) {
        ViciSection.Builder b = ViciSection.builder();
        if (up) {
            b.add("up", "yes");
        }
        return b.addSection(conn, ike(ikeId, state)).build();
    }

    /** {@code child-updown}: the IKE_SA's section with the one CHILD_SA the event is about. */
    public static ViciSection childUpdown(String conn, boolean up, long ikeId, Child c) {
        ViciSection.Builder b = ViciSection.builder();
        if (up) {
            b.add("up", "yes");
        }
        return b.addSection(conn, ike(ikeId, "ESTABLISHED", c)).build();
    }

    /** {@code ike-rekey}: {@code <name> {old {...} new {...}}}. */
    public static ViciSection ikeRekey(String conn, long oldId, long newId) {
        return ViciSection.builder().beginSection(conn).addSection("old", ike(oldId, "REKEYING"))
                .addSection("new", ike(newId, "ESTABLISHED")).endSection().build();
    }

    /**
     * {@code child-rekey}: the IKE_SA's section whose {@code child-sas} holds one section for the rekeyed CHILD_SA
     * (named like child-updown's, {@code <name>-<uniqueid>} of the old one) with {@code old} and {@code new} in it.
     */
    public static ViciSection childRekey(String conn, long ikeId, Child old, Child neu) {
        ViciSection.Builder b = ViciSection.builder().beginSection(conn);
        for (Map.Entry<String, ViciItem> e : ike(ikeId, "ESTABLISHED").entries()) {
            b.add(e.getKey(), e.getValue());
        }
        return b.beginSection("child-sas").beginSection(old.name() + "-" + old.uniqueId()).addSection("old",
                child(old)).addSection("new", child(neu)).endSection().endSection().endSection().build();
    }
}
