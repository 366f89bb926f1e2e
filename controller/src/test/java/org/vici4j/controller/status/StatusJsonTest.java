package org.vici4j.controller.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;

class StatusJsonTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:01Z");

    static ControllerStatus sample() {
        Failure f = new Failure(FailureClass.PROPOSAL_MISMATCH_CHILD, Side.PEER, "the peer rejected the CHILD_SA",
                "NO_PROPOSAL_CHOSEN", List.of("[IKE] received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built"), AT);
        return new ControllerStatus(new CharonStatus(true, "5.9.8"), List.of(
                new ConnectionStatus("net", List.of(
                        new ChildStatus("net", Ensure.UP, ChildState.RETRYING, 3, AT.plusSeconds(2), f, AT),
                        new ChildStatus("trap", Ensure.TRAP, ChildState.TRAPPED, 0, null, null))),
                new ConnectionStatus("idle", List.of(new ChildStatus("c", Ensure.LOADED, ChildState.LOADED, 0, null,
                        null)))));
    }

    @Test
    void writesExactlyTheDocumentedShape() throws Exception {
        JsonNode n = new ObjectMapper().readTree(StatusJson.toJson(sample()));
        assertThat(n.get("charon").get("connected").asBoolean()).isTrue();
        assertThat(n.get("charon").get("version").asText()).isEqualTo("5.9.8");
        JsonNode child = n.get("connections").get(0).get("children").get(0);
        assertThat(n.get("connections").get(0).get("name").asText()).isEqualTo("net");
        assertThat(child.get("name").asText()).isEqualTo("net");
        assertThat(child.get("ensure").asText()).isEqualTo("up");
        assertThat(child.get("state").asText()).isEqualTo("retrying");
        assertThat(child.get("since").asText()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(child.get("attempts").asInt()).isEqualTo(3);
        assertThat(child.get("nextAttemptAt").asText()).isEqualTo("2026-01-01T00:00:03Z");
        JsonNode f = child.get("lastFailure");
        assertThat(f.get("class").asText()).isEqualTo("proposal-mismatch-child");
        assertThat(f.get("side").asText()).isEqualTo("peer");
        assertThat(f.get("notify").asText()).isEqualTo("NO_PROPOSAL_CHOSEN");
        assertThat(f.get("evidence").get(0).asText()).startsWith("[IKE] received NO_PROPOSAL_CHOSEN");
        assertThat(f.get("at").asText()).isEqualTo("2026-01-01T00:00:01Z");
        List<String> fields = iter(f);
        assertThat(fields).containsExactly("class", "side", "message", "notify", "evidence", "at");
        assertThat(iter(child)).containsExactly("name", "ensure", "state", "since", "attempts", "nextAttemptAt",
                "lastFailure");
        JsonNode trap = n.get("connections").get(0).get("children").get(1);
        assertThat(trap.get("nextAttemptAt").isNull()).isTrue();
        assertThat(trap.get("lastFailure").isNull()).isTrue();
        assertThat(trap.get("state").asText()).isEqualTo("trapped");
    }

    private static List<String> iter(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void roundTrips() {
        ControllerStatus s = sample();
        assertThat(StatusJson.parse(StatusJson.toJson(s))).isEqualTo(s);
        ControllerStatus none = new ControllerStatus(new CharonStatus(false, null), List.of());
        assertThat(StatusJson.parse(StatusJson.toJson(none))).isEqualTo(none);
    }

    @Test
    void aRefusedDesiredStateRoundTripsAndOldFilesWithoutItAreRead() throws Exception {
        ControllerStatus s = new ControllerStatus(sample().charon(), sample().connections(),
                new DesiredStateRefusal(AT, "it would unload everything this controller loaded"));
        String json = StatusJson.toJson(s);
        JsonNode n = new ObjectMapper().readTree(json);
        assertThat(n.path("refused").path("at").asText()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(n.path("refused").path("reason").asText()).startsWith("it would unload everything");
        assertThat(StatusJson.parse(json)).isEqualTo(s);
        assertThat(new ObjectMapper().readTree(StatusJson.toJson(sample())).get("refused").isNull()).isTrue();
        ControllerStatus old = StatusJson.parse("{\"charon\":{\"connected\":true},\"connections\":[]}");
        assertThat(old.refusal()).isEmpty();
    }

    @Test
    void badJsonSaysWhere() {
        assertThatThrownBy(() -> StatusJson.parse("{\"charon\":{},\"connections\":[{\"name\":\"x\",\"children\":"
                + "[{\"name\":\"c\",\"ensure\":\"sometimes\",\"state\":\"installed\"}]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.connections[0].children[0].ensure").hasMessageContaining("sometimes");
        assertThatThrownBy(() -> StatusJson.parse("[")).hasMessageContaining("not valid JSON");
    }

    @Test
    void fileIsReplacedAtomicallyWithoutLeftovers(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("status.json");
        StatusFile file = new StatusFile(p);
        file.write(ControllerStatus.initial());
        file.write(sample());
        assertThat(file.read()).isEqualTo(sample());
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString()).toList()).containsExactly("status.json");
        }
    }

    @Test
    void unwritableDirectoryGivesAClearError(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> StatusFile.writeAtomically(blocker.resolve("status.json"), "{}"))
                .hasMessageContaining("cannot write").hasMessageContaining("status.json");
    }

    @Test
    void changeLoggerLogsOncePerChange() {
        StatusChangeLogger logger = new StatusChangeLogger();
        ControllerStatus s = sample();
        // charon + 2 children; a child that merely appears as loaded without failure is not worth a line
        assertThat(logger.logChanges(ControllerStatus.initial(), s)).isEqualTo(3);
        assertThat(logger.logChanges(s, s)).isZero();
        ControllerStatus up = new ControllerStatus(s.charon(), List.of(new ConnectionStatus("net", List.of(
                new ChildStatus("net", Ensure.UP, ChildState.INSTALLED, 0, null, s.child("net", "net").get()
                        .lastFailure())))));
        assertThat(logger.logChanges(s, up)).isEqualTo(1);
        assertThat(logger.logChanges(up, up)).isZero();
    }
}
