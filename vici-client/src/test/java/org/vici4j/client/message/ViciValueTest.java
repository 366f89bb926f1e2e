package org.vici4j.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ViciValueTest {

    @Test
    void holdsUtf8OfText() {
        ViciValue value = ViciValue.of("grüß");
        assertThat(value.bytes()).containsExactly('g', 'r', 0xc3, 0xbc, 0xc3, 0x9f);
        assertThat(value.length()).isEqualTo(6);
        assertThat(value.asString()).isEqualTo("grüß");
        assertThat(value.isUtf8()).isTrue();
        assertThat(value).hasToString("grüß");
    }

    @Test
    void copiesOnTheWayInAndOut() {
        byte[] source = {1, 2, 3};
        ViciValue value = ViciValue.of(source);
        source[0] = 9;
        byte[] out = value.bytes();
        out[1] = 9;
        assertThat(value.bytes()).containsExactly(1, 2, 3);
        ByteBuffer view = value.asReadOnlyBuffer();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(3);
    }

    @Test
    void copiesARange() {
        assertThat(ViciValue.of(new byte[] {1, 2, 3, 4}, 1, 2).bytes()).containsExactly(2, 3);
        assertThatThrownBy(() -> ViciValue.of(new byte[] {1}, 1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copyToWritesAtOffset() {
        byte[] target = new byte[5];
        ViciValue.of("ab").copyTo(target, 2);
        assertThat(target).containsExactly(0, 0, 'a', 'b', 0);
    }

    @Test
    void binaryValuesRenderAsHex() {
        ViciValue value = ViciValue.of(new byte[] {(byte) 0xc3, 0x28, 0x00});
        assertThat(value.isUtf8()).isFalse();
        assertThat(value).hasToString("0xc32800");
        assertThat(value.asString()).startsWith("\uFFFD");
    }

    @Test
    void asciiIsUtf8AndABadByteAfterAsciiIsNot() {
        assertThat(ViciValue.of(new byte[0]).isUtf8()).isTrue();
        assertThat(ViciValue.of(new byte[] {0, 'a', 0x7f}).isUtf8()).isTrue();
        assertThat(ViciValue.of(new byte[] {'a', 'b', (byte) 0x80}).isUtf8()).isFalse();
        assertThat(ViciValue.of(new byte[] {'a', (byte) 0xc3, (byte) 0xbc}).isUtf8()).isTrue();
        assertThat(ViciValue.of(new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80}).isUtf8()).isFalse();
    }

    @Test
    void equalsByContent() {
        assertThat(ViciValue.of("abc")).isEqualTo(ViciValue.of(new byte[] {'a', 'b', 'c'}))
                .hasSameHashCodeAs(ViciValue.of(new byte[] {'a', 'b', 'c'}))
                .isNotEqualTo(ViciValue.of("abd"));
        assertThat(ViciValue.of("")).isEqualTo(ViciValue.of(new byte[0]));
        assertThat(ViciValue.of("").length()).isZero();
    }

    @Test
    void rejectsUnpairedSurrogates() {
        assertThatThrownBy(() -> ViciValue.of("a\uDC00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThat(ViciValue.of("\uD83D\uDE00").length()).isEqualTo(4);
    }
}
