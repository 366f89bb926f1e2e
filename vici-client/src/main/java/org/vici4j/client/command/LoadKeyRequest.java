package org.vici4j.client.command;

import java.util.Arrays;
import java.util.Objects;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code load-key}: a PEM or DER encoded private key. The key never appears in
 * {@link #toString()}.
 */
public final class LoadKeyRequest implements ViciRequest {

    private final PrivateKeyType type;
    private final byte[] data;

    /**
     * @param type key type ({@code type}), {@link PrivateKeyType#ANY} to let charon detect it
     * @param data PEM or DER encoding ({@code data}), copied
     */
    public LoadKeyRequest(PrivateKeyType type, byte[] data) {
        this.type = Objects.requireNonNull(type, "type");
        this.data = Check.data("private key data", data);
    }

    public PrivateKeyType type() {
        return type;
    }

    /** @return a copy of the encoded key */
    public byte[] data() {
        return data.clone();
    }

    @Override
    public ViciSection toMessage() {
        return ViciSection.builder().add("type", type.wireName()).add("data", data).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadKeyRequest r && type == r.type && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "LoadKeyRequest[type=" + type + ", data=<redacted>]";
    }
}
