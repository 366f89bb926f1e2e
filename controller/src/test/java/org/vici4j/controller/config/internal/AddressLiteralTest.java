package org.vici4j.controller.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ValueChecks' hand-written address literal parsing: what it accepts, and that it never resolves a name. */
class AddressLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1",
            "2001:db8:0:0:0:0:0:1", "::ffff:192.0.2.1", "fe80::1:2:3:4:5:6", "1:2:3:4:5:6:7::"})
    void literalsAreAddresses(String literal) {
        assertThat(ValueChecks.isIp(literal)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "192.0.2", "192.0.2.256", "01.2.3.4", "1.2.3.4.5",
            "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "2001:db8::g", "[::1]", ""})
    void namesAndMalformedLiteralsAreNot(String text) {
        assertThat(ValueChecks.isIp(text)).isFalse();
    }

    @Test
    void aRangeOfNamesIsRefusedWithoutALookup() throws Exception {
        // localhost resolves (from /etc/hosts) to 127.0.0.1, above 127.0.0.0: looked up, this range would be
        // "reversed"; not looked up, it is not a range of addresses at all
        assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).as("precondition: localhost resolves")
                .isTrue();
        assertThat(ValueChecks.rangeOrder("localhost-127.0.0.0")).hasValueSatisfying(issue -> {
            assertThat(issue.toString()).contains("not a valid address range").doesNotContain("reversed");
        });
        assertThat(ValueChecks.rangeOrder("127.0.0.1-127.0.0.0")).hasValueSatisfying(
                issue -> assertThat(issue.toString()).contains("reversed"));
        assertThat(ValueChecks.rangeOrder("127.0.0.0-127.0.0.1")).isEmpty();
    }
}
