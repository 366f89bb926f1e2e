package org.vici4j.controller.status;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.failure.Failure;
import org.vici4j.controller.failure.FailureClass;
import org.vici4j.controller.failure.Side;

/**
 * The status JSON of docs/controller.md, both ways:
 *
 * <pre>
 * {"charon": {"connected": true, "state": "connected", "version": "5.9.8", "problem": null},
 *  "connections": [{"name": "net", "children": [{"name": "net", "ensure": "up", "state": "retrying",
 *     "since": "2026-01-01T00:00:01Z", "attempts": 3, "nextAttemptAt": "2026-01-01T00:00:03Z",
 *     "lastFailure": {"class": "install-child-sa-failed", "side": "local", "message": "...",
 *                     "notify": null, "evidence": ["[IKE] ..."], "at": "2026-01-01T00:00:01Z"}}]}],
 *  "refused": null}
 * </pre>
 *
 * {@code refused} is {@code {"at": ..., "reason": ...}} while the latest new desired state was refused (absent in
 * files written before it existed).
 *
 * Timestamps are ISO-8601 UTC instants; absent values are JSON null.
 */
public final class StatusJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    /** @return the status as a JSON tree */
    public static ObjectNode toTree(ControllerStatus status) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode charon = root.putObject("charon");
        charon.put("connected", status.charon().connected());
        charon.put("state", status.charon().state().wireName());
        charon.put("version", status.charon().version());
        charon.put("problem", status.charon().problem());
        ArrayNode conns = root.putArray("connections");
        for (ConnectionStatus c : status.connections()) {
            ObjectNode cn = conns.addObject();
            cn.put("name", c.name());
            ArrayNode children = cn.putArray("children");
            for (ChildStatus ch : c.children()) {
                ObjectNode n = children.addObject();
                n.put("name", ch.name());
                n.put("ensure", ch.ensure().word());
                n.put("state", ch.state().wireName());
                n.put("since", ch.since() == null ? null : ch.since().toString());
                n.put("attempts", ch.attempts());
                n.put("nextAttemptAt", ch.nextAttemptAt() == null ? null : ch.nextAttemptAt().toString());
                if (ch.lastFailure() == null) {
                    n.putNull("lastFailure");
                } else {
                    Failure f = ch.lastFailure();
                    ObjectNode fn = n.putObject("lastFailure");
                    fn.put("class", f.failureClass().wireName());
                    fn.put("side", f.side().wireName());
                    fn.put("message", f.message());
                    fn.put("notify", f.notifyType());
                    ArrayNode ev = fn.putArray("evidence");
                    f.evidence().forEach(ev::add);
                    fn.put("at", f.at().toString());
                }
            }
        }
        if (status.refused() == null) {
            root.putNull("refused");
        } else {
            ObjectNode r = root.putObject("refused");
            r.put("at", status.refused().at().toString());
            r.put("reason", status.refused().reason());
        }
        return root;
    }

    /** @return the status as indented JSON text */
    public static String toJson(ControllerStatus status) {
        return toJson(toTree(status));
    }

    /** @return the status with its writer ({@code "writer": {"pid", "started", "resync"}}) as indented JSON text */
    public static String toJson(ControllerStatus status, StatusWriter writer) {
        ObjectNode tree = toTree(status);
        ObjectNode w = tree.putObject("writer");
        w.put("pid", writer.pid());
        w.put("started", writer.started().map(Instant::toString).orElse(null));
        w.put("resync", writer.resync().toString());
        return toJson(tree);
    }

    /**
     * @return the writer recorded in status JSON, if any (files of controllers before it was recorded have none)
     * @throws IllegalArgumentException if it is there but malformed
     */
    public static java.util.Optional<StatusWriter> writer(String json) {
        JsonNode w;
        try {
            w = MAPPER.readTree(json).get("writer");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("status JSON is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (w == null || w.isNull()) {
            return java.util.Optional.empty();
        }
        if (!w.path("pid").canConvertToLong()) {
            throw new IllegalArgumentException("$.writer.pid: expected a process id");
        }
        try {
            JsonNode started = w.get("started");
            return java.util.Optional.of(new StatusWriter(w.get("pid").asLong(),
                    started == null || started.isNull() ? java.util.Optional.empty()
                            : java.util.Optional.of(Instant.parse(started.asText())),
                    java.time.Duration.parse(w.path("resync").asText())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("$.writer: " + e.getMessage(), e);
        }
    }

    private static String toJson(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write status JSON", e);
        }
    }

    /**
     * Reads status JSON (e.g. a status file written by a controller).
     *
     * @throws IllegalArgumentException saying what is wrong where
     */
    public static ControllerStatus parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("status JSON is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("status JSON must be an object with 'charon' and 'connections'");
        }
        JsonNode ch = require(root, "charon", "$");
        boolean connected = ch.path("connected").asBoolean(false);
        JsonNode stateNode = ch.get("state");
        CharonStatus.State charonState = stateNode == null || stateNode.isNull()
                ? (connected ? CharonStatus.State.CONNECTED : CharonStatus.State.UNREACHABLE)
                : CharonStatus.State.fromWireName(stateNode.asText()).orElseThrow(() -> new IllegalArgumentException(
                        "$.charon.state: unknown value '" + stateNode.asText()
                                + "' (expected connected, unresponsive or unreachable)"));
        CharonStatus charon = new CharonStatus(charonState, text(ch.get("version")), text(ch.get("problem")));
        List<ConnectionStatus> conns = new ArrayList<>();
        JsonNode arr = require(root, "connections", "$");
        for (int i = 0; i < arr.size(); i++) {
            JsonNode c = arr.get(i);
            String where = "$.connections[" + i + "]";
            List<ChildStatus> children = new ArrayList<>();
            JsonNode ca = require(c, "children", where);
            for (int j = 0; j < ca.size(); j++) {
                JsonNode n = ca.get(j);
                String w = where + ".children[" + j + "]";
                Ensure ensure = Ensure.fromWord(require(n, "ensure", w).asText())
                        .orElseThrow(() -> new IllegalArgumentException(w + ".ensure: unknown value '"
                                + n.get("ensure").asText() + "' (expected up, trap or loaded)"));
                ChildState state = ChildState.fromWireName(require(n, "state", w).asText())
                        .orElseThrow(() -> new IllegalArgumentException(w + ".state: unknown value '"
                                + n.get("state").asText() + "'"));
                Failure failure = null;
                JsonNode f = n.get("lastFailure");
                if (f != null && !f.isNull()) {
                    String fw = w + ".lastFailure";
                    FailureClass fc = FailureClass.fromWireName(require(f, "class", fw).asText())
                            .orElseThrow(() -> new IllegalArgumentException(fw + ".class: unknown value '"
                                    + f.get("class").asText() + "'"));
                    Side side = Side.fromWireName(require(f, "side", fw).asText())
                            .orElseThrow(() -> new IllegalArgumentException(fw + ".side: expected local or peer"));
                    List<String> ev = new ArrayList<>();
                    f.path("evidence").forEach(e -> ev.add(e.asText()));
                    failure = new Failure(fc, side, f.path("message").asText(""), text(f.get("notify")), ev,
                            instant(require(f, "at", fw), fw + ".at"));
                }
                JsonNode next = n.get("nextAttemptAt");
                JsonNode since = n.get("since");
                children.add(new ChildStatus(require(n, "name", w).asText(), ensure, state,
                        n.path("attempts").asInt(0),
                        next == null || next.isNull() ? null : instant(next, w + ".nextAttemptAt"), failure,
                        since == null || since.isNull() ? null : instant(since, w + ".since")));
            }
            conns.add(new ConnectionStatus(require(c, "name", where).asText(), children));
        }
        DesiredStateRefusal refused = null;
        JsonNode r = root.get("refused");
        if (r != null && !r.isNull()) {
            refused = new DesiredStateRefusal(instant(require(r, "at", "$.refused"), "$.refused.at"),
                    r.path("reason").asText(""));
        }
        return new ControllerStatus(charon, conns, refused);
    }

    private static JsonNode require(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing '" + key + "'");
        }
        return v;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n, String where) {
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": not an ISO-8601 instant: '" + n.asText() + "'", e);
        }
    }
}
