package org.vici4j.cli.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * VICI messages as JSON, written with Jackson's streaming generator (jackson-core only: no data binding on
 * the path of simple commands): sections become objects with keys in charon's order (duplicates kept),
 * lists arrays, values strings in the lossless form of {@link Values}. Pretty output is indented by two
 * spaces, {@code "key": value}, {@code {}} and {@code []} when empty.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private Json() {
    }

    /** @return {@code section} as JSON */
    public static String of(ViciSection section, boolean pretty) {
        StringWriter sw = new StringWriter();
        write(sw, pretty, g -> section(g, section));
        return sw.toString();
    }

    /** @return the messages as one JSON array */
    public static String array(List<ViciSection> sections, boolean pretty) {
        StringWriter sw = new StringWriter();
        writeArray(sw, sections, pretty);
        return sw.toString();
    }

    /** Writes the messages as one JSON array to {@code out} (no line break at the end). */
    public static void writeArray(Writer out, List<ViciSection> sections, boolean pretty) {
        write(out, pretty, g -> {
            g.writeStartArray();
            for (ViciSection s : sections) {
                section(g, s);
            }
            g.writeEndArray();
        });
    }

    /** @return {@code {"event": NAME, "message": {...}}} on one line */
    public static String event(String name, ViciSection message) {
        StringWriter sw = new StringWriter();
        write(sw, false, g -> {
            g.writeStartObject();
            g.writeStringField("event", name);
            g.writeFieldName("message");
            section(g, message);
            g.writeEndObject();
        });
        return sw.toString();
    }

    /** @return {@code {"events": [...], "response": {...}}}, indented: a streamed command's whole answer */
    public static String streamed(List<ViciSection> events, ViciSection response) {
        StringWriter sw = new StringWriter();
        write(sw, true, g -> {
            g.writeStartObject();
            g.writeFieldName("events");
            g.writeStartArray();
            for (ViciSection s : events) {
                section(g, s);
            }
            g.writeEndArray();
            g.writeFieldName("response");
            section(g, response);
            g.writeEndObject();
        });
        return sw.toString();
    }

    /** Writes {@code section} as an object. */
    static void section(JsonGenerator g, ViciSection section) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, ViciItem> e : section.entries()) {
            g.writeFieldName(e.getKey());
            ViciItem item = e.getValue();
            if (item instanceof ViciSection s) {
                section(g, s);
            } else if (item instanceof ViciList l) {
                g.writeStartArray();
                for (ViciValue v : l.values()) {
                    g.writeString(Values.text(v));
                }
                g.writeEndArray();
            } else {
                g.writeString(Values.text((ViciValue) item));
            }
        }
        g.writeEndObject();
    }

    /** What is written through a generator. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static void write(Writer out, boolean pretty, Body body) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(prettyPrinter());
            }
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(separators);
        p.indentObjectsWith(indenter);
        p.indentArraysWith(indenter);
        return p;
    }
}
