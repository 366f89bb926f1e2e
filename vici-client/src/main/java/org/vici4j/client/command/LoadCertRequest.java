package org.vici4j.client.command;

import java.util.Arrays;
import java.util.Objects;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code load-cert}: a PEM or DER encoded certificate.
 */
public final class LoadCertRequest implements ViciRequest {

    private final CertType type;
    private final CertFlag flag;
    private final byte[] data;

    /**
     * @param type certificate type ({@code type}); not {@link CertType#ANY}
     * @param flag X.509 flag ({@code flag}), null to omit (charon assumes {@code NONE}); not {@link CertFlag#ANY}
     * @param data PEM or DER encoding ({@code data}), copied
     */
    public LoadCertRequest(CertType type, CertFlag flag, byte[] data) {
        this.type = Objects.requireNonNull(type, "type");
        if (type == CertType.ANY) {
            throw new IllegalArgumentException("load-cert needs a concrete certificate type, not ANY");
        }
        if (flag == CertFlag.ANY) {
            throw new IllegalArgumentException("load-cert needs a concrete flag (NONE, CA, AA or OCSP), not ANY");
        }
        this.flag = flag;
        this.data = Check.data("certificate data", data);
    }

    /** An X.509 certificate with flag {@code flag}. */
    public static LoadCertRequest x509(CertFlag flag, byte[] data) {
        return new LoadCertRequest(CertType.X509, flag, data);
    }

    public CertType type() {
        return type;
    }

    public CertFlag flag() {
        return flag;
    }

    /** @return a copy of the encoded certificate */
    public byte[] data() {
        return data.clone();
    }

    @Override
    public ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder().add("type", type.wireName());
        if (flag != null) {
            b.add("flag", flag.wireName());
        }
        return b.add("data", data).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadCertRequest r && type == r.type && flag == r.flag && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, flag, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "LoadCertRequest[type=" + type + ", flag=" + flag + ", data=" + data.length + " bytes]";
    }
}
