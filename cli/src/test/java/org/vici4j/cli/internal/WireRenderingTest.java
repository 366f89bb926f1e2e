package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * {@link WireJson} and {@link WireTable} render {@code list-sa} events from their wire bytes exactly as
 * {@link JsonText} and {@link SaFormat} render the decoded events: for random messages (mostly the plain ASCII that
 * charon sends, with escapes, non-ASCII and binary values, base64-lookalikes, empty and nested sections, repeated keys
 * and odd {@code child-sas} shapes mixed in), and for malformed ones, which fail with the decoder's exception.
 */
class WireRenderingTest {

    private static final List<String> KEYS = List.of("uniqueid", "state", "local-host", "remote-id", "encr-alg",
            "child-sas", "name", "reqid", "mode", "protocol", "spi-in", "spi-out", "local-ts", "remote-ts", "bytes-in",
            "initiator", "established", "install-time", "tasks-active", "", "q\"uote", "back\\slash", "tab\tbed",
            "ctl\u0001x", "del\u007f", "base64:key", "caf\u00e9", "k");
    private static final List<String> VALUES = List.of("ESTABLISHED", "INSTALLED", "192.0.2.1", "a-954", "4500",
            "AES_GCM_16", "198.18.3.186/32", "yes", "0", "", "with space", "q\"uote", "back\\slash", "line\nbreak",
            "cr\rlf", "\b\f\u0000\u001f", "del\u007f", "base64:abc", "base64", "gr\u00fc\u00df", "\ud83d\ude00",
            "%s %n", "0x1f");

    /** @return a packet body of a list-sa event with {@code message} */
    private static byte[] event(ViciSection message) {
        return ViciEncoder.encode(ViciPacket.event("list-sa", message));
    }

    private static String text(Random random, List<String> choices) {
        return choices.get(random.nextInt(random.nextInt(4) == 0 ? choices.size() : 10));
    }

    private static ViciValue value(Random random) {
        if (random.nextInt(12) == 0) {
            byte[] bytes = new byte[random.nextInt(5)];
            random.nextBytes(bytes);
            return ViciValue.of(bytes);
        }
        return ViciValue.of(text(random, VALUES));
    }

    /** A section of random entries; keys may repeat (charon's messages never do, the decoder keeps them). */
    private static ViciSection section(Random random, int depth) {
        ViciSection.Builder b = ViciSection.builder();
        for (int i = random.nextInt(depth == 0 ? 3 : 7); i >= 0; i--) {
            String key = text(random, KEYS);
            int kind = random.nextInt(10);
            if (kind < 6) {
                b.add(key, value(random));
            } else if (kind < 8) {
                List<ViciValue> items = new ArrayList<>();
                for (int k = random.nextInt(4); k > 0; k--) {
                    items.add(value(random));
                }
                b.add(key, ViciList.of(items));
            } else if (depth < 4) {
                b.addSection(key, section(random, depth + 1));
            } else {
                b.add(key, value(random));
            }
        }
        return b.build();
    }

    /** A list-sa event as charon sends one: an IKE_SA with a child-sas section of CHILD_SAs, odd parts mixed in. */
    private static ViciSection listSa(Random random) {
        ViciSection.Builder event = ViciSection.builder();
        int ikes = random.nextInt(10) == 0 ? random.nextInt(3) : 1;
        for (int n = 0; n < ikes; n++) {
            ViciSection.Builder ike = ViciSection.builder().add("uniqueid", random.nextInt(1000))
                    .add("state", "ESTABLISHED").add("local-host", "192.0.2.1").add("local-id", text(random, VALUES))
                    .add("initiator", random.nextBoolean() ? "yes" : "no").add("encr-alg", "AES_CBC")
                    .addList("tasks-active", "CHILD_CREATE", text(random, VALUES));
            if (random.nextInt(8) == 0) {
                ike.add("child-sas", "not a section"); // the first child-sas decides: this IKE_SA is not printed
            }
            if (random.nextInt(6) == 0) {
                ike.addSection(text(random, KEYS), section(random, 2));
            }
            ViciSection.Builder children = ViciSection.builder();
            for (int c = random.nextInt(3); c >= 0; c--) {
                ViciSection.Builder child = ViciSection.builder().add("name", "net").add("uniqueid", c)
                        .add("reqid", c).add("state", "INSTALLED").add("mode", "TUNNEL").add("protocol", "ESP")
                        .add("spi-in", "d572166e").add("spi-out", "5837148f").add("bytes-in", random.nextInt(99999))
                        .addList("local-ts", "198.18.3.186/32", text(random, VALUES)).addList("remote-ts");
                if (random.nextInt(5) == 0) {
                    child.addSection("nested", section(random, 3)).add(text(random, KEYS), value(random));
                }
                children.addSection("net-" + c, child.build());
                if (random.nextInt(10) == 0) {
                    children.add("stray", value(random));
                }
            }
            if (random.nextInt(10) > 0) {
                ike.addSection("child-sas", children.build());
            }
            if (random.nextInt(10) == 0) {
                ike.addSection("child-sas", section(random, 2)); // a second one: never read
            }
            event.addSection("c" + random.nextInt(1000), ike.build());
        }
        if (random.nextInt(10) == 0) {
            event.add(text(random, KEYS), value(random));
        }
        return event.build();
    }

