package org.vici4j.controller.config.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciValue;
import org.vici4j.controller.config.ConfigOptions;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.Location;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.Node;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;
import org.vici4j.controller.config.internal.YamlTree.SeqNode;

/**
 * Reads charon options (a value or a list) into {@link ConfigOptions}, resolving certificate and key file
 * references; used by every section that holds charon options.
 */
final class OptionReader {

    private final ReadContext ctx;

    OptionReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** Reads one option (value or list) into opts, resolving file references for certs/cacerts/pubkeys/cacert. */
    void option(Schema.Context context, Entry x, String p, ConfigOptions.Builder opts) {
        Optional<Schema.Option> spec = Schema.option(context, x.key());
        boolean list = spec.map(Schema.Option::list).orElse(false);
        Node v = x.value();
        ctx.map().value(p, v.location());
        List<String> items = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        boolean listFromScalar = true;
        if (v instanceof ScalarNode s) {
            if (s.isNull()) {
                ctx.problem(s.location(), p, "no value for '" + x.key() + "'",
                        "give " + spec.map(Schema.Option::describe).orElse("a value") + ", or remove the key to use charon's default");
                return;
            }
            if (list) {
                items.addAll(Schema.splitList(s.text()));
                if (items.isEmpty()) {
                    items.add("");
                }
                items.forEach(i -> locations.add(s.location()));
            } else {
                items.add(s.text());
                locations.add(s.location());
                listFromScalar = false;
            }
        } else if (v instanceof SeqNode seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                Node item = seq.items().get(i);
                if (item instanceof ScalarNode is && !is.isNull()) {
                    items.add(is.text());
                    locations.add(is.location());
                    ctx.map().value(p + "[" + i + "]", is.location());
                } else {
                    ctx.problem(item.location(), p + "[" + i + "]", "list item is " + item.kind(), "each item must be a plain value");
                    return;
                }
            }
        }
        boolean asList = listFromScalar || v instanceof SeqNode;
        Schema.Kind kind = spec.map(Schema.Option::kind).orElse(Schema.Kind.STRING);
        if (kind == Schema.Kind.FILES || kind == Schema.Kind.FILE) {
            List<ViciValue> blobs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                readCertificate(items.get(i), locations.get(i), asList ? p + "[" + i + "]" : p, x.key()).ifPresent(blobs::add);
            }
            if (blobs.size() == items.size()) {
                if (kind == Schema.Kind.FILE && !asList) {
                    opts.setItem(x.key(), blobs.get(0));
                } else if (kind == Schema.Kind.FILE) {
                    ctx.problem(v.location(), p, x.key() + " takes one file, not a list", "give one file name");
                } else {
                    opts.setItem(x.key(), ViciList.of(blobs));
                }
            }
            return;
        }
        if (asList) {
            opts.setList(x.key(), items);
        } else {
            opts.set(x.key(), items.get(0));
        }
    }

    private Optional<ViciValue> readCertificate(String ref, Location loc, String path, String key) {
        String lower = ref.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("0x")) {
                return Optional.of(ViciValue.of(HexFormat.of().parseHex(ref.substring(2))));
            }
            if (lower.startsWith("0s")) {
                return Optional.of(ViciValue.of(Base64.getMimeDecoder().decode(ref.substring(2))));
            }
        } catch (IllegalArgumentException ex) {
            ctx.problem(loc, path, "bad " + (lower.startsWith("0x") ? "hex" : "base64") + " data in " + key,
                    "after 0x give hex digits, after 0s base64");
            return Optional.empty();
        }
        Path f = ctx.resolve(ref);
        try {
            byte[] data = BoundedFiles.read(f, BoundedFiles.CERTIFICATE_LIMIT, key + " file");
            if (data.length == 0) {
                ctx.problem(loc, path, "file " + f + " is empty", "give a PEM or DER certificate/public key file");
                return Optional.empty();
            }
            return Optional.of(ViciValue.of(data));
        } catch (BoundedFiles.Refused ex) {
            ctx.problem(loc, path, "cannot read " + key + " file " + f + ": " + ex.reason(),
                    ex.hint() + "; relative paths are relative to the directory of the YAML file");
            return Optional.empty();
        }
    }

    /**
     * The options of a section that holds options only (a pool, an authority): a sub-section is a problem
     * ("unexpected section 'x' in {@code inWhat}", with {@code hint}). Empty if the section has no body.
     */
    Optional<ConfigOptions> flatOptions(Entry e, String path, Schema.Context context, String inWhat,
            String hint) {
        MapNode m = ctx.body(e, path);
        if (m == null) {
            return Optional.empty();
        }
        ConfigOptions.Builder opts = ConfigOptions.builder();
        for (Entry x : ctx.unique(m, path)) {
            String p = path + "." + x.key();
            ctx.map().key(p, x.keyLocation());
            if (x.value() instanceof MapNode) {
                ctx.problem(x.keyLocation(), p, "unexpected section '" + x.key() + "' in " + inWhat, hint);
            } else {
                option(context, x, p, opts);
            }
        }
        return Optional.of(opts.build());
    }
}
