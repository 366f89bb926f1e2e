package org.vici4j.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViciPacketTest {

    @Test
    void namedTypesNeedANameAndOthersMustNotHaveOne() {
        assertThatThrownBy(() -> new ViciPacket(PacketType.CMD_REQUEST, null, ViciSection.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a CMD_REQUEST packet needs a name (command or event name)");
        assertThatThrownBy(() -> new ViciPacket(PacketType.CMD_RESPONSE, "x", ViciSection.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a CMD_RESPONSE packet carries no name, but got 'x'");
    }

    @Test
    void typesWithoutMessageRejectOne() {
        ViciSection message = ViciSection.builder().add("k", "v").build();
        assertThatThrownBy(() -> new ViciPacket(PacketType.EVENT_REGISTER, "log", message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a EVENT_REGISTER packet carries no message, but got 1 entries");
        assertThat(new ViciPacket(PacketType.CMD_UNKNOWN, null, ViciSection.empty()).message()).isEqualTo(ViciSection.empty());
    }

    @Test
    void nullMessageIsEmpty() {
        assertThat(new ViciPacket(PacketType.EVENT_CONFIRM, null, null).message()).isSameAs(ViciSection.empty());
    }

    @Test
    void factoriesBuildTheRightTypes() {
        ViciSection message = ViciSection.builder().add("child", "net").build();
        assertThat(ViciPacket.request("initiate", message))
                .isEqualTo(new ViciPacket(PacketType.CMD_REQUEST, "initiate", message))
                .hasToString("CMD_REQUEST initiate {child=net}");
        assertThat(ViciPacket.response(message).type()).isEqualTo(PacketType.CMD_RESPONSE);
        assertThat(ViciPacket.register("log")).isEqualTo(new ViciPacket(PacketType.EVENT_REGISTER, "log", null));
        assertThat(ViciPacket.unregister("log").type()).isEqualTo(PacketType.EVENT_UNREGISTER);
        assertThat(ViciPacket.event("log", message).name()).isEqualTo("log");
        assertThat(ViciPacket.of(PacketType.EVENT_UNKNOWN)).hasToString("EVENT_UNKNOWN {}");
    }
}
