package org.vici4j.lab.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Iterator;
import java.util.Map;
import org.vici4j.lab.LabException;

/**
 * Turns YAML written in swanctl.conf's vocabulary into swanctl.conf text: mappings become
 * sections, scalars key = value, lists of scalars comma-separated values.
 */
public final class SwanctlConfWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SwanctlConfWriter() {
    }

    public static String fromYaml(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new LabException("invalid YAML configuration: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LabException("a YAML configuration must be a mapping at the top (connections:, secrets:, ...)");
        }
        StringBuilder out = new StringBuilder();
        writeSection(root, "", out, "");
        return out.toString();
    }

    private static void writeSection(JsonNode node, String indent, StringBuilder out, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            String where = path.isEmpty() ? key : path + "." + key;
            if (!key.matches("[A-Za-z0-9_.\\-]+")) {
                throw new LabException("key '" + where + "' cannot be written to swanctl.conf: use letters, digits, '-', '_' or '.'");
            }
            JsonNode v = e.getValue();
            if (v.isObject()) {
                out.append(indent).append(key).append(" {\n");
                writeSection(v, indent + "  ", out, where);
                out.append(indent).append("}\n");
            } else if (v.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (JsonNode item : v) {
                    if (item.isContainerNode()) {
                        throw new LabException("list '" + where + "' may hold only values, not mappings or lists");
                    }
                    if (joined.length() > 0) {
                        joined.append(", ");
                    }
                    joined.append(value(item, where));
                }
                out.append(indent).append(key).append(" = ").append(joined).append('\n');
            } else {
                out.append(indent).append(key).append(" = ").append(value(v, where)).append('\n');
            }
        }
    }

    private static String value(JsonNode v, String where) {
        if (v.isBoolean()) {
            // YAML 1.1 reads a bare yes/no as a boolean; charon's options (booleans and enums
            // such as hw_offload = no|yes|auto) are spelled yes/no.
            return v.booleanValue() ? "yes" : "no";
        }
        String text = v.isNull() ? "" : v.asText();
        if (text.contains("\n")) {
            throw new LabException("value of '" + where + "' spans lines; swanctl.conf values are single lines");
        }
        if (text.isEmpty() || text.matches(".*[\\s{}=,#\"].*")) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return text;
    }
}
