package org.vici4j.client.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciSection;

/**
 * Loads the real charon answers in src/test/resources/org/vici4j/client/command/charon-5.9.8
 * (JSON lines) as {@link ViciSection}s, with a minimal JSON reader for exactly that shape:
 * objects, arrays of strings, strings, {"__base64__": ...} for binary values.
 */
final class Fixtures {

    /** One captured exchange: the streamed events, the request and the response. */
    record Capture(String command, String event, List<ViciSection> events, ViciSection request, ViciSection response,
            boolean unknownCommand) {
    }

    private Fixtures() {
    }

    static Capture capture(String name) {
        String resource = "charon-5.9.8/" + name + ".jsonl";
        List<ViciSection> events = new ArrayList<>();
        String event = null;
        for (String line : lines(resource)) {
            Map<String, Object> obj = asMap(new Reader(line).value());
            if (obj.containsKey("event")) {
                event = (String) obj.get("event");
                events.add(toSection(asMap(obj.get("message"))));
            } else {
                Map<String, Object> resp = asMap(obj.get("response"));
                boolean unknown = "CMD_UNKNOWN".equals(resp.get("__packet__"));
                return new Capture((String) obj.get("command"), event, List.copyOf(events),
                        toSection(asMap(obj.get("request"))), unknown ? ViciSection.empty() : toSection(resp),
                        unknown);
            }
        }
        throw new IllegalStateException(resource + " has no command line");
    }

    /** The event messages of a reference file of /work/shared (copied), optionally only those named {@code event}. */
    static List<ViciSection> events(String name, String event) {
        List<ViciSection> out = new ArrayList<>();
        for (String line : lines("charon-5.9.8/" + name + ".jsonl")) {
            Map<String, Object> obj = asMap(new Reader(line).value());
            if (event == null || event.equals(obj.get("event"))) {
                out.add(toSection(asMap(obj.get("message"))));
            }
        }
        return out;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static ViciSection toSection(Map<String, Object> map) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                b.add(e.getKey(), s);
            } else if (v instanceof List<?> l) {
                b.addList(e.getKey(), (List<String>) l);
            } else {
                Map<String, Object> m = asMap(v);
                if (m.size() == 1 && m.get("__base64__") instanceof String b64) {
                    b.add(e.getKey(), Base64.getDecoder().decode(b64));
                } else {
                    b.addSection(e.getKey(), toSection(m));
                }
            }
        }
        return b.build();
    }

    /** Just enough JSON: objects, arrays, strings (with escapes). */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    skip();
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    expect(']');
                    return l;
                }
            }
            return string();
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalStateException("expected '" + c + "' at " + i + " in " + s);
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
