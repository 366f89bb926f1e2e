package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;

class PeerActivityTest {

    private final PeerActivity peers = new PeerActivity(Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC));

    private static ViciSection ikeUpDown(String conn, boolean initiator, boolean established) {
        ViciSection.Builder ike = ViciSection.builder().add("uniqueid", "7").add("state", "ESTABLISHED")
                .add("remote-host", "192.0.2.2");
        if (initiator) {
            ike.add("initiator", "yes");
        }
        if (established) {
            ike.add("established", "0");
        }
        return ViciSection.builder().add("up", "yes").add(conn, ike.build()).build();
    }

    @Test
    void anIkeSaThisSideInitiatedComingUpDoesNotCutItsOwnConnectionsWaitShort() {
        peers.waiting("192.0.2.2", "net", true);
        peers.waiting("192.0.2.2", "other", true);

        assertThat(peers.ikeUpDown(ikeUpDown("net", true, true), true))
                .as("net's own attempt brought the IKE_SA up; the other connection to the peer may go now")
                .containsExactly("other");
        assertThat(peers.recentlyUp("192.0.2.2")).isTrue();
    }

    @Test
    void anIkeSaThePeerInitiatedComingUpCutsEveryWaitToItShort() {
        peers.waiting("192.0.2.2", "net", true);
        peers.waiting("192.0.2.2", "other", true);

        assertThat(peers.ikeUpDown(ikeUpDown("net", false, true), true)).containsExactlyInAnyOrder("net", "other");
    }

    @Test
    void anEstablishedIkeSaGoingDownCutsShortOncePerSpacingAndANeverEstablishedOneNever() {
        peers.waiting("192.0.2.2", "net", true);
        ViciSection down = ViciSection.builder().add("net", ViciSection.builder().add("remote-host", "192.0.2.2")
                .add("initiator", "yes").add("established", "12").build()).build();
        ViciSection neverUp = ViciSection.builder().add("net", ViciSection.builder().add("remote-host", "192.0.2.2")
                .add("initiator", "yes").build()).build();

        assertThat(peers.ikeUpDown(neverUp, false)).isEmpty();
        assertThat(peers.ikeUpDown(down, false)).containsExactly("net");
        assertThat(peers.ikeUpDown(down, false)).as("within CUT_SHORT_SPACING").isEmpty();
    }
}
