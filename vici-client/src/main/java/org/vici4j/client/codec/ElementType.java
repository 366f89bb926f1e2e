package org.vici4j.client.codec;

/** Wire codes of the VICI message elements. */
final class ElementType {

    static final int SECTION_START = 1;
    static final int SECTION_END = 2;
    static final int KEY_VALUE = 3;
    static final int LIST_START = 4;
    static final int LIST_ITEM = 5;
    static final int LIST_END = 6;

    private static final String[] NAMES =
            {"?", "SECTION_START", "SECTION_END", "KEY_VALUE", "LIST_START", "LIST_ITEM", "LIST_END"};

    private ElementType() {
    }

    static String name(int code) {
        return code >= SECTION_START && code <= LIST_END ? NAMES[code] + " (" + code + ")" : "type " + code;
    }
}
