package org.vici4j.controller.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.vici4j.client.message.ViciSection;

/** Reads the event streams captured from real charon 5.9.8 (test resources under reference/charon-5.9.8). */
public final class ReferenceStreams {

    /** One captured event. */
    public record Event(String name, ViciSection message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceStreams() {
    }

    /** @param path e.g. {@code initiator-install-failure/initiator-events.jsonl} */
    public static List<Event> events(String path) {
        String res = "/reference/charon-5.9.8/" + path;
        try (InputStream in = ReferenceStreams.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + res);
            }
            List<Event> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                out.add(new Event(n.get("event").asText(), section(n.get("message"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the lines of swanctl's output for the initiate (first line: "initiate failed: ..." if it failed) */
    public static List<String> swanctlInitiate(String scenario) {
        String res = "/reference/charon-5.9.8/" + scenario + "/swanctl-initiate.txt";
        try (InputStream in = ReferenceStreams.class.getResourceAsStream(res)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts a JSON object into a VICI section: strings to values, arrays to lists, objects to sections. */
    public static ViciSection section(JsonNode obj) {
        ViciSection.Builder b = ViciSection.builder();
        fill(b, obj);
        return b.build();
    }

    private static void fill(ViciSection.Builder b, JsonNode obj) {
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                b.beginSection(e.getKey());
                fill(b, v);
                b.endSection();
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(x.asText()));
                b.addList(e.getKey(), items);
            } else {
                b.add(e.getKey(), v.asText());
            }
        }
    }
}
