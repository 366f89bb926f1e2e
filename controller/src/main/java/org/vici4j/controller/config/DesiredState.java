package org.vici4j.controller.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vici4j.controller.config.internal.SourceMap;
import org.vici4j.controller.config.internal.Validator;

/**
 * The desired state of charon: connections, secrets, pools, authorities, and the controller's own
 * settings. Always valid: it is only created by {@link Builder#build()} or {@link DesiredStateLoader},
 * both of which reject an invalid state as a whole with a {@link ConfigValidationException}.
 * Immutable.
 */
public final class DesiredState {

    private static final DesiredState EMPTY = new DesiredState(List.of(), List.of(), List.of(), List.of(),
            ControllerSettings.DEFAULT, List.of());

    private final List<ConnectionConfig> connections;
    private final List<SecretConfig> secrets;
    private final List<PoolConfig> pools;
    private final List<AuthorityConfig> authorities;
    private final ControllerSettings controller;
    private final List<ConfigProblem> warnings;
    /** the connections by name, for look-ups in constant time (a gateway has thousands) */
    private final java.util.Map<String, ConnectionConfig> byName;

    private DesiredState(List<ConnectionConfig> connections, List<SecretConfig> secrets, List<PoolConfig> pools,
                         List<AuthorityConfig> authorities, ControllerSettings controller, List<ConfigProblem> warnings) {
        this.connections = List.copyOf(connections);
        this.secrets = List.copyOf(secrets);
        this.pools = List.copyOf(pools);
        this.authorities = List.copyOf(authorities);
        this.controller = controller;
        this.warnings = List.copyOf(warnings);
        java.util.Map<String, ConnectionConfig> m = new java.util.HashMap<>();
        for (ConnectionConfig c : this.connections) {
            m.putIfAbsent(c.name(), c);
        }
        this.byName = m;
    }

    /** @return a state with nothing in it and default controller settings */
    public static DesiredState empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ConnectionConfig> connections() {
        return connections;
    }

    public Optional<ConnectionConfig> connection(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<SecretConfig> secrets() {
        return secrets;
    }

    public List<PoolConfig> pools() {
        return pools;
    }

    public List<AuthorityConfig> authorities() {
        return authorities;
    }

    public ControllerSettings controller() {
        return controller;
    }

    /** @return the retry policy of a connection: its own, else the controller's default */
    public RetryPolicy retryPolicy(String connection) {
        return connection(connection).flatMap(ConnectionConfig::retry).orElse(controller.retry());
    }

    /** @return problems that do not prevent applying the state (e.g. a psk connection without matching secret) */
    public List<ConfigProblem> warnings() {
        return warnings;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DesiredState d && connections.equals(d.connections) && secrets.equals(d.secrets)
                && pools.equals(d.pools) && authorities.equals(d.authorities) && controller.equals(d.controller);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connections, secrets, pools, authorities, controller);
    }

    /** @return a summary; secrets appear by name and source only */
    @Override
    public String toString() {
        return "DesiredState[connections=" + connections.stream().map(ConnectionConfig::name).toList()
                + ", secrets=" + secrets.stream().map(s -> s.name()).collect(Collectors.toList())
                + ", pools=" + pools.stream().map(PoolConfig::name).toList()
                + ", authorities=" + authorities.stream().map(AuthorityConfig::name).toList()
                + ", controller=" + controller + "]";
    }

    /** Collects the parts of a state; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final List<ConnectionConfig> connections = new ArrayList<>();
        private final List<SecretConfig> secrets = new ArrayList<>();
        private final List<PoolConfig> pools = new ArrayList<>();
        private final List<AuthorityConfig> authorities = new ArrayList<>();
        private ControllerSettings controller = ControllerSettings.DEFAULT;
        private boolean strict;

        private Builder() {
        }

        public Builder connection(ConnectionConfig c) {
            connections.add(Objects.requireNonNull(c));
            return this;
        }

        public Builder secret(SecretConfig s) {
            secrets.add(Objects.requireNonNull(s));
            return this;
        }

        public Builder pool(PoolConfig p) {
            pools.add(Objects.requireNonNull(p));
            return this;
        }

        public Builder authority(AuthorityConfig a) {
            authorities.add(Objects.requireNonNull(a));
            return this;
        }

        public Builder controller(ControllerSettings settings) {
            this.controller = Objects.requireNonNull(settings);
            return this;
        }

        /** Treat warnings as errors. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * @return the validated state
         * @throws ConfigValidationException listing every problem if anything is invalid
         */
        public DesiredState build() {
            return build(new SourceMap(), List.of());
        }

        DesiredState build(SourceMap map, List<ConfigProblem> earlierProblems) {
            return build(map, earlierProblems, List.of());
        }

        DesiredState build(SourceMap map, List<ConfigProblem> earlierProblems, List<ConfigProblem> earlierWarnings) {
            Validator.Result r = Validator.validate(connections, secrets, pools, authorities, map);
            List<ConfigProblem> errors = new ArrayList<>(earlierProblems);
            errors.addAll(r.errors());
            List<ConfigProblem> warnings = new ArrayList<>(earlierWarnings);
            warnings.addAll(r.warnings());
            if (strict) {
                errors.addAll(warnings);
                warnings = List.of();
            }
            if (!errors.isEmpty()) {
                throw new ConfigValidationException(Validator.sorted(errors));
            }
            return new DesiredState(connections, secrets, pools, authorities, controller, warnings);
        }
    }
}