    private static byte[] jsonOfDecoded(List<byte[]> events, Charset charset) {
        StringBuilder text = new StringBuilder();
        JsonText json = new JsonText(text);
        for (byte[] e : events) {
            json.add(ViciDecoder.decode(e).message());
        }
        json.end();
        return text.append(System.lineSeparator()).toString().getBytes(charset);
    }

    private static byte[] jsonFromWire(List<byte[]> events, Charset charset) {
        WireJson json = new WireJson(ViciLimits.DEFAULT, charset, 16);
        for (byte[] e : events) {
            byte[] padded = pad(e);
            json.accept(padded, 3, e.length); // the event inside a larger buffer, as the connection hands it over
        }
        byte[] out = json.finish(System.lineSeparator());
        return Arrays.copyOf(out, json.size());
    }

    private static String tableOfDecoded(List<byte[]> events) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        for (byte[] e : events) {
            SaFormat.printListSa(out, ViciDecoder.decode(e).message());
        }
        out.flush();
        return text.toString();
    }

    private static String tableFromWire(List<byte[]> events) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        WireTable table = new WireTable(out, ViciLimits.DEFAULT);
        for (byte[] e : events) {
            table.accept(pad(e), 3, e.length);
        }
        out.flush();
        return text.toString();
    }

    /** @return {@code e} at index 3 of an array with other bytes around it */
    private static byte[] pad(byte[] e) {
        byte[] padded = new byte[e.length + 7];
        Arrays.fill(padded, (byte) 0x03);
        System.arraycopy(e, 0, padded, 3, e.length);
        return padded;
    }

    @Test
    void jsonFromTheWireIsTheTextOfTheDecodedEvents() {
        Random random = new Random(20261203);
        for (int round = 0; round < 400; round++) {
            List<byte[]> events = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                events.add(event(random.nextBoolean() ? listSa(random) : section(random, 0)));
            }
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
                    StandardCharsets.ISO_8859_1)) {
                assertThat(new String(jsonFromWire(events, charset), charset)).as("round %d, %s", round, charset)
                        .isEqualTo(new String(jsonOfDecoded(events, charset), charset));
                assertThat(jsonFromWire(events, charset)).isEqualTo(jsonOfDecoded(events, charset));
            }
        }
        assertThat(new String(jsonFromWire(List.of(), StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo("[]" + System.lineSeparator());
    }

    @Test
    void tableFromTheWireIsTheTableOfTheDecodedEvents() {
        Random random = new Random(3);
        int printed = 0;
        for (int round = 0; round < 400; round++) {
            List<byte[]> events = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                events.add(event(random.nextInt(5) > 0 ? listSa(random) : section(random, 0)));
            }
            String expected = tableOfDecoded(events);
            printed += expected.isEmpty() ? 0 : 1;
            assertThat(tableFromWire(events)).as("round %d", round).isEqualTo(expected);
        }
        assertThat(printed).as("rounds that printed something").isGreaterThan(200);
    }

    @Test
    void malformedEventsFailWithTheDecodersError() {
        Random random = new Random(99);
        int failures = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] good = event(random.nextBoolean() ? listSa(random) : section(random, 0));
            int message = 2 + (good[1] & 0xff);
            byte[] bad;
            if (random.nextBoolean() || good.length == message) {
                bad = Arrays.copyOf(good, message + random.nextInt(good.length - message + 1)); // truncated
            } else {
                bad = good.clone();
                for (int k = random.nextInt(3); k >= 0; k--) {
                    bad[message + random.nextInt(bad.length - message)] = (byte) random.nextInt(8);
                }
            }
            Throwable expected = catchThrowable(() -> ViciDecoder.decode(bad));
            List<byte[]> events = List.of(bad);
            if (expected == null) {
                assertThat(jsonFromWire(events, StandardCharsets.UTF_8))
                        .isEqualTo(jsonOfDecoded(events, StandardCharsets.UTF_8));
                assertThat(tableFromWire(events)).isEqualTo(tableOfDecoded(events));
                continue;
            }
            failures++;
            assertThat(expected).isInstanceOf(ProtocolException.class);
            WireJson json = new WireJson(ViciLimits.DEFAULT, StandardCharsets.UTF_8, 16);
            assertThat(catchThrowable(() -> json.accept(bad, 0, bad.length))).as("round %d", round)
                    .isInstanceOf(ProtocolException.class).hasMessage(expected.getMessage());
            assertThat(json.size()).as("nothing of it kept").isEqualTo(1);
            assertThat(catchThrowable(() -> tableFromWire(events))).isInstanceOf(ProtocolException.class)
                    .hasMessage(expected.getMessage());
        }
        assertThat(failures).isGreaterThan(1000);
    }

    @Test
    void onlyCharsetsThatWriteAsciiAsAsciiAreWrittenAsBytes() {
        assertThat(WireJson.writesAscii(StandardCharsets.UTF_8)).isTrue();
        assertThat(WireJson.writesAscii(StandardCharsets.US_ASCII)).isTrue();
        assertThat(WireJson.writesAscii(StandardCharsets.ISO_8859_1)).isTrue();
        assertThat(WireJson.writesAscii(StandardCharsets.UTF_16)).isFalse();
        assertThat(WireJson.writesAscii(StandardCharsets.UTF_16LE)).isFalse();
    }
}
