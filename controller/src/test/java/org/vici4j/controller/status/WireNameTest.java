package org.vici4j.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;

/** Every wire-name enum reads back each of its names, writes them in status JSON's form, and knows no other. */
class WireNameTest {

    @Test
    void namesAreLowerCaseWithDashesAndReadBack() {
        assertThat(ChildState.INSTALLED.wireName()).isEqualTo("installed");
        assertThat(CharonStatus.State.UNRESPONSIVE).hasToString("unresponsive");
        assertThat(FailureClass.INSTALL_CHILD_POLICY_FAILED.wireName()).isEqualTo("install-child-policy-failed");
        assertThat(Side.PEER).hasToString("peer");
        for (List<? extends WireName> constants : List.of(Arrays.asList(ChildState.values()),
                Arrays.asList(CharonStatus.State.values()), Arrays.asList(FailureClass.values()),
                Arrays.asList(Side.values()))) {
            for (WireName c : constants) {
                assertThat(c.wireName()).matches("[a-z]+(-[a-z]+)*").isEqualTo(c.toString());
            }
        }
        assertThat(ChildState.fromWireName("retrying")).contains(ChildState.RETRYING);
        assertThat(CharonStatus.State.fromWireName("unreachable")).contains(CharonStatus.State.UNREACHABLE);
        assertThat(FailureClass.fromWireName("ts-mismatch")).contains(FailureClass.TS_MISMATCH);
        assertThat(Side.fromWireName("local")).contains(Side.LOCAL);
        assertThat(ChildState.fromWireName("INSTALLED")).isEmpty();
        assertThat(FailureClass.fromWireName("ts_mismatch")).isEmpty();
        assertThat(WireName.lookup(Side.class, "remote")).isEmpty();
    }
}
