package org.vici4j.controller.config.internal;

import java.util.HashMap;
import java.util.Map;
import org.vici4j.controller.config.ConfigProblem;

/**
 * Where each key and value of a desired state was written, by dotted path
 * ({@code connections.net.children.net.local_ts}, list items as {@code ...local_ts[1]}). Empty for a
 * state built in code, then problems carry no file.
 */
public final class SourceMap {

    private final Map<String, YamlTree.Location> keys = new HashMap<>();
    private final Map<String, YamlTree.Location> values = new HashMap<>();

    public void key(String path, YamlTree.Location location) {
        keys.putIfAbsent(path, location);
    }

    public void value(String path, YamlTree.Location location) {
        values.putIfAbsent(path, location);
    }

    /** @return the location of the key at path, or of the closest enclosing key */
    public YamlTree.Location keyLocation(String path) {
        for (String p = path; p != null; p = parent(p)) {
            YamlTree.Location l = keys.get(p);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /** @return the location of the value at path (falling back to its key, then enclosing keys) */
    public YamlTree.Location valueLocation(String path) {
        YamlTree.Location l = values.get(path);
        if (l == null && path.endsWith("]")) {
            l = values.get(path.substring(0, path.lastIndexOf('[')));
        }
        return l != null ? l : keyLocation(path.endsWith("]") ? path.substring(0, path.lastIndexOf('[')) : path);
    }

    static String parent(String path) {
        int i = path.lastIndexOf('.');
        return i < 0 ? null : path.substring(0, i);
    }

    /** @return a problem located at the key of path */
    public ConfigProblem atKey(String path, String message, String hint) {
        return at(keyLocation(path), path, message, hint);
    }

    /** @return a problem located at the value of path */
    public ConfigProblem atValue(String path, String message, String hint) {
        return at(valueLocation(path), path, message, hint);
    }

    public static ConfigProblem at(YamlTree.Location l, String path, String message, String hint) {
        return l == null ? new ConfigProblem(null, 0, 0, path, message, hint)
                : new ConfigProblem(l.file(), l.line(), l.column(), path, message, hint);
    }
}
