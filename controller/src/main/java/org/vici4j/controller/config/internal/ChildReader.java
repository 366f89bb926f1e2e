package org.vici4j.controller.config.internal;

import java.util.List;
import java.util.Optional;

import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConfigOptions;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.MapNode;

/** Reads a child of a connection ({@code connections.<name>.children.<child>}): its options and {@code ensure}. */
final class ChildReader {

    private final ReadContext ctx;
    private final OptionReader options;

    ChildReader(ReadContext ctx, OptionReader options) {
        this.ctx = ctx;
        this.options = options;
    }

    ChildConfig read(Entry e, String path) {
        MapNode m = ctx.body(e, path);
        if (m == null) {
            return null;
        }
        ConfigOptions.Builder opts = ConfigOptions.builder();
        Ensure ensure = Ensure.LOADED;
        for (Entry x : ctx.unique(m, path)) {
            String p = path + "." + x.key();
            ctx.map().key(p, x.keyLocation());
            if (x.key().equals(Schema.ENSURE)) {
                Optional<String> word = ctx.scalar(x, p);
                if (word.isPresent()) {
                    Optional<Ensure> en = Ensure.fromWord(word.get());
                    if (en.isPresent()) {
                        ensure = en.get();
                    } else {
                        ctx.problem(x.value().location(), p, "unknown ensure '" + word.get() + "'",
                                "use up, trap or loaded" + Suggest.nearest(word.get(), List.of("up", "trap", "loaded"))
                                        .map(s -> "; did you mean " + s + "?").orElse(""));
                    }
                }
            } else if (x.value() instanceof MapNode) {
                ctx.problem(x.keyLocation(), p, "unexpected section '" + x.key() + "' in a child",
                        Suggest.nearest(x.key(), Schema.keys(Schema.Context.CHILD)).map(s -> "did you mean " + s + "?")
                                .orElse("a child has options only"));
            } else {
                options.option(Schema.Context.CHILD, x, p, opts);
            }
        }
        return new ChildConfig(e.key(), opts.build(), ensure);
    }
}
