package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/** The readers and checks the result records and requests share (Fields, SaSelector, NamedSection). */
class SharedReadersTest {

    private static final ViciSection EVENT = ViciSection.builder()
            .add("plain", "value")
            .beginSection("first").add("n", 1L).endSection()
            .beginSection("second").add("n", 2L).endSection()
            .beginSection("first").add("n", 3L).endSection()
            .build();

    @Test
    void sectionsReadsEverySubSectionInWireOrderWithItsKey() {
        List<String> read = Fields.sections(EVENT, (key, s) -> key + "=" + Fields.num(s, "n"));
        assertThat(read).containsExactly("first=1", "second=2", "first=3");
        assertThat(Fields.sections(ViciSection.empty(), (key, s) -> key)).isEmpty();
    }

    @Test
    void sectionMapKeepsTheFirstOfTwoSectionsWithOneKey() {
        Map<String, Long> read = Fields.sectionMap(EVENT, s -> Fields.num(s, "n"));
        assertThat(read).containsExactly(Map.entry("first", 1L), Map.entry("second", 2L));
    }

    @Test
    void requireNonNullNamesTheFirstNullComponent() {
        assertThatThrownBy(() -> new Version("charon", "5.9.8", null, null, "x86_64", ViciSection.empty()))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("sysname");
        assertThatThrownBy(() -> new MatchesResult(OptionalLong.empty(), null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("raw");
        Fields.requireNonNull("a, b", "x", "y");
    }

    @Test
    void orderedDeepCopyIsUnmodifiableAtBothLevelsAndKeepsTheOrder() {
        Counters c = new Counters(new java.util.LinkedHashMap<>(Map.of("", new java.util.LinkedHashMap<>(
                Map.of("ike-init", 3L)))), ViciSection.empty());
        assertThatThrownBy(() -> c.byConnection().put("x", Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.global().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(c.global()).containsEntry("ike-init", 3L);
    }

    @Test
    void terminateAndRekeySendTheirSelectorAlikeAndNameTheCommandWhenItIsMissing() {
        assertThat(TerminateRequest.builder().child("net").ikeId(7).force(true).build().toMessage().keys())
                .containsExactly("child", "ike-id", "force");
        assertThat(new RekeyRequest("net", null, null, 7L, true).toMessage().keys())
                .containsExactly("child", "ike-id", "reauth");
        assertThatThrownBy(() -> new RekeyRequest(null, null, null, null, true))
                .hasMessage("rekey needs a selector: set child, ike, childId or ikeId");
        assertThatThrownBy(() -> TerminateRequest.builder().force(true).build())
                .hasMessage("terminate needs a selector: set child, ike, childId or ikeId");
    }

    @Test
    void builderMethodsOfTheSharedBaseReturnTheConcreteBuilder() {
        InitiateRequest.Builder initiate = InitiateRequest.builder().child("net").ike("gw").returnImmediately()
                .loglevel(2);
        TerminateRequest.Builder terminate = TerminateRequest.builder().ike("gw").waitIndefinitely().childId(4);
        assertThat(initiate.initLimits(false).build())
                .isEqualTo(new InitiateRequest("net", "gw", -1L, false, 2));
        assertThat(terminate.build()).isEqualTo(new TerminateRequest(null, "gw", 4L, null, null, 0L, null));
    }

    @Test
    void namedSectionRequestsSendOneSectionUnderTheirName() {
        ViciSection pool = LoadPoolRequest.builder("p1").addrs("10.3.0.0/24").build().toMessage();
        assertThat(pool.keys()).containsExactly("p1");
        assertThat(pool.section("p1").orElseThrow().string("addrs")).contains("10.3.0.0/24");
        assertThat(new LoadConnRequest("c", ViciSection.empty()).toMessage().section("c")).isPresent();
        assertThatThrownBy(() -> LoadAuthorityRequest.builder(" ")).hasMessageContaining("authority name");
        assertThatThrownBy(() -> new LoadPoolRequest("p", null)).hasMessage("config");
    }
}
