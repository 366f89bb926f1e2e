package org.vici4j.controller.config;

/**
 * One thing wrong with the desired state, where it was written and how to fix it.
 *
 * @param file    file name as given to the loader, or null for a state built in code
 * @param line    1-based line, 0 if unknown
 * @param column  1-based column, 0 if unknown
 * @param path    dotted path of the offending key, e.g. {@code connections.net.children.net.esp_proposals}
 * @param message what is wrong (never contains a secret's value)
 * @param hint    how to fix it, or null
 */
public record ConfigProblem(String file, int line, int column, String path, String message, String hint) {

    public ConfigProblem {
        path = path == null ? "" : path;
        message = message == null ? "" : message;
    }

    /** @return e.g. {@code gw.yaml:12:7: connections.net.remote_ts: bad selector 'x' (hint: ...)} */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        }
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(message);
        if (hint != null && !hint.isEmpty()) {
            sb.append(" (hint: ").append(hint).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
