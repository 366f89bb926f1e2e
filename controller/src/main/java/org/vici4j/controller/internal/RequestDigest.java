package org.vici4j.controller.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/** SHA-256 of an encoded request: equal digests mean charon would get exactly the same message. */
public final class RequestDigest {

    private RequestDigest() {
    }

    /** @return the hex SHA-256 of the encoded {@code CMD_REQUEST} packet */
    public static String of(String command, ViciSection message) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(ViciEncoder.encode(new ViciPacket(PacketType.CMD_REQUEST, command,
                    message))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
