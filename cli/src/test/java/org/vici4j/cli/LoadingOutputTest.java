package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.cli.testing.FakeCharon.Reply;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.client.message.ViciSection;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code vici load-*} with {@code -o json|yaml}: what was loaded, unloaded and failed, per kind, never a secret. */
class LoadingOutputTest extends FakeCharonTest {

    static final String TWO_CONNS = """
            connections {
              a {
                remote_addrs = 192.0.2.2
                local {
                  auth = psk
                }
                remote {
                  auth = psk
                }
              }
              b {
                remote_addrs = 192.0.2.3
                local {
                  auth = psk
                }
                remote {
                  auth = psk
                }
              }
            }
            secrets {
              ike-a {
                id = a
                secret = very-secret-psk
              }
            }
            """;

    @TempDir
    Path dir;

    private Path conf() throws Exception {
        Path f = dir.resolve("swanctl.conf");
        Files.writeString(f, TWO_CONNS);
        return f;
    }

    /** charon had b and old loaded; it refuses b. */
    private void charonRefusingB() {
        charon.respond("get-conns", ViciSection.builder().addList("conns", "b", "old").build());
        charon.on("load-conn", m -> Reply.of(m.section("b").isPresent() ? failed("invalid value for: b") : ok()));
        charon.respond("unload-conn", ok());
    }

    @Test
    void loadConnsJsonSaysWhatWasLoadedUnloadedAndFailedAndExitsOneOnAFailure() throws Exception {
        charonRefusingB();
        Result r = vici("load-conns", "--file", conf().toString(), "-o", "json");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode conns = Fixtures.parse(r.out()).path("connections");
        assertThat(conns.path("loaded").toString()).isEqualTo("[\"a\"]");
        assertThat(conns.path("unloaded").toString()).isEqualTo("[\"old\"]");
        assertThat(conns.path("failed").path("b").asText()).isEqualTo("invalid value for: b");
        assertThat(Fixtures.parse(r.out()).size()).isEqualTo(1);
        // the diagnostics stay on stderr, as in table output; stdout holds the JSON only
        assertThat(r.err()).contains("loading connection 'b' failed: invalid value for: b")
                .contains("loaded 1 of 2 connections, 1 failed to load, 1 unloaded");
        assertThat(r.out()).doesNotContain("successfully").doesNotContain("loaded connection");
    }

    @Test
    void tableOutputIsSwanctlsAsBefore() throws Exception {
        charonRefusingB();
        Result r = vici("load-conns", "--file", conf().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("loaded connection 'a'\n");
        assertThat(r.err()).isEqualTo("loading connection 'b' failed: invalid value for: b\n"
                + "loaded 1 of 2 connections, 1 failed to load, 1 unloaded\n");
    }

    @Test
    void loadAllYamlListsEveryKindItLoadedWithoutTheSecret() throws Exception {
        charon.respond("get-conns", ViciSection.builder().addList("conns").build());
        charon.respond("get-keys", ViciSection.builder().addList("keys").build());
        charon.respond("get-shared", ViciSection.builder().addList("keys", "ike-gone").build());
        charon.respond("get-authorities", ViciSection.builder().addList("authorities").build());
        charon.respond("get-pools", ViciSection.empty());
        charon.respond("load-shared", ok());
        charon.respond("unload-shared", ok());
        charon.respond("load-conn", ok());
        Result r = vici("load-all", "--file", conf().toString(), "-o", "yaml");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                certs:
                  loaded: []
                  unloaded: []
                  failed: {}
                keys:
                  loaded: []
                  unloaded: []
                  failed: {}
                shared:
                  loaded:
                  - "ike-a"
                  unloaded:
                  - "ike-gone"
                  failed: {}
                authorities:
                  loaded: []
                  unloaded: []
                  failed: {}
                pools:
                  loaded: []
                  unloaded: []
                  failed: {}
                connections:
                  loaded:
                  - "a"
                  - "b"
                  unloaded: []
                  failed: {}
                """);
        assertThat(r.out() + r.err()).doesNotContain("very-secret-psk");
        assertThat(r.err()).isEmpty();
    }
}
