package org.vici4j.controller.plan;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.SecretConfig;
import org.vici4j.controller.internal.Charon;
import org.vici4j.controller.internal.Observer;
import org.vici4j.controller.internal.OwnershipStore;
import org.vici4j.controller.internal.RequestDigest;
import org.vici4j.controller.testing.FakeCharon;
import org.vici4j.controller.testing.ReferenceSections;
import org.vici4j.controller.testing.ReferenceSections.Child;

/**
 * Shared fixtures of the plan tests: desired states from YAML (through the real loader), observed IKE_SAs and
 * CHILD_SAs built from the sections real charon 5.9.8 sent (test resources under reference/), observations made
 * by the real {@link Observer} over a {@link FakeCharon}, and a small executor that carries a {@link Plan} out on
 * that fake the way the controller does, recording ownership in a real {@link OwnershipStore}. No static mutable
 * state: every call builds new objects.
 */
final class PlanFixtures {

    static final String OWNER = "vici4j";

    private PlanFixtures() {
    }

    // ------------------------------------------------------------------ desired state

    static Path configDir() {
        try {
            return Path.of(PlanFixtures.class.getResource("/config/complete.yaml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PSK, a private key, a pool and an authority (files under the config test resources), as a YAML tail. */
    static final String OBJECTS = """
            secrets:
              ike-ab:
                id-1: a
                id-2: b
                secret: s3cr3t-value
              private-gw:
                file: keys/gw.key
            pools:
              p1:
                addrs: 10.3.0.0/24
            authorities:
              ca:
                cacert: certs/ca.pem
            """;

    /** Parses YAML with the real loader (files relative to the config test resources, a fixed environment). */
    static DesiredState yaml(String text) {
        return DesiredStateLoader.builder().environment(Map.of("CAROL_PASSWORD", "carol-pw", "HSM_PIN", "4711"))
                .baseDirectory(configDir()).build().parseText(text, "gw.yaml");
    }

    /** A connection to 192.0.2.2 with one child named like it, indented for a {@code connections:} block. */
    static String conn(String name, String ensure) {
        return conn(name, "192.0.2.2", Map.of(name, ensure));
    }

    /** A connection to {@code peer} with the given children (name to ensure), in order. */
    static String conn(String name, String peer, Map<String, String> children) {
        StringBuilder sb = new StringBuilder();
        sb.append("  ").append(name).append(":\n");
        sb.append("    local_addrs: 192.0.2.1\n");
        sb.append("    remote_addrs: ").append(peer).append("\n");
        sb.append("    local: {auth: psk, id: a}\n");
        sb.append("    remote: {auth: psk, id: b}\n");
        sb.append("    children:\n");
        int net = 0;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(children).entrySet()) {
            sb.append("      ").append(e.getKey()).append(":\n");
            sb.append("        local_ts: 198.18.").append(net).append(".0/24\n");
            sb.append("        remote_ts: 198.19.").append(net).append(".0/24\n");
            sb.append("        esp_proposals: aes128gcm16\n");
            sb.append("        ensure: ").append(e.getValue()).append("\n");
            net++;
        }
        return sb.toString();
    }

    static DesiredState connections(String... conns) {
        return yaml("connections:\n" + String.join("", conns));
    }

    static ConnectionConfig connection(DesiredState d, String name) {
        return d.connection(name).orElseThrow();
    }

    // ------------------------------------------------------------------ observed state from charon's sections

    /** The connection's section as {@code list-conns} lists it after a {@code load-conn} of this configuration. */
    static ViciSection listed(ConnectionConfig c) {
        return c.toLoadConnRequest().section(c.name()).orElseThrow();
    }

    /** What {@code list-conns} shows of a connection whose children are exactly {@code children}. */
    static ViciSection listedWithChildren(String... children) {
        ViciSection.Builder b = ViciSection.builder().addList("local_addrs", "192.0.2.1").add("version", "2")
                .beginSection("children");
        for (String ch : children) {
            b.beginSection(ch).add("mode", "TUNNEL").endSection();
        }
        return b.endSection().build();
    }

    static Child child(String name, long uniqueId, String state) {
        return ReferenceSections.child(name, uniqueId, state);
    }

    static Child installed(String name, long uniqueId) {
        return ReferenceSections.installed(name, uniqueId);
    }

    /** An IKE_SA of connection {@code conn}, parsed the way {@link Observer} parses {@code list-sa} events. */
    static IkeSa ike(String conn, long uniqueId, String state, Child... children) {
        return IkeSa.fromEvent(ViciSection.builder().addSection(conn, ReferenceSections.ike(uniqueId, state,
                children)).build()).get(0);
    }

    static ObservedConnection observed(String name, Optional<ViciSection> listed, List<IkeSa> sas, Set<String> traps) {
        return new ObservedConnection(name, listed, sas, traps);
    }

    /** A connection charon has loaded as {@code c} says, with these IKE_SAs and no trap policies. */
    static ObservedConnection loaded(ConnectionConfig c, IkeSa... sas) {
        return new ObservedConnection(c.name(), Optional.of(listed(c)), List.of(sas), Set.of());
    }

    static ObservedState state(Map<String, ObservedConnection> conns, Set<String> shared, Set<String> pools,
            Set<String> authorities) {
        return new ObservedState("5.9.8", conns, Optional.of(shared), Optional.of(pools), Optional.of(authorities));
    }

    static ObservedState state(ObservedConnection... conns) {
        Map<String, ObservedConnection> m = new LinkedHashMap<>();
        for (ObservedConnection c : conns) {
            m.put(c.name(), c);
        }
        return state(m, Set.of(), Set.of(), Set.of());
    }

    // ------------------------------------------------------------------ ownership

    static OwnershipStore owner() {
        return OwnershipStore.inMemory(OWNER);
    }

    /** Records that this owner loaded {@code c} as it is now (ownership and the options of its load-conn). */
    static OwnershipStore owns(OwnershipStore o, ConnectionConfig c) {
        o.add(OwnershipStore.Kind.CONNECTIONS, c.name());
        o.recordApplied(c.name(), Planner.desiredOptions(c));
        return o;
    }

    /** Records that this owner loaded the secret as it is now. */
    static OwnershipStore owns(OwnershipStore o, SecretConfig s) {
        o.putSecret(s.name(), s.command() + ":" + s.name());
        o.recordDigest("secret:" + s.name(), RequestDigest.of(s.command(), s.toRequest()));
        return o;
    }

    /** Records that this owner loaded the pool as it is now. */
    static OwnershipStore owns(OwnershipStore o, PoolConfig p) {
        o.add(OwnershipStore.Kind.POOLS, p.name());
        o.recordDigest("pool:" + p.name(), RequestDigest.of("load-pool", p.toLoadPoolRequest()));
        return o;
    }

    /** Records that this owner loaded the authority as it is now. */
    static OwnershipStore owns(OwnershipStore o, AuthorityConfig a) {
        o.add(OwnershipStore.Kind.AUTHORITIES, a.name());
        o.recordDigest("authority:" + a.name(), RequestDigest.of("load-authority", a.toLoadAuthorityRequest()));
        return o;
    }

    // ------------------------------------------------------------------ a charon to observe and execute on

    /**
     * A {@link FakeCharon} that also keeps authorities ({@code load-authority}, {@code unload-authority},
     * {@code get-authorities} as charon answers it: a list {@code authorities}).
     */
    static final class TestCharon implements Charon {
        final FakeCharon fake = new FakeCharon();
        final Set<String> authorities = new LinkedHashSet<>();

        @Override
        public synchronized CompletableFuture<ViciSection> request(String command, ViciSection m) {
            switch (command) {
                case "load-authority" -> {
                    fake.commands.add(command);
                    authorities.add(m.entries().get(0).getKey());
                    return CompletableFuture.completedFuture(ViciSection.builder().add("success", true).build());
                }
                case "unload-authority" -> {
                    fake.commands.add(command);
                    boolean was = authorities.remove(m.stringOr("name", ""));
                    return CompletableFuture.completedFuture(ViciSection.builder().add("success", was).build());
                }
                case "get-authorities" -> {
                    fake.commands.add(command);
                    return CompletableFuture.completedFuture(ViciSection.builder()
                            .addList("authorities", new ArrayList<>(authorities)).build());
                }
                default -> {
                    return fake.request(command, m);
                }
            }
        }

        @Override
        public CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
                Consumer<ViciSection> onEvent, Duration timeout) {
            return fake.streamed(command, message, event, onEvent, timeout);
        }

        @Override
        public EventHandle subscribe(Set<String> events, Events sink) {
            return fake.subscribe(events, sink);
        }

        /** @return what charon has now, observed by the controller's own {@link Observer} */
        ObservedState observe() {
            return Observer.over(this, Duration.ofSeconds(5)).observe();
        }

        /** Sends one request and fails unless charon answers success. */
        ViciSection ok(String command, ViciSection m) {
            ViciSection r = request(command, m).join();
            if (!r.bool("success")) {
                throw new AssertionError(command + " failed: " + r);
            }
            return r;
        }

        /**
         * Carries out a plan as the controller does (objects by {@code ObjectApplier}, children by the workers),
         * recording ownership in {@code owned}.
         */
        void execute(Plan plan, DesiredState d, OwnershipStore owned) {
            for (Action a : plan.actions()) {
                if (a instanceof Action.Load l) {
                    load(l, d, owned);
                } else if (a instanceof Action.Unload u) {
                    unload(u, owned);
                } else if (a instanceof Action.Initiate i) {
                    ok("initiate", ViciSection.builder().add("child", i.child()).add("ike", i.connection())
                            .add("timeout", -1).build());
                } else if (a instanceof Action.InstallTrap t) {
                    ok("install", ViciSection.builder().add("child", t.child()).add("ike", t.connection()).build());
                } else if (a instanceof Action.TerminateChild t) {
                    ok("terminate", ViciSection.builder().add("child-id", t.uniqueId()).add("timeout", -1).build());
                } else {
                    throw new AssertionError("unknown action " + a);
                }
            }
        }

        private void load(Action.Load l, DesiredState d, OwnershipStore owned) {
            switch (l.kind()) {
                case CONNECTION -> {
                    ConnectionConfig c = d.connection(l.name()).orElseThrow();
                    owned.add(OwnershipStore.Kind.CONNECTIONS, c.name());
                    ok("load-conn", c.toLoadConnRequest());
                    owned.recordApplied(c.name(), Planner.desiredOptions(c));
                }
                case SECRET -> {
                    SecretConfig s = d.secrets().stream().filter(x -> x.name().equals(l.name())).findFirst()
                            .orElseThrow();
                    ViciSection r = ok(s.command(), s.toRequest());
                    String id = "load-shared".equals(s.command()) ? s.name() : r.stringOr("id", s.name());
                    owned.putSecret(s.name(), s.command() + ":" + id);
                    owned.recordDigest("secret:" + s.name(), RequestDigest.of(s.command(), s.toRequest()));
                }
                case POOL -> {
                    PoolConfig p = d.pools().stream().filter(x -> x.name().equals(l.name())).findFirst()
                            .orElseThrow();
                    owned.add(OwnershipStore.Kind.POOLS, p.name());
                    ok("load-pool", p.toLoadPoolRequest());
                    owned.recordDigest("pool:" + p.name(), RequestDigest.of("load-pool", p.toLoadPoolRequest()));
                }
                case AUTHORITY -> {
                    var a = d.authorities().stream().filter(x -> x.name().equals(l.name())).findFirst()
                            .orElseThrow();
                    owned.add(OwnershipStore.Kind.AUTHORITIES, a.name());
                    ok("load-authority", a.toLoadAuthorityRequest());
                    owned.recordDigest("authority:" + a.name(),
                            RequestDigest.of("load-authority", a.toLoadAuthorityRequest()));
                }
            }
        }

        private void unload(Action.Unload u, OwnershipStore owned) {
            switch (u.kind()) {
                case CONNECTION -> {
                    ok("unload-conn", ViciSection.builder().add("name", u.id()).build());
                    request("terminate", ViciSection.builder().add("ike", u.name()).build()).join();
                    owned.remove(OwnershipStore.Kind.CONNECTIONS, u.name());
                }
                case SECRET -> {
                    String entry = owned.secrets().get(u.name());
                    ok(entry.startsWith("load-shared:") ? "unload-shared" : "unload-key",
                            ViciSection.builder().add("id", u.id()).build());
                    owned.removeSecret(u.name());
                    owned.recordDigest("secret:" + u.name(), null);
                }
                case POOL -> {
                    ok("unload-pool", ViciSection.builder().add("name", u.id()).build());
                    owned.remove(OwnershipStore.Kind.POOLS, u.name());
                    owned.recordDigest("pool:" + u.name(), null);
                }
                case AUTHORITY -> {
                    ok("unload-authority", ViciSection.builder().add("name", u.id()).build());
                    owned.remove(OwnershipStore.Kind.AUTHORITIES, u.name());
                    owned.recordDigest("authority:" + u.name(), null);
                }
            }
        }
    }
}
