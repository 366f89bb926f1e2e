package org.vici4j.cli.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.vici4j.client.message.ViciSection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * VICI messages as YAML, written with Jackson's YAML generator, block style: sections are mappings (keys
 * in charon's order), lists sequences. Every value is a double-quoted string in the lossless form of
 * {@link Values}, and a key is written plain only when every YAML 1.1 and 1.2 reader takes it for a string
 * (it starts with a letter, holds only letters, digits and {@code _ - . /}, and is not a boolean or null
 * word such as {@code yes}, {@code off} or {@code null}); any other key ({@code 2024}, {@code 1_000},
 * {@code 2001-12-14}, {@code ~}, {@code yes}) is double-quoted.
 */
public final class Yaml {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(new StringsStayStrings())
            .build();

    private Yaml() {
    }

    /** @return {@code section} as a YAML mapping, ending with a newline */
    public static String of(ViciSection section) {
        StringWriter sw = new StringWriter();
        write(sw, g -> Json.section(g, section));
        return sw.toString();
    }

    /** @return the messages as one YAML sequence of mappings, ending with a newline */
    public static String sequence(List<ViciSection> sections) {
        StringWriter sw = new StringWriter();
        writeSequence(sw, sections);
        return sw.toString();
    }

    /** Writes the messages as one YAML sequence of mappings to {@code out}, ending with a newline. */
    public static void writeSequence(Writer out, List<ViciSection> sections) {
        write(out, g -> {
            g.writeStartArray();
            for (ViciSection s : sections) {
                Json.section(g, s);
            }
            g.writeEndArray();
        });
    }

    /** @return one event as a YAML document ({@code ---}, event, message) */
    public static String event(String name, ViciSection message) {
        StringWriter sw = new StringWriter();
        sw.write("---\n");
        write(sw, g -> {
            g.writeStartObject();
            g.writeStringField("event", name);
            g.writeFieldName("message");
            Json.section(g, message);
            g.writeEndObject();
        });
        return sw.toString();
    }

    /** Writes a document with named top-level members, each a section. */
    public static String members(Map<String, ViciSection> members) {
        StringWriter sw = new StringWriter();
        write(sw, g -> {
            g.writeStartObject();
            for (Map.Entry<String, ViciSection> e : members.entrySet()) {
                g.writeFieldName(e.getKey());
                Json.section(g, e.getValue());
            }
            g.writeEndObject();
        });
        return sw.toString();
    }

    /** @return whether {@code key} may be written plain: every YAML 1.1 and 1.2 reader reads it as this string */
    static boolean plainKey(String key) {
        if (key.isEmpty() || !isAsciiLetter(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != '.' && c != '/') {
                return false;
            }
        }
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "y", "n", "yes", "no", "true", "false", "on", "off", "null" -> false;
            default -> true;
        };
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static void write(Writer out, Json.Body body) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quotes every value and every key that {@link #plainKey} does not allow plain. */
    private static final class StringsStayStrings extends StringQuotingChecker {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return !plainKey(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return true;
        }
    }
}
