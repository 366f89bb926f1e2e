package org.vici4j.client.command;

import java.util.Arrays;
import java.util.Objects;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code load-token}: a private key on a PKCS#11 token, found by its {@code CKA_ID}. The PIN never
 * appears in {@link #toString()}.
 */
public final class LoadTokenRequest implements ViciRequest {

    private final String handle;
    private final Long slot;
    private final String module;
    private final byte[] pin;

    /**
     * @param handle hex-encoded {@code CKA_ID} of the key ({@code handle}), required
     * @param slot the token's slot ({@code slot}); null: any slot
     * @param module PKCS#11 module name as in strongswan.conf ({@code module}); null: any module
     * @param pin the token's PIN ({@code pin}), copied; null: none (or charon asks its own callbacks)
     */
    public LoadTokenRequest(String handle, Long slot, String module, byte[] pin) {
        this.handle = Check.value("handle", handle);
        if (slot != null && slot < 0) {
            throw new IllegalArgumentException("slot must not be negative, got " + slot);
        }
        this.slot = slot;
        this.module = Check.optionalValue("module", module);
        this.pin = pin == null ? null : Check.data("pin", pin);
    }

    /** The key with hex {@code CKA_ID} {@code handle}, on any token, without a PIN. */
    public static LoadTokenRequest handle(String handle) {
        return new LoadTokenRequest(handle, null, null, null);
    }

    public String handle() {
        return handle;
    }

    /** @return the slot, or null */
    public Long slot() {
        return slot;
    }

    /** @return the module, or null */
    public String module() {
        return module;
    }

    /** @return a copy of the PIN, or null */
    public byte[] pin() {
        return pin == null ? null : pin.clone();
    }

    @Override
    public ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder().add("handle", handle);
        if (slot != null) {
            b.add("slot", slot.longValue());
        }
        if (module != null) {
            b.add("module", module);
        }
        if (pin != null) {
            b.add("pin", pin);
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadTokenRequest r && handle.equals(r.handle) && Objects.equals(slot, r.slot)
                && Objects.equals(module, r.module) && Arrays.equals(pin, r.pin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(handle, slot, module);
    }

    /** Never shows the PIN. */
    @Override
    public String toString() {
        return "LoadTokenRequest[handle=" + handle + ", slot=" + slot + ", module=" + module + ", pin="
                + (pin == null ? "none" : "<redacted>") + "]";
    }
}
