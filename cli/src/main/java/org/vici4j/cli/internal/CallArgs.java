package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * Builds a VICI message from {@code key=value} arguments of {@code vici call}:
 * <ul>
 * <li>{@code key=value}: a value; {@code key=} an empty value;</li>
 * <li>{@code a.b.c=value}: nested sections ({@code a { b { c = value } }}), merged with other
 *     arguments under the same prefix, in order of first appearance;</li>
 * <li>{@code key=[a,b]}: a list ({@code key=[]} an empty one); a key given more than once collects
 *     its values into a list ({@code key=a key=b} is {@code key=[a,b]});</li>
 * <li>{@code key={}}: an empty section;</li>
 * <li>{@code key=base64:...}: a binary value (the form JSON output uses);</li>
 * <li>a value starting with a backslash is taken literally without it ({@code key=\[x]} is the text
 *     {@code [x]}).</li>
 * </ul>
 */
public final class CallArgs {

    private static final String HINT = "; use key=value, a.b=value for nested sections, key=[a,b] for lists"
            + " (see 'vici call --help')";

    private CallArgs() {
    }

    private sealed interface Node permits Leaf, Branch {
    }

    private static final class Leaf implements Node {
        final List<ViciValue> values = new ArrayList<>();
        boolean list;
    }

    private static final class Branch implements Node {
        final Map<String, Node> children = new LinkedHashMap<>();
    }

    /**
     * @throws IllegalArgumentException naming the argument and what is wrong
     */
    public static ViciSection parse(List<String> args) {
        Branch root = new Branch();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("call argument '" + arg + "' is not key=value" + HINT);
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            String[] path = key.split("\\.", -1);
            for (String p : path) {
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("call argument '" + arg + "' has an empty key part" + HINT);
                }
            }
            Branch parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                Node n = parent.children.computeIfAbsent(path[i], k -> new Branch());
                if (!(n instanceof Branch b)) {
                    throw new IllegalArgumentException("call argument '" + arg + "': '" + String.join(".", List.of(path).subList(0, i + 1))
                            + "' is already a value, it cannot also be a section" + HINT);
                }
                parent = b;
            }
            String last = path[path.length - 1];
            Node existing = parent.children.get(last);
            if (value.equals("{}")) {
                if (existing == null) {
                    parent.children.put(last, new Branch());
                } else if (!(existing instanceof Branch)) {
                    throw new IllegalArgumentException("call argument '" + arg + "': '" + key
                            + "' is already a value, it cannot also be a section" + HINT);
                }
                continue;
            }
            if (existing instanceof Branch) {
                throw new IllegalArgumentException("call argument '" + arg + "': '" + key
                        + "' is already a section, it cannot also be a value" + HINT);
            }
            Leaf leaf = (Leaf) existing;
            if (leaf == null) {
                leaf = new Leaf();
                parent.children.put(last, leaf);
            } else {
                leaf.list = true;
            }
            if (value.startsWith("[") && value.endsWith("]")) {
                leaf.list = true;
                String inner = value.substring(1, value.length() - 1);
                if (!inner.isEmpty()) {
                    for (String item : inner.split(",", -1)) {
                        leaf.values.add(value(item.strip()));
                    }
                }
            } else {
                leaf.values.add(value(value));
            }
        }
        return build(root);
    }

    private static ViciValue value(String text) {
        if (text.startsWith("\\")) {
            return ViciValue.of(text.substring(1));
        }
        try {
            return Values.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("call value '" + text + "' starts with " + Values.BASE64_PREFIX
                    + " but the rest is not base64; write \\" + text + " for the literal text");
        }
    }

    private static ViciSection build(Branch branch) {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, Node> e : branch.children.entrySet()) {
            if (e.getValue() instanceof Branch sub) {
                b.addSection(e.getKey(), build(sub));
            } else {
                Leaf leaf = (Leaf) e.getValue();
                if (leaf.list) {
                    b.add(e.getKey(), ViciList.of(leaf.values));
                } else {
                    b.add(e.getKey(), leaf.values.get(0));
                }
            }
        }
        return b.build();
    }
}
