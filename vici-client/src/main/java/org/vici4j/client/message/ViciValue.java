package org.vici4j.client.message;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable VICI value: a byte string, usually (but not necessarily) UTF-8 text.
 *
 * <p>Equality and hash code are by content. {@link #toString()} renders the text if the bytes are
 * valid UTF-8, otherwise lower-case hex. Note that {@link ViciSection#toString()} redacts values of
 * keys that usually carry secrets; a bare value cannot know its key and is rendered as is.
 */
public final class ViciValue implements ViciItem {

    private static final ViciValue EMPTY = new ViciValue(new byte[0]);

    private final byte[] bytes;
    private int hash;
    private byte utf8State; // 0 unknown, 1 valid, 2 invalid

    private ViciValue(byte[] ownedBytes) {
        this.bytes = ownedBytes;
    }

    /**
     * @param utf8 text, encoded as UTF-8; must not contain unpaired surrogates
     * @return a value holding the UTF-8 encoding of {@code utf8}
     * @throws IllegalArgumentException if {@code utf8} is not well-formed UTF-16
     */
    public static ViciValue of(String utf8) {
        Objects.requireNonNull(utf8, "value");
        if (utf8.isEmpty()) {
            return EMPTY;
        }
        if (!containsSurrogate(utf8)) {
            return new ViciValue(utf8.getBytes(StandardCharsets.UTF_8)); // exact: nothing to replace
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(utf8));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return new ViciValue(out);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "VICI value is not well-formed text (it contains an unpaired surrogate); "
                            + "pass the raw bytes with ViciValue.of(byte[]) instead", e);
        }
    }

    private static boolean containsSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param bytes the value's bytes; copied
     * @return a value holding a copy of {@code bytes}
     */
    public static ViciValue of(byte[] bytes) {
        Objects.requireNonNull(bytes, "value");
        return bytes.length == 0 ? EMPTY : new ViciValue(bytes.clone());
    }

    /**
     * @param bytes source array; the range is copied
     * @param offset first byte of the value
     * @param length number of bytes
     * @return a value holding a copy of the given range
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
     */
    public static ViciValue of(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new ViciValue(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** @return a copy of the value's bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return a read-only view of the value's bytes, positioned at 0, without copying */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * Copies the value's bytes into {@code destination} without an intermediate copy.
     *
     * @param destination target array
     * @param offset where the first byte goes
     * @throws IndexOutOfBoundsException if the value does not fit
     */
    public void copyTo(byte[] destination, int offset) {
        System.arraycopy(bytes, 0, destination, offset, bytes.length);
    }

    /** @return the number of bytes */
    public int length() {
        return bytes.length;
    }

    /** @return the bytes decoded as UTF-8 (malformed sequences become U+FFFD) */
    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** @return whether the bytes are valid UTF-8 */
    public boolean isUtf8() {
        if (utf8State == 0) {
            utf8State = checkUtf8(bytes) ? (byte) 1 : (byte) 2;
        }
        return utf8State == 1;
    }

    private static boolean checkUtf8(byte[] data) {
        int i = 0;
        while (i < data.length && data[i] >= 0) {
            i++;
        }
        if (i == data.length) {
            return true; // ASCII, most values: no decoder (a listing of 1,000 IKE_SAs checks about 65,000 values)
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ViciValue other && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** @return the text if the bytes are valid UTF-8, otherwise {@code 0x} followed by hex */
    @Override
    public String toString() {
        return isUtf8() ? asString() : "0x" + HexFormat.of().formatHex(bytes);
    }
}
