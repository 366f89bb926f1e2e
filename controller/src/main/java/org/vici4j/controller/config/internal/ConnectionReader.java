package org.vici4j.controller.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vici4j.controller.config.AuthRound;
import org.vici4j.controller.config.CertificateSection;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConfigOptions;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.internal.YamlTree.Entry;
import org.vici4j.controller.config.internal.YamlTree.MapNode;
import org.vici4j.controller.config.internal.YamlTree.ScalarNode;

/**
 * Reads a connection ({@code connections.<name>}): its options, authentication rounds ({@code local[-*]},
 * {@code remote[-*]} with their certificate sections), children and retry section.
 */
final class ConnectionReader {

    /** A connection as read; its retry section is completed from the controller's once every file is read. */
    record Pending(ConnectionConfig.Builder builder, RetryReader.Spec retry) {
    }

    private final ReadContext ctx;
    private final OptionReader options;
    private final ChildReader childReader;
    private final RetryReader retries;

    ConnectionReader(ReadContext ctx, OptionReader options, RetryReader retries) {
        this.ctx = ctx;
        this.options = options;
        this.childReader = new ChildReader(ctx, options);
        this.retries = retries;
    }

    /** @return the connection and its retry section as written, or null if its body is not a section */
    Pending read(String name, Entry e, String path) {
        MapNode m = ctx.body(e, path);
        if (m == null) {
            return null;
        }
        ConnectionConfig.Builder b = ConnectionConfig.builder(name);
        ConfigOptions.Builder opts = ConfigOptions.builder();
        RetryReader.Spec retry = null;
        for (Entry x : ctx.unique(m, path)) {
            String p = path + "." + x.key();
            ctx.map().key(p, x.keyLocation());
            String lower = x.key().toLowerCase(Locale.ROOT);
            if (x.key().equals(Schema.CHILDREN)) {
                MapNode children = ctx.body(x, p);
                if (children != null) {
                    for (Entry c : ctx.unique(children, p)) {
                        ctx.map().key(p + "." + c.key(), c.keyLocation());
                        ChildConfig child = childReader.read(c, p + "." + c.key());
                        if (child != null) {
                            b.child(child);
                        }
                    }
                }
            } else if (x.key().equals(Schema.RETRY)) {
                retry = retries.read(x, p);
            } else if ((lower.startsWith("local") || lower.startsWith("remote"))
                    && Schema.option(Schema.Context.CONNECTION, x.key()).isEmpty()
                    && (x.value() instanceof MapNode || x.value() instanceof ScalarNode sn && sn.isNull()
                        || lower.matches("(local|remote)(-.*)?"))) {
                AuthRound a = auth(x, p);
                if (a != null) {
                    b.auth(a);
                }
            } else if (x.value() instanceof MapNode) {
                ctx.problem(x.keyLocation(), p, "unknown section '" + x.key() + "'",
                        Suggest.nearest(x.key(), List.of("children", "local", "remote", "retry"))
                                .map(s -> "did you mean " + s + "?")
                                .orElse("a connection has sections local[-*], remote[-*], children and retry; everything else is an option"));
            } else {
                options.option(Schema.Context.CONNECTION, x, p, opts);
            }
        }
        b.options(opts.build());
        return new Pending(b, retry);
    }

    private AuthRound auth(Entry e, String path) {
        MapNode m = ctx.body(e, path);
        if (m == null) {
            return null;
        }
        List<CertificateSection> certificates = new ArrayList<>();
        ConfigOptions.Builder opts = ConfigOptions.builder();
        for (Entry x : ctx.unique(m, path)) {
            String p = path + "." + x.key();
            ctx.map().key(p, x.keyLocation());
            String lower = x.key().toLowerCase(Locale.ROOT);
            if (x.value() instanceof MapNode cm) {
                if (lower.startsWith("cert") || lower.startsWith("cacert")) {
                    ConfigOptions.Builder co = ConfigOptions.builder();
                    for (Entry ce : ctx.unique(cm, p)) {
                        String cp = p + "." + ce.key();
                        ctx.map().key(cp, ce.keyLocation());
                        if (ce.value() instanceof MapNode) {
                            ctx.problem(ce.keyLocation(), cp, "unexpected section '" + ce.key() + "'",
                                    "a certificate section takes file, handle, slot and module");
                        } else {
                            options.option(Schema.Context.CERT, ce, cp, co);
                        }
                    }
                    certificates.add(new CertificateSection(x.key(), co.build()));
                } else {
                    ctx.problem(x.keyLocation(), p, "unknown section '" + x.key() + "'",
                            "only cert<suffix> and cacert<suffix> sections are allowed in an authentication round");
                }
            } else {
                options.option(Schema.Context.AUTH, x, p, opts);
            }
        }
        return new AuthRound(e.key(), opts.build(), certificates);
    }
}
