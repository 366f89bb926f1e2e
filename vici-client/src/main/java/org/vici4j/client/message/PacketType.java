package org.vici4j.client.message;

import org.vici4j.client.ProtocolException;

/** The VICI packet types, with their wire codes. */
public enum PacketType {
    /** A named request for a command; the client sends it. */
    CMD_REQUEST(0, true, true),
    /** An unnamed response to a command request. */
    CMD_RESPONSE(1, false, true),
    /** The daemon's answer to a request for a command it does not know. */
    CMD_UNKNOWN(2, false, false),
    /** A named request to register for an event. */
    EVENT_REGISTER(3, true, false),
    /** A named request to unregister from an event. */
    EVENT_UNREGISTER(4, true, false),
    /** The daemon's confirmation of an event (un)registration. */
    EVENT_CONFIRM(5, false, false),
    /** The daemon's answer to an (un)registration for an event it does not know. */
    EVENT_UNKNOWN(6, false, false),
    /** A named event message sent by the daemon. */
    EVENT(7, true, true);

    private static final PacketType[] BY_CODE = values();

    private final byte code;
    private final boolean named;
    private final boolean carriesMessage;

    PacketType(int code, boolean named, boolean carriesMessage) {
        this.code = (byte) code;
        this.named = named;
        this.carriesMessage = carriesMessage;
    }

    /** @return the wire code */
    public byte code() {
        return code;
    }

    /** @return whether the packet carries a name (command or event name) after the type byte */
    public boolean isNamed() {
        return named;
    }

    /**
     * @return whether packets of this type carry a message (CMD_REQUEST, CMD_RESPONSE and EVENT); the
     *         others consist of the type and, if named, the name only
     */
    public boolean carriesMessage() {
        return carriesMessage;
    }

    /**
     * @param code a wire code
     * @return the packet type with that code
     * @throws ProtocolException if no packet type has that code
     */
    public static PacketType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new ProtocolException("unknown VICI packet type " + code
                    + " (valid types are 0..7, CMD_REQUEST..EVENT); the peer does not speak VICI"
                    + " or the stream is out of sync");
        }
        return BY_CODE[code];
    }
}
