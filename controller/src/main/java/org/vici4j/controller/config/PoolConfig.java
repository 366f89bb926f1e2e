package org.vici4j.controller.config;

import java.util.Objects;
import org.vici4j.client.command.LoadPoolRequest;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.internal.Schema;

/** A virtual IP / attribute pool under {@code pools.<name>}: {@code addrs} and attribute lists. */
public record PoolConfig(String name, ConfigOptions options) {

    public PoolConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
    }

    /** @return a pool from swanctl-style options (attribute values comma separated or lists) */
    public static PoolConfig of(String name, java.util.Map<String, String> options) {
        ConfigOptions.Builder b = ConfigOptions.builder();
        options.forEach((k, v) -> {
            if (Schema.isList(Schema.Context.POOL, k)) {
                b.setList(k, Schema.splitList(v));
            } else {
                b.set(k, v);
            }
        });
        return new PoolConfig(name, b.build());
    }

    /** @return the {@code load-pool} request */
    public LoadPoolRequest toLoadPool() {
        return new LoadPoolRequest(name, options.toSection());
    }

    /** @return the message of {@link #toLoadPool()}: a section named after the pool */
    public ViciSection toLoadPoolRequest() {
        return toLoadPool().toMessage();
    }
}
