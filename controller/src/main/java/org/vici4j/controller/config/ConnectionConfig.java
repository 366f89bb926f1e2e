package org.vici4j.controller.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vici4j.client.command.LoadConnRequest;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.internal.Schema;

/**
 * A connection (IKE_SA configuration) as written under {@code connections.<name>}: its swanctl
 * options, authentication rounds, children, and the controller key {@code retry} (not sent to
 * charon; empty means the controller's default).
 */
public record ConnectionConfig(String name, ConfigOptions options, List<AuthRound> auths,
                               List<ChildConfig> children, Optional<RetryPolicy> retry) {

    public ConnectionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        auths = List.copyOf(auths);
        children = List.copyOf(children);
        Objects.requireNonNull(retry, "retry");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public List<AuthRound> localAuths() {
        return auths.stream().filter(AuthRound::isLocal).toList();
    }

    public List<AuthRound> remoteAuths() {
        return auths.stream().filter(a -> !a.isLocal()).toList();
    }

    public Optional<ChildConfig> child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }

    /**
     * The {@code load-conn} request for this connection, as swanctl builds it from the equivalent swanctl.conf: the
     * options, then the authentication rounds and a {@code children} section. Controller keys are left out.
     */
    public LoadConnRequest toLoadConn() {
        ViciSection.Builder b = ViciSection.builder();
        options.addTo(b);
        auths.forEach(a -> a.addTo(b));
        if (!children.isEmpty()) {
            b.beginSection(Schema.CHILDREN);
            for (ChildConfig c : children) {
                b.beginSection(c.name());
                c.options().addTo(b);
                b.endSection();
            }
            b.endSection();
        }
        return new LoadConnRequest(name, b.build());
    }

    /** The message of {@link #toLoadConn()}: one section named after the connection. */
    public ViciSection toLoadConnRequest() {
        return toLoadConn().toMessage();
    }

    public static final class Builder {
        private final String name;
        private final ConfigOptions.Builder options = ConfigOptions.builder();
        private final List<AuthRound> auths = new ArrayList<>();
        private final List<ChildConfig> children = new ArrayList<>();
        private RetryPolicy retry;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets an option; a comma separated value of a list option becomes a list, as in swanctl.conf. */
        public Builder option(String key, String value) {
            Schema.setOption(options, Schema.Context.CONNECTION, key, value);
            return this;
        }

        public Builder option(String key, List<String> values) {
            options.setList(key, values);
            return this;
        }

        public Builder options(ConfigOptions all) {
            options.putAll(all);
            return this;
        }

        public Builder auth(AuthRound round) {
            auths.add(round);
            return this;
        }

        public Builder child(ChildConfig child) {
            children.add(child);
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        public ConnectionConfig build() {
            return new ConnectionConfig(name, options.build(), auths, children, Optional.ofNullable(retry));
        }
    }
}
