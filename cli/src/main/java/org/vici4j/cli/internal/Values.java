package org.vici4j.cli.internal;

import java.util.Base64;

import org.vici4j.client.message.ViciValue;

/**
 * The lossless text form of VICI values in JSON and YAML output.
 *
 * <p>A value is printed as its UTF-8 text, except when it is not valid UTF-8 or when its text starts
 * with {@value #BASE64_PREFIX}: then it is printed as {@value #BASE64_PREFIX} followed by the standard
 * base64 encoding (RFC 4648, with padding) of its bytes. To get the bytes back: if the string starts
 * with {@value #BASE64_PREFIX}, base64-decode the rest; otherwise encode the string as UTF-8.
 */
public final class Values {

    /** Prefix of values printed in base64. */
    public static final String BASE64_PREFIX = "base64:";

    private Values() {
    }

    /** @return the lossless text form of {@code value} */
    public static String text(ViciValue value) {
        if (value.isUtf8()) {
            String s = value.asString();
            if (!s.startsWith(BASE64_PREFIX)) {
                return s;
            }
        }
        return BASE64_PREFIX + Base64.getEncoder().encodeToString(value.bytes());
    }

    /** @return the value back from its lossless text form */
    public static ViciValue parse(String text) {
        if (text.startsWith(BASE64_PREFIX)) {
            return ViciValue.of(Base64.getDecoder().decode(text.substring(BASE64_PREFIX.length())));
        }
        return ViciValue.of(text);
    }

    /** @return a human form for tables: the text, or 0x-hex when not UTF-8 */
    public static String human(ViciValue value) {
        return value.toString();
    }
}
