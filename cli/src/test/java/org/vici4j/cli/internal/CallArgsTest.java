package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

class CallArgsTest {

    @Test
    void valuesListsSectionsInOrder() {
        ViciSection s = CallArgs.parse(List.of("child=net", "a.b.c=1", "a.x=[p, q]", "a.b.d=2", "empty=", "sec={}",
                "rep=1", "rep=2", "lit=\\[x]", "none=[]"));
        ViciSection expected = ViciSection.builder()
                .add("child", "net")
                .beginSection("a").beginSection("b").add("c", "1").add("d", "2").endSection()
                .addList("x", "p", "q").endSection()
                .add("empty", "")
                .addSection("sec", ViciSection.empty())
                .addList("rep", "1", "2")
                .add("lit", "[x]")
                .add("none", ViciList.of(List.of()))
                .build();
        assertThat(s).isEqualTo(expected);
    }

    @Test
    void repeatedListKeysAppend() {
        assertThat(CallArgs.parse(List.of("k=[a,b]", "k=c")).list("k")).containsExactly("a", "b", "c");
    }

    @Test
    void base64ValuesAreBinary() {
        assertThat(CallArgs.parse(List.of("data=base64:/wA=")).get("data")).hasValue(ViciValue.of(new byte[] {(byte) 0xff, 0}));
        assertThat(CallArgs.parse(List.of("t=\\base64:x")).string("t")).hasValue("base64:x");
        assertThatThrownBy(() -> CallArgs.parse(List.of("data=base64:!!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not base64");
    }

    @Test
    void errorsNameTheArgument() {
        assertThatThrownBy(() -> CallArgs.parse(List.of("oops"))).hasMessageContaining("'oops' is not key=value");
        assertThatThrownBy(() -> CallArgs.parse(List.of("=x"))).hasMessageContaining("'=x' is not key=value");
        assertThatThrownBy(() -> CallArgs.parse(List.of("a..b=1"))).hasMessageContaining("empty key part");
        assertThatThrownBy(() -> CallArgs.parse(List.of("a=1", "a.b=2"))).hasMessageContaining("'a' is already a value");
        assertThatThrownBy(() -> CallArgs.parse(List.of("a.b=2", "a=1"))).hasMessageContaining("'a' is already a section");
    }
}
