package org.vici4j.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vici4j.client.ProtocolException;

class PacketTypeTest {

    @Test
    void codesAndNamedFlagsMatchTheSpec() {
        assertThat(PacketType.values()).extracting(PacketType::code)
                .containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6, (byte) 7);
        assertThat(PacketType.values()).filteredOn(PacketType::isNamed)
                .containsExactly(PacketType.CMD_REQUEST, PacketType.EVENT_REGISTER, PacketType.EVENT_UNREGISTER,
                        PacketType.EVENT);
        assertThat(PacketType.values()).filteredOn(PacketType::carriesMessage)
                .containsExactly(PacketType.CMD_REQUEST, PacketType.CMD_RESPONSE, PacketType.EVENT);
        for (PacketType type : PacketType.values()) {
            assertThat(PacketType.fromCode(type.code())).isSameAs(type);
        }
    }

    @Test
    void unknownCodesAreProtocolErrors() {
        assertThatThrownBy(() -> PacketType.fromCode(8))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("unknown VICI packet type 8 (valid types are 0..7");
        assertThatThrownBy(() -> PacketType.fromCode(-1)).isExactlyInstanceOf(ProtocolException.class);
    }
}
