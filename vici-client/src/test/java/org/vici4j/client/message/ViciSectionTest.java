package org.vici4j.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ViciSectionTest {

    static ViciSection sample() {
        return ViciSection.builder()
                .add("version", "5.9.8")
                .add("count", 42L)
                .add("up", true)
                .add("down", false)
                .addList("tasks", "IKE_ESTABLISH", "CHILD_CREATE")
                .beginSection("net")
                .add("state", "ESTABLISHED")
                .beginSection("child-sas")
                .add("mode", "TUNNEL")
                .endSection()
                .endSection()
                .add("version", "duplicate")
                .build();
    }

    @Nested
    class Accessors {

        @Test
        void readsTypedValues() {
            ViciSection s = sample();
            assertThat(s.string("version")).hasValue("5.9.8");
            assertThat(s.stringOr("missing", "dflt")).isEqualTo("dflt");
            assertThat(s.longValue("count")).hasValue(42);
            assertThat(s.bool("up")).isTrue();
            assertThat(s.bool("down")).isFalse();
            assertThat(s.bool("missing")).isFalse();
            assertThat(s.list("tasks")).containsExactly("IKE_ESTABLISH", "CHILD_CREATE");
            assertThat(s.list("missing")).isEmpty();
            assertThat(s.section("net").flatMap(n -> n.section("child-sas")).flatMap(c -> c.string("mode")))
                    .hasValue("TUNNEL");
        }

        @Test
        void typedAccessorsAreEmptyForOtherKinds() {
            ViciSection s = sample();
            assertThat(s.string("net")).isEmpty();
            assertThat(s.string("tasks")).isEmpty();
            assertThat(s.section("version")).isEmpty();
            assertThat(s.list("net")).isEmpty();
            assertThat(s.longValue("version")).isEmpty();
            assertThat(s.longValue("net")).isEmpty();
            assertThat(s.get("missing")).isEmpty();
        }

        @Test
        void longValueParsesSignedDecimalsOnly() {
            ViciSection s = ViciSection.builder().add("neg", "-5").add("plus", "+5").add("hex", "0x10")
                    .add("empty", "").add("huge", "99999999999999999999").add("minus", "-").add("max",
                            Long.toString(Long.MAX_VALUE)).build();
            assertThat(s.longValue("neg")).hasValue(-5);
            assertThat(s.longValue("plus")).isEmpty();
            assertThat(s.longValue("hex")).isEmpty();
            assertThat(s.longValue("empty")).isEmpty();
            assertThat(s.longValue("huge")).isEmpty();
            assertThat(s.longValue("minus")).isEmpty();
            assertThat(s.longValue("max")).hasValue(Long.MAX_VALUE);
        }

        @Test
        void keepsDuplicatesAndOrderButReturnsFirst() {
            ViciSection s = sample();
            assertThat(s.size()).isEqualTo(7);
            assertThat(s.keys()).containsExactly("version", "count", "up", "down", "tasks", "net");
            assertThat(s.entries()).extracting(Map.Entry::getKey)
                    .containsExactly("version", "count", "up", "down", "tasks", "net", "version");
            assertThat(s.string("version")).hasValue("5.9.8");
        }

        @Test
        void sectionsListsOnlySectionItems() {
            ViciSection s = ViciSection.builder().beginSection("a").endSection().add("x", "1")
                    .addSection("b", ViciSection.builder().add("k", "v").build()).build();
            assertThat(s.sections()).containsExactly(ViciSection.empty(),
                    ViciSection.builder().add("k", "v").build());
        }

        @Test
        void emptySection() {
            assertThat(ViciSection.empty().isEmpty()).isTrue();
            assertThat(ViciSection.empty().size()).isZero();
            assertThat(ViciSection.builder().build()).isEqualTo(ViciSection.empty());
            assertThat(sample().isEmpty()).isFalse();
        }
    }

    @Nested
    class Builder {

        @Test
        void nestedAndFlatBuildingAreEquivalent() {
            ViciSection flat = ViciSection.builder()
                    .add("k", ViciValue.of("v"))
                    .addSection("sec", ViciSection.builder()
                            .add("list", ViciList.ofStrings("a", "b"))
                            .build())
                    .build();
            ViciSection nested = ViciSection.builder()
                    .add("k", "v")
                    .beginSection("sec")
                    .beginList("list").listItem("a").listItem("b").endList()
                    .endSection()
                    .build();
            assertThat(nested).isEqualTo(flat).hasSameHashCodeAs(flat);
        }

        @Test
        void rejectsUnbalancedUse() {
            assertThatThrownBy(() -> ViciSection.builder().beginSection("a").beginSection("b").endSection().build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("section 'a' is not closed; call endSection() (1 open)");
            assertThatThrownBy(() -> ViciSection.builder().endSection())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("endSection() without a matching beginSection()");
            assertThatThrownBy(() -> ViciSection.builder().beginList("l").build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("list 'l' is not closed; call endList()");
            assertThatThrownBy(() -> ViciSection.builder().endList())
                    .isInstanceOf(IllegalStateException.class).hasMessage("endList() without beginList()");
            assertThatThrownBy(() -> ViciSection.builder().listItem("x"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("listItem() without beginList()");
        }

        @Test
        void listsHoldOnlyValues() {
            assertThatThrownBy(() -> ViciSection.builder().beginList("l").beginList("m"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lists do not nest");
            assertThatThrownBy(() -> ViciSection.builder().beginList("l").add("k", "v"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot add entry 'k' inside open list 'l'");
            assertThatThrownBy(() -> ViciSection.builder().beginList("l").beginSection("s"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot begin section 's' inside open list 'l'");
            assertThatThrownBy(() -> ViciSection.builder().beginSection("s").beginList("l").endSection())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call endList() first");
        }

        @Test
        void builtSectionsAreImmutableSnapshots() {
            ViciSection.Builder builder = ViciSection.builder().add("a", "1");
            ViciSection first = builder.build();
            builder.add("b", "2");
            assertThat(first.size()).isEqualTo(1);
            assertThat(builder.build().size()).isEqualTo(2);
            assertThatThrownBy(() -> first.entries().add(Map.entry("c", ViciValue.of("3"))))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> first.keys().add("c")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void rejectsNulls() {
            assertThatThrownBy(() -> ViciSection.builder().add(null, "v")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> ViciSection.builder().add("k", (String) null))
                    .isInstanceOf(NullPointerException.class).hasMessage("value of 'k'");
            assertThatThrownBy(() -> ViciSection.builder().addList("k", (List<String>) null))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void equalityIsStructuralAndOrderSensitive() {
        assertThat(sample()).isEqualTo(sample()).hasSameHashCodeAs(sample());
        assertThat(ViciSection.builder().add("a", "1").add("b", "2").build())
                .isNotEqualTo(ViciSection.builder().add("b", "2").add("a", "1").build());
        assertThat(ViciSection.builder().add("a", "1").build())
                .isNotEqualTo(ViciSection.builder().addList("a", "1").build());
    }

    @Test
    void toStringIsSingleLineAndRedactsSecrets() {
        assertThat(sample()).hasToString("{version=5.9.8, count=42, up=yes, down=no, tasks=[IKE_ESTABLISH,"
                + " CHILD_CREATE], net={state=ESTABLISHED, child-sas={mode=TUNNEL}}, version=duplicate}");
        ViciSection secrets = ViciSection.builder()
                .add("type", "IKE")
                .add("data", "s3cr3t")
                .addList("owners", "a", "b")
                .beginSection("eap-x").add("secret", "pw").add("password", "pw2").endSection()
                .build();
        assertThat(secrets.toString())
                .isEqualTo("{type=IKE, data=<redacted>, owners=[a, b], eap-x={secret=<redacted>,"
                        + " password=<redacted>}}")
                .doesNotContain("s3cr3t");
        assertThat(ViciSection.isSensitiveKey("data")).isTrue();
        assertThat(ViciSection.isSensitiveKey("state")).isFalse();
    }
}
