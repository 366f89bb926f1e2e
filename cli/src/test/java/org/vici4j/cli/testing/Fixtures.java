package org.vici4j.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test data: event streams captured from real charon 5.9.8, and JSON &lt;-&gt; VICI conversions done with Jackson. */
public final class Fixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** @return the events of a captured stream in src/test/resources/charon-5.9.8 */
    public static List<FakeCharon.Event> events(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/charon-5.9.8/" + resource)) {
            List<FakeCharon.Event> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = MAPPER.readTree(line);
                out.add(new FakeCharon.Event(n.get("event").asText(), section(n.get("message"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the first event named {@code name} of a captured stream */
    public static ViciSection event(String resource, String name) {
        return events(resource).stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().message();
    }

    /** @return the events named {@code name} of a captured stream */
    public static List<FakeCharon.Event> only(String resource, String name) {
        return events(resource).stream().filter(e -> e.name().equals(name)).toList();
    }

    /** Converts a JSON object to a section (objects sections, arrays lists, everything else values). */
    public static ViciSection section(JsonNode object) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode v = e.getValue();
            if (v.isObject()) {
                b.addSection(e.getKey(), section(v));
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(i.asText()));
                b.addList(e.getKey(), items);
            } else {
                b.add(e.getKey(), v.asText());
            }
        }
        return b.build();
    }

    /** Converts a section to JSON independently of the CLI's writer (binary values as base64:...). */
    public static ObjectNode json(ViciSection s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            ViciItem item = e.getValue();
            if (item instanceof ViciSection sub) {
                o.set(e.getKey(), json(sub));
            } else if (item instanceof ViciList l) {
                ArrayNode a = o.putArray(e.getKey());
                l.values().forEach(v -> a.add(text(v)));
            } else {
                o.put(e.getKey(), text((ViciValue) item));
            }
        }
        return o;
    }

    private static String text(ViciValue v) {
        if (v.isUtf8() && !v.asString().startsWith("base64:")) {
            return v.asString();
        }
        return "base64:" + java.util.Base64.getEncoder().encodeToString(v.bytes());
    }

    /** Parses JSON text. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
