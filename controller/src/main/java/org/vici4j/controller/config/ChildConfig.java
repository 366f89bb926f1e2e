package org.vici4j.controller.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vici4j.controller.config.internal.Schema;
import org.vici4j.controller.config.internal.ValueChecks;

/**
 * A child (CHILD_SA configuration) of a connection: its swanctl options and the controller key
 * {@code ensure} (not sent to charon).
 */
public record ChildConfig(String name, ConfigOptions options, Ensure ensure) {

    public ChildConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(ensure, "ensure");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the start_action flags as charon reads them: 1 = trap, 2 = start (0 if none/absent/invalid) */
    public int startActionFlags() {
        return flags("start_action");
    }

    public int closeActionFlags() {
        return flags("close_action");
    }

    public int dpdActionFlags() {
        return flags("dpd_action");
    }

    private int flags(String key) {
        return options.string(key).flatMap(ValueChecks::action).orElse(0);
    }

    public Optional<String> option(String key) {
        return options.string(key);
    }

    public static final class Builder {
        private final String name;
        private final ConfigOptions.Builder options = ConfigOptions.builder();
        private Ensure ensure = Ensure.LOADED;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets an option; a comma separated value of a list option becomes a list, as in swanctl.conf. */
        public Builder option(String key, String value) {
            Schema.setOption(options, Schema.Context.CHILD, key, value);
            return this;
        }

        public Builder option(String key, List<String> values) {
            options.setList(key, values);
            return this;
        }

        public Builder ensure(Ensure ensure) {
            this.ensure = Objects.requireNonNull(ensure, "ensure");
            return this;
        }

        public ChildConfig build() {
            return new ChildConfig(name, options.build(), ensure);
        }
    }
}
