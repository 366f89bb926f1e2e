package org.vici4j.client.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vici4j.client.ProtocolException;

/** A corpus of malformed packet bodies, each with the exact error the decoder must report. */
class MalformedInputTest {

    private static final int CMD_RESPONSE = 1;

    static Stream<Arguments> corpus() {
        return Stream.of(
                bad("empty packet", new byte[0],
                        "malformed VICI packet at byte offset 0: the packet is empty, but it must start"
                                + " with a 1-byte packet type"),
                bad("unknown packet type 8", new byte[] {8},
                        "malformed VICI packet at byte offset 0: unknown packet type 8 (valid types are 0..7);"
                                + " the peer does not speak VICI or the stream is out of sync"),
                bad("unknown packet type 255", new byte[] {(byte) 255, 0, 0},
                        "malformed VICI packet at byte offset 0: unknown packet type 255"),
                bad("named packet without name length", new byte[] {0},
                        "truncated VICI message at byte offset 1: packet name of CMD_REQUEST: the 1-byte"
                                + " length is missing"),
                bad("packet name longer than packet", Bytes.packet(7).u8(5).ascii("ab").bytes(),
                        "truncated VICI message at byte offset 1: packet name of EVENT has length 5 but only 2"
                                + " byte(s) remain"),
                bad("SECTION_END at top level", msg().keyValue("a", "b").sectionEnd().bytes(),
                        "malformed VICI message at byte offset 7: SECTION_END (2) at top level without a"
                                + " matching SECTION_START"),
                bad("missing SECTION_END", msg().sectionStart("s").sectionStart("t").sectionEnd().bytes(),
                        "malformed VICI message at byte offset 8: the message ends inside section 's'"
                                + " (1 section(s) open); SECTION_END is missing"),
                bad("list inside list", msg().listStart("l").listStart("m").bytes(),
                        "malformed VICI message at byte offset 4: LIST_START (4) inside list 'l'; lists cannot"
                                + " nest"),
                bad("key/value inside list", msg().listStart("l").keyValue("k", "v").bytes(),
                        "malformed VICI message at byte offset 4: KEY_VALUE (3) inside list 'l'; lists hold"
                                + " only LIST_ITEM values"),
                bad("section inside list", msg().listStart("l").listItem("x").sectionStart("s").bytes(),
                        "malformed VICI message at byte offset 8: SECTION_START (1) inside list 'l'; lists"
                                + " hold only LIST_ITEM values"),
                bad("section end inside list",
                        msg().sectionStart("s").listStart("l").sectionEnd().bytes(),
                        "malformed VICI message at byte offset 7: SECTION_END (2) inside list 'l';"
                                + " LIST_END is missing"),
                bad("LIST_ITEM outside list", msg().listItem("x").bytes(),
                        "malformed VICI message at byte offset 1: LIST_ITEM (5) outside a list; it must follow"
                                + " LIST_START"),
                bad("LIST_END outside list", msg().listStart("l").listEnd().listEnd().bytes(),
                        "malformed VICI message at byte offset 5: LIST_END (6) outside a list; there is no"
                                + " open LIST_START"),
                bad("unterminated list", msg().listStart("l").listItem("x").bytes(),
                        "malformed VICI message at byte offset 8: the message ends inside list 'l'; LIST_END"
                                + " is missing"),
                bad("unknown element type 0", msg().keyValue("k", "v").u8(0).bytes(),
                        "malformed VICI message at byte offset 7: unknown element type 0 (valid types are"
                                + " 1..6)"),
                bad("unknown element type 7 in list", msg().listStart("l").u8(7).bytes(),
                        "malformed VICI message at byte offset 4: unknown element type 7 (valid types are"
                                + " 1..6)"),
                bad("unknown element type 200", msg().u8(200).bytes(),
                        "malformed VICI message at byte offset 1: unknown element type 200"),
                bad("key name length missing", msg().u8(3).bytes(),
                        "truncated VICI message at byte offset 2: KEY_VALUE name: the 1-byte length is"
                                + " missing"),
                bad("section name beyond end", msg().u8(1).u8(10).ascii("abc").bytes(),
                        "truncated VICI message at byte offset 2: SECTION_START name has length 10 but only 3"
                                + " byte(s) remain"),
                bad("list name beyond end", msg().u8(4).u8(1).bytes(),
                        "truncated VICI message at byte offset 2: LIST_START name has length 1 but only 0"
                                + " byte(s) remain"),
                bad("value length field cut", msg().u8(3).name("k").u8(0).bytes(),
                        "truncated VICI message at byte offset 4: value of 'k': the 2-byte length needs 2"
                                + " bytes but only 1 remain"),
                bad("value beyond end", msg().u8(3).name("k").u16(65535).ascii("xy").bytes(),
                        "truncated VICI message at byte offset 4: value of 'k' has length 65535 but only 2"
                                + " byte(s) remain"),
                bad("list item beyond end", msg().listStart("l").u8(5).u16(3).ascii("x").bytes(),
                        "truncated VICI message at byte offset 5: item of list 'l' has length 3 but only 1"
                                + " byte(s) remain"),
                bad("list item length cut", msg().listStart("l").u8(5).bytes(),
                        "truncated VICI message at byte offset 5: item of list 'l': the 2-byte length needs 2"
                                + " bytes but only 0 remain"),
                bad("trailing bytes after EVENT_CONFIRM", new byte[] {5, 2},
                        "malformed VICI message at byte offset 1: 1 trailing byte(s) after the EVENT_CONFIRM packet,"
                                + " which carries no message"),
                bad("trailing message after EVENT_REGISTER", Bytes.packet(3).name("log").keyValue("k", "v").bytes(),
                        "malformed VICI message at byte offset 5: 6 trailing byte(s) after the EVENT_REGISTER"
                                + " packet, which carries no message"),
                bad("control characters in names are escaped", msg().listStart("l\nx").bytes(),
                        "malformed VICI message at byte offset 6: the message ends inside list 'l\\x0ax';"
                                + " LIST_END is missing"),
                bad("long names are cut in messages", msg().listStart("n".repeat(100)).bytes(),
                        "malformed VICI message at byte offset 103: the message ends inside list '"
                                + "n".repeat(64) + "...'; LIST_END is missing"),
                bad("name not UTF-8", msg().u8(3).u8(2).raw(new byte[] {(byte) 0xc3, 0x28}).value("v").bytes(),
                        "malformed VICI message at byte offset 3: KEY_VALUE name is not valid UTF-8"));
    }

    private static Bytes msg() {
        return Bytes.packet(CMD_RESPONSE);
    }

    private static Arguments bad(String description, byte[] bytes, String expectedMessage) {
        return Arguments.of(description, bytes, expectedMessage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void rejectsWithSpecificMessage(String description, byte[] bytes, String expectedMessage) {
        assertThatThrownBy(() -> ViciDecoder.decode(bytes))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessageStartingWith(expectedMessage);
    }
}
