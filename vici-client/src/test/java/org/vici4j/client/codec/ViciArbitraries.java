package org.vici4j.client.codec;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/** jqwik generators for VICI packets and message trees within the protocol limits. */
public final class ViciArbitraries {

    private ViciArbitraries() {
    }

    /** Names of up to 80 BMP characters without surrogates: at most 240 UTF-8 bytes. */
    public static Arbitrary<String> names() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange('a', 'z').withChars("-_.0123456789")
                .ofMaxLength(20);
        Arbitrary<String> any = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(80);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, ascii), net.jqwik.api.Tuple.of(1, any));
    }

    /** Arbitrary binary values, mostly short, sometimes up to 1 KiB. */
    public static Arbitrary<ViciValue> values() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.strings().ofMaxLength(30).map(s -> ViciValue.of(
                        s.codePoints().filter(c -> c < 0xD800 || c > 0xDFFF)
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                                .toString()))),
                net.jqwik.api.Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(ViciValue::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(1024).map(ViciValue::of)));
    }

    /** Lists of up to 5 values. */
    public static Arbitrary<ViciList> lists() {
        return values().list().ofMaxSize(5).map(ViciList::of);
    }

    /** Message trees with sections nested at most {@code depth} levels. */
    public static Arbitrary<ViciSection> sections(int depth) {
        Arbitrary<ViciItem> value = values().map(v -> v);
        Arbitrary<ViciItem> list = lists().map(l -> l);
        Arbitrary<ViciItem> item = depth == 0
                ? Arbitraries.oneOf(value, list)
                : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, value),
                        net.jqwik.api.Tuple.of(1, list),
                        net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> sections(depth - 1).map(s -> (ViciItem) s))));
        Arbitrary<Map.Entry<String, ViciItem>> entry = Combinators.combine(names(), item).as(Map::entry);
        return entry.list().ofMaxSize(6).map(ViciArbitraries::toSection);
    }

    private static ViciSection toSection(List<Map.Entry<String, ViciItem>> entries) {
        ViciSection.Builder builder = ViciSection.builder();
        entries.forEach(e -> builder.add(e.getKey(), e.getValue()));
        return builder.build();
    }

    /** Packets of every type; named types get a name, messages (where carried) nest at most 4 levels. */
    public static Arbitrary<ViciPacket> packets() {
        return Combinators.combine(Arbitraries.of(PacketType.class), names(), sections(4))
                .as((type, name, message) -> new ViciPacket(type, type.isNamed() ? name : null,
                        type.carriesMessage() ? message : null));
    }
}
