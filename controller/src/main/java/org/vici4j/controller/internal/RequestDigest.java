package org.vici4j.controller.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.command.LoadAuthorityRequest;
import org.vici4j.client.command.LoadPoolRequest;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.SecretConfig;

/**
 * What ownership records keep to tell whether a loaded object changed: the SHA-256 of its encoded
 * {@code CMD_REQUEST} packet, command name included. Records on disk hold these values, so the encoding must not
 * change (pinned by RequestDigestTest): equal digests mean an equal object.
 */
public final class RequestDigest {

    private RequestDigest() {
    }

    /** @return the digest of a pool's {@code load-pool} request */
    public static String of(LoadPoolRequest request) {
        return of("load-pool", request.toMessage());
    }

    /** @return the digest of an authority's {@code load-authority} request */
    public static String of(LoadAuthorityRequest request) {
        return of("load-authority", request.toMessage());
    }

    /**
     * @return the digest of a secret, taken of the configuration's own encoding ({@link SecretConfig#command()},
     *     {@link SecretConfig#toRequest()}), which is what existing records hold
     */
    public static String of(SecretConfig secret) {
        return of(secret.command(), secret.toRequest());
    }

    /** @return the hex SHA-256 of the encoded {@code CMD_REQUEST} packet of {@code command} with {@code message} */
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
