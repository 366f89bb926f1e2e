package org.vici4j.client.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds wire bytes by hand for tests, element by element, independently of the encoder. */
final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes packet(int type) {
        return new Bytes().u8(type);
    }

    static Bytes message() {
        return new Bytes();
    }

    Bytes u8(int value) {
        out.write(value);
        return this;
    }

    Bytes u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Bytes ascii(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A 1-byte length followed by the name. */
    Bytes name(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return u8(bytes.length).raw(bytes);
    }

    /** A 2-byte length followed by the value. */
    Bytes value(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return u16(bytes.length).raw(bytes);
    }

    Bytes sectionStart(String name) {
        return u8(1).name(name);
    }

    Bytes sectionEnd() {
        return u8(2);
    }

    Bytes keyValue(String key, String value) {
        return u8(3).name(key).value(value);
    }

    Bytes listStart(String name) {
        return u8(4).name(name);
    }

    Bytes listItem(String value) {
        return u8(5).value(value);
    }

    Bytes listEnd() {
        return u8(6);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
