package org.vici4j.client.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code load-shared}: a shared secret (IKE PSK, EAP/XAuth password, NTLM hash,
 * PPK) and the identities owning it. The secret never appears in {@link #toString()}.
 */
public final class LoadSharedRequest implements ViciRequest {

    private final String id;
    private final SharedKeyType type;
    private final byte[] data;
    private final List<String> owners;

    /**
     * @param id unique identifier of the secret ({@code id}), used by {@code unload-shared}; null to omit
     * @param type secret type ({@code type})
     * @param data the raw secret ({@code data}), copied; the caller may wipe its array afterwards
     * @param owners owner identities ({@code owners}); empty = the secret matches any identity
     */
    public LoadSharedRequest(String id, SharedKeyType type, byte[] data, List<String> owners) {
        this.id = Check.optionalValue("id", id);
        this.type = Objects.requireNonNull(type, "type");
        this.data = Check.data("secret (data)", data);
        List<String> copy = new ArrayList<>();
        for (String owner : Objects.requireNonNull(owners, "owners")) {
            copy.add(Check.value("owner identity", owner));
        }
        this.owners = List.copyOf(copy);
    }

    /** An IKE pre-shared key with UTF-8 text {@code secret}, unique id {@code id} and owners. */
    public static LoadSharedRequest ikePsk(String id, String secret, String... owners) {
        Objects.requireNonNull(secret, "secret");
        return new LoadSharedRequest(id, SharedKeyType.IKE, secret.getBytes(StandardCharsets.UTF_8),
                List.of(owners));
    }

    /** @return the unique id, or null */
    public String id() {
        return id;
    }

    public SharedKeyType type() {
        return type;
    }

    /** @return a copy of the secret */
    public byte[] data() {
        return data.clone();
    }

    public List<String> owners() {
        return owners;
    }

    @Override
    public ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder();
        if (id != null) {
            b.add("id", id);
        }
        b.add("type", type.wireName()).add("data", data);
        b.addList("owners", owners);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadSharedRequest r && Objects.equals(id, r.id) && type == r.type
                && Arrays.equals(data, r.data) && owners.equals(r.owners);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, owners);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "LoadSharedRequest[id=" + id + ", type=" + type + ", data=<redacted>, owners=" + owners + "]";
    }
}
