package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal DER reader for what the certificate listing prints byte for byte as strongSwan does (DN
 * attribute values, general names, key identifiers): one element is its tag and its content.
 */
record Der(int tag, byte[] content) {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    /** @return the single element encoded in {@code der} */
    static Der parse(byte[] der) {
        List<Der> all = parseAll(der);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one DER element, found " + all.size());
        }
        return all.get(0);
    }

    /** @return the elements encoded one after another in {@code der} */
    static List<Der> parseAll(byte[] der) {
        List<Der> out = new ArrayList<>();
        int pos = 0;
        while (pos < der.length) {
            int tag = der[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte DER tags are not supported");
            }
            if (pos >= der.length) {
                throw new IllegalArgumentException("truncated DER length");
            }
            int len = der[pos++] & 0xff;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 3 || pos + n > der.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[pos++] & 0xff);
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite DER length");
            }
            if (pos + len > der.length) {
                throw new IllegalArgumentException("truncated DER element");
            }
            out.add(new Der(tag, Arrays.copyOfRange(der, pos, pos + len)));
            pos += len;
        }
        return out;
    }

    /** @return the elements inside this constructed element */
    List<Der> children() {
        return parseAll(content);
    }

    /** @return the tag number of a context-specific tag ({@code [n]}), or -1 */
    int contextNumber() {
        return (tag & 0xc0) == 0x80 ? tag & 0x1f : -1;
    }

    /** @return the dotted form of an OBJECT IDENTIFIER's content */
    static String oidString(byte[] oid) {
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : oid) {
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = value < 80 ? (int) (value / 40) : 2;
                    sb.append(top).append('.').append(value - top * 40L);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            }
        }
        return sb.toString();
    }
}
