package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

class OutputFormatsTest {

    static final ViciSection MESSAGE = ViciSection.builder()
            .add("z-first", "1")
            .add("quote", "say \"hi\"\n\ttab\u0001")
            .beginSection("sub").add("yes", "yes").endSection()
            .beginSection("empty").endSection()
            .addList("list", "a", "b")
            .addList("none", List.of())
            .add("bin", new byte[] {(byte) 0xff, 0x00})
            .build();

    @Test
    void jsonKeepsOrderAndEscapes() {
        assertThat(Json.of(MESSAGE, false)).isEqualTo("{\"z-first\":\"1\",\"quote\":\"say \\\"hi\\\"\\n\\ttab\\u0001\","
                + "\"sub\":{\"yes\":\"yes\"},\"empty\":{},\"list\":[\"a\",\"b\"],\"none\":[],\"bin\":\"base64:/wA=\"}");
        assertThat(Json.of(ViciSection.builder().beginSection("a").add("b", "c").endSection().build(), true))
                .isEqualTo("{\n  \"a\": {\n    \"b\": \"c\"\n  }\n}");
        assertThat(Json.array(List.of(), true)).isEqualTo("[]");
        assertThat(Json.event("log", ViciSection.builder().add("msg", "x").build()))
                .isEqualTo("{\"event\":\"log\",\"message\":{\"msg\":\"x\"}}");
    }

    @Test
    void yamlQuotesEveryValueAndSpecialKeys() {
        assertThat(Yaml.of(MESSAGE)).isEqualTo("""
                z-first: "1"
                quote: "say \\"hi\\"\\n\\ttab\\x01"
                sub:
                  "yes": "yes"
                empty: {}
                list:
                - "a"
                - "b"
                none: []
                bin: "base64:/wA="
                """);
        assertThat(Yaml.event("log", ViciSection.builder().add("msg", "x").build()))
                .isEqualTo("---\nevent: \"log\"\nmessage:\n  msg: \"x\"\n");
    }

    @Test
    void valuesAreLossless() {
        for (byte[] bytes : List.of(new byte[] {(byte) 0xc3}, "plain".getBytes(StandardCharsets.UTF_8),
                "base64:looks encoded".getBytes(StandardCharsets.UTF_8), new byte[0])) {
            ViciValue v = ViciValue.of(bytes);
            assertThat(Values.parse(Values.text(v))).isEqualTo(v);
        }
        assertThat(Values.text(ViciValue.of("base64:x"))).isEqualTo("base64:YmFzZTY0Ong=");
        assertThat(Values.text(ViciValue.of("grüezi"))).isEqualTo("grüezi");
    }

    @Test
    void textTableAlignsColumns() {
        java.io.StringWriter sw = new java.io.StringWriter();
        Text.table(new java.io.PrintWriter(sw), List.of("A", "BB"), List.of(List.of("long-cell", "x"), List.of("y", "z")));
        assertThat(sw.toString()).isEqualTo("A          BB\nlong-cell  x\ny          z\n");
    }
}
