package org.vici4j.client.message;

import java.util.Objects;

/**
 * A VICI packet: its type, its name (command or event name; only for named types, see
 * {@link PacketType#isNamed()}) and its message (always empty for types that carry none, see
 * {@link PacketType#carriesMessage()}).
 *
 * @param type packet type
 * @param name command or event name if {@code type.isNamed()}, otherwise {@code null}
 * @param message the message; {@code null} is taken as the empty message
 */
public record ViciPacket(PacketType type, String name, ViciSection message) {

    /**
     * Validates the packet.
     *
     * @throws IllegalArgumentException if a named type has no name, an unnamed type has one, or a type
     *         that carries no message has a non-empty one
     */
    public ViciPacket {
        Objects.requireNonNull(type, "type");
        if (type.isNamed() && name == null) {
            throw new IllegalArgumentException("a " + type + " packet needs a name (command or event name)");
        }
        if (!type.isNamed() && name != null) {
            throw new IllegalArgumentException("a " + type + " packet carries no name, but got '" + name + "'");
        }
        if (message == null) {
            message = ViciSection.empty();
        }
        if (!type.carriesMessage() && !message.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " packet carries no message, but got " + message.size()
                    + " entries");
        }
    }

    /**
     * @param command command name
     * @param message request message
     * @return a {@link PacketType#CMD_REQUEST} packet
     */
    public static ViciPacket request(String command, ViciSection message) {
        return new ViciPacket(PacketType.CMD_REQUEST, command, message);
    }

    /**
     * @param message response message
     * @return a {@link PacketType#CMD_RESPONSE} packet
     */
    public static ViciPacket response(ViciSection message) {
        return new ViciPacket(PacketType.CMD_RESPONSE, null, message);
    }

    /**
     * @param event event name
     * @return an {@link PacketType#EVENT_REGISTER} packet
     */
    public static ViciPacket register(String event) {
        return new ViciPacket(PacketType.EVENT_REGISTER, event, null);
    }

    /**
     * @param event event name
     * @return an {@link PacketType#EVENT_UNREGISTER} packet
     */
    public static ViciPacket unregister(String event) {
        return new ViciPacket(PacketType.EVENT_UNREGISTER, event, null);
    }

    /**
     * @param event event name
     * @param message event message
     * @return an {@link PacketType#EVENT} packet
     */
    public static ViciPacket event(String event, ViciSection message) {
        return new ViciPacket(PacketType.EVENT, event, message);
    }

    /**
     * @param type an unnamed type without message, e.g. {@link PacketType#EVENT_CONFIRM}
     * @return a packet of that type with no name and an empty message
     */
    public static ViciPacket of(PacketType type) {
        return new ViciPacket(type, null, null);
    }

    /** @return e.g. {@code CMD_REQUEST initiate {child=net}} */
    @Override
    public String toString() {
        return type + (name == null ? "" : " " + name) + " " + message;
    }
}
