package org.vici4j.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViciListTest {

    @Test
    void keepsOrderAndConvertsToStrings() {
        ViciList list = ViciList.ofStrings("b", "a", "b");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.strings()).containsExactly("b", "a", "b");
        assertThat(list.values()).containsExactly(ViciValue.of("b"), ViciValue.of("a"), ViciValue.of("b"));
        assertThat(list).hasToString("[b, a, b]");
    }

    @Test
    void isImmutable() {
        List<ViciValue> source = new ArrayList<>(List.of(ViciValue.of("x")));
        ViciList list = ViciList.of(source);
        source.add(ViciValue.of("y"));
        assertThat(list.size()).isEqualTo(1);
        assertThatThrownBy(() -> list.values().add(ViciValue.of("z"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.strings().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalsByContent() {
        assertThat(ViciList.ofStrings(List.of("a", "b"))).isEqualTo(ViciList.ofStrings("a", "b"))
                .hasSameHashCodeAs(ViciList.ofStrings("a", "b"))
                .isNotEqualTo(ViciList.ofStrings("b", "a"));
        assertThat(ViciList.ofStrings()).isEqualTo(ViciList.of(List.of()));
    }

    @Test
    void rejectsNullItems() {
        assertThatThrownBy(() -> ViciList.ofStrings("a", null)).isInstanceOf(NullPointerException.class);
    }
}
