package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.cli.internal.Values;
import org.vici4j.cli.testing.FakeCharon;
import org.vici4j.cli.testing.FakeCharon.Event;
import org.vici4j.cli.testing.FakeCharon.Reply;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Property: random VICI messages (keys and values YAML readers like to retype: {@code 2024}, {@code 1_000},
 * {@code 2001-12-14}, {@code yes}, {@code ~}, {@code 0x1F}, {@code 1:20}, control characters, non-UTF-8
 * bytes, ...) printed by {@code vici list-sas -o json|yaml} and {@code vici stats -o yaml} and read back by
 * standard readers (Jackson for JSON; SnakeYAML, a YAML 1.1 reader with 1.1's implicit types, and Jackson's
 * YAML mapper) give the same tree with every key and value a string.
 */
class OutputRoundTripTest extends FakeCharonTest {

    static final List<String> TRICKY = List.of("2024", "1_000", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "yes",
            "No", "ON", "off", "y", "n", "true", "False", "~", "null", "Null", "", "0x1F", "0o17", "017", "1e3", "1.5",
            ".inf", "-.Inf", ".NaN", "1:20", "190:20:30", "+1", "-1", "<<", "=", "-", "- x", "a: b", "#c", "x #c", "@x",
            "!tag", "*alias", "&anchor", "%x", "`x", "'q", "\"dq", "[a]", "{b}", "a,b", "?", "|", ">", " lead",
            "trail ", "tab\there", "line\nbreak", "grüezi", "\u2028", "\ufeffbom", "\u0085nel", "key", "local-ts",
            "net-1", "a/b", "x.y", "--", "...", "---", "\\", "base64:x", "😀");

    @Test
    void randomMessagesComeBackAsStringsFromJsonAndYamlReaders() throws Exception {
        long seed = 0x5eed2026L;
        Random random = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        YAMLMapper yamlMapper = new YAMLMapper();
        for (int round = 0; round < 60; round++) {
            List<ViciSection> events = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                events.add(section(random, 0));
            }
            ViciSection single = section(random, 0);
            charon.on("list-sas", m -> new Reply(events.stream().map(e -> new Event("list-sa", e)).toList(),
                    ViciSection.empty()));
            charon.respond("stats", single);
            List<Object> expected = new ArrayList<>();
            for (ViciSection e : events) {
                expected.add(tree(e));
            }
            String context = "seed " + seed + ", round " + round;

            Result j = vici("list-sas", "-o", "json");
            assertThat(j.exit()).as(context + ": " + j).isZero();
            assertThat(json.readValue(j.out(), Object.class)).as(context + " JSON:\n" + j.out()).isEqualTo(expected);

            Result y = vici("list-sas", "-o", "yaml");
            assertThat(y.exit()).as(context + ": " + y).isZero();
            assertThat((Object) yaml11().load(y.out())).as(context + " YAML (SnakeYAML, 1.1):\n" + y.out())
                    .isEqualTo(expected);
            assertThat(yamlMapper.readValue(y.out(), Object.class)).as(context + " YAML (Jackson):\n" + y.out())
                    .isEqualTo(expected);

            Result s = vici("stats", "-o", "yaml");
            assertThat(s.exit()).as(context + ": " + s).isZero();
            assertThat((Object) yaml11().load(s.out())).as(context + " YAML:\n" + s.out()).isEqualTo(tree(single));
        }
    }

    static Yaml yaml11() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    /** A random section: unique keys (YAML and JSON readers keep one of duplicates), values, lists, subsections. */
    static ViciSection section(Random random, int depth) {
        ViciSection.Builder b = ViciSection.builder();
        List<String> used = new ArrayList<>();
        int entries = random.nextInt(depth == 0 ? 6 : 4) + (depth == 0 ? 1 : 0);
        for (int i = 0; i < entries; i++) {
            String key = text(random);
            if (used.contains(key) || key.getBytes(StandardCharsets.UTF_8).length > 255) {
                continue;
            }
            used.add(key);
            int kind = random.nextInt(10);
            if (kind < 6) {
                b.add(key, value(random));
            } else if (kind < 8) {
                List<ViciValue> values = new ArrayList<>();
                for (int k = random.nextInt(4); k > 0; k--) {
                    values.add(value(random));
                }
                b.add(key, ViciList.of(values));
            } else if (depth < 3) {
                b.addSection(key, section(random, depth + 1));
            } else {
                b.add(key, value(random));
            }
        }
        return b.build();
    }

    static ViciValue value(Random random) {
        if (random.nextInt(8) == 0) {
            byte[] bytes = new byte[random.nextInt(6)];
            random.nextBytes(bytes);
            return ViciValue.of(bytes);
        }
        return ViciValue.of(text(random));
    }

    static String text(Random random) {
        if (random.nextInt(3) > 0) {
            return TRICKY.get(random.nextInt(TRICKY.size()));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int cp = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x20);            // control characters
                case 1 -> 0x20 + random.nextInt(0x5f);     // printable ASCII
                case 2 -> 0xa0 + random.nextInt(0x160);    // Latin
                case 3 -> 0x4e00 + random.nextInt(0x100);  // CJK
                case 4 -> 0x1f600 + random.nextInt(0x40);  // emoji, outside the BMP
                default -> "0123456789:-_.+eE".charAt(random.nextInt(17));
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** The tree a reader must give back: maps, lists and strings (values in the form of {@link Values#text}). */
    static Map<String, Object> tree(ViciSection section) {
        Map<String, Object> m = new LinkedHashMap<>();
        section.entries().forEach(e -> {
            if (e.getValue() instanceof ViciSection s) {
                m.put(e.getKey(), tree(s));
            } else if (e.getValue() instanceof ViciList l) {
                m.put(e.getKey(), l.values().stream().map(Values::text).toList());
            } else {
                m.put(e.getKey(), Values.text((ViciValue) e.getValue()));
            }
        });
        return m;
    }
}
