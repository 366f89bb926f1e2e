package org.vici4j.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vici4j.lab.internal.LabScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of real charon gateways, each in its own network namespace, created by the
 * {@code vici-lab} script. Two gateways are joined by a veth pair; more, or
 * {@link Builder#bridge()}, share a bridge. Closing the lab stops every daemon and removes
 * every namespace; a lab whose JVM dies is removed by the next lab created on the machine.
 */
public final class CharonLab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CharonLab.class);

    /** System property naming the strongSwan 6 root file system for {@link Builder#strongSwan6()}. */
    public static final String STRONGSWAN6_ROOT_PROPERTY = "vici4j.strongswan6.root";
    /** Where {@code scripts/install-strongswan6.sh} puts strongSwan 6 by default. */
    public static final String STRONGSWAN6_DEFAULT_ROOT = "/var/lib/vici4j/strongswan6";

    private final LabScript script;
    private final String name;
    private final Map<String, Gateway> gateways;
    private boolean closed;

    private CharonLab(LabScript script, String name, List<String> gatewayNames) {
        this.script = script;
        this.name = name;
        Map<String, Gateway> map = new LinkedHashMap<>();
        for (String gw : gatewayNames) {
            map.put(gw, new Gateway(script, name, gw));
        }
        this.gateways = Collections.unmodifiableMap(map);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks that this machine can run a lab.
     *
     * @throws LabUnavailableException naming everything that is missing
     */
    public static void requireAvailable() {
        requireAvailable(LabScript.extract(), null);
    }

    private static void requireAvailable(LabScript script, Path charonRoot) {
        ProcessResult r = script.run(charonRoot == null ? List.of("check")
                : List.of("check", "--charon-root", charonRoot.toString()));
        if (!r.succeeded()) {
            List<String> missing = new ArrayList<>();
            for (String line : r.stdout().split("\n")) {
                if (line.startsWith("  - ")) {
                    missing.add(line.substring(4));
                }
            }
            if (missing.isEmpty()) {
                missing.add(r.output().strip());
            }
            throw new LabUnavailableException(missing);
        }
    }

    /** The lab's unique name; its namespaces are named {@code NAME-GATEWAY}. */
    public String name() {
        return name;
    }

    public Gateway gateway(String gatewayName) {
        Gateway gw = gateways.get(gatewayName);
        if (gw == null) {
            throw new IllegalArgumentException("lab " + name + " has no gateway '" + gatewayName + "'; it has " + gateways.keySet());
        }
        return gw;
    }

    public List<Gateway> gateways() {
        return List.copyOf(gateways.values());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ProcessResult r = script.run(List.of("destroy", name));
        if (!r.succeeded()) {
            throw new LabException("could not destroy lab " + name + ": " + r.stderr().strip());
        }
        LOG.info("lab {} destroyed", name);
    }

    /** Describes the gateways to create. */
    public static final class Builder {
        private final Map<String, Backend> specs = new LinkedHashMap<>();
        private boolean bridge;
        private int hosts = 1;
        private Path charonRoot;

        private Builder() {
        }

        /**
         * Runs, in every gateway, the charon of the strongSwan installed in the root file system {@code dir}
         * (under {@code /usr/lib/ipsec}), chrooted, instead of the host's.
         */
        public Builder charonRoot(Path dir) {
            this.charonRoot = dir.toAbsolutePath();
            return this;
        }

        /**
         * Runs strongSwan 6 in every gateway: the root file system made by {@code scripts/install-strongswan6.sh}, at
         * {@value #STRONGSWAN6_ROOT_PROPERTY} if set, else {@code VICI4J_STRONGSWAN6_ROOT}, else
         * {@value #STRONGSWAN6_DEFAULT_ROOT}. Missing, it is an error (never a skip).
         */
        public Builder strongSwan6() {
            String dir = System.getProperty(STRONGSWAN6_ROOT_PROPERTY);
            if (dir == null || dir.isBlank()) {
                dir = System.getenv().getOrDefault("VICI4J_STRONGSWAN6_ROOT", STRONGSWAN6_DEFAULT_ROOT);
            }
            return charonRoot(Path.of(dir));
        }

        /** Adds a gateway; names are a lowercase letter then up to 11 letters or digits. */
        public Builder gateway(String gatewayName, Backend backend) {
            if (!gatewayName.matches("[a-z][a-z0-9]{0,11}")) {
                throw new IllegalArgumentException("gateway name '" + gatewayName
                        + "' must be a lowercase letter followed by up to 11 lowercase letters or digits");
            }
            if (specs.putIfAbsent(gatewayName, backend) != null) {
                throw new IllegalArgumentException("gateway '" + gatewayName + "' is named twice");
            }
            return this;
        }

        /** Puts the gateways on a shared bridge even when there are only two. */
        public Builder bridge() {
            this.bridge = true;
            return this;
        }

        /**
         * How many addresses of each gateway's subnet go on its {@code lo} before charon starts
         * (1 to 1022). libipsec routes each CHILD_SA through a local address inside its local
         * traffic selector, so many /32 tunnels need many addresses.
         */
        public Builder hostsPerGateway(int count) {
            if (count < 1 || count > 1022) {
                throw new IllegalArgumentException("hosts per gateway must be from 1 to 1022, not " + count);
            }
            this.hosts = count;
            return this;
        }

        /** Creates the namespaces and starts every charon; fails if the machine cannot. */
        public CharonLab start() {
            if (specs.isEmpty()) {
                throw new IllegalStateException("a lab needs at least one gateway");
            }
            LabScript script = LabScript.extract();
            requireAvailable(script, charonRoot);
            List<String> args = new ArrayList<>(Arrays.asList("create", "--owner",
                    Long.toString(ProcessHandle.current().pid()), "--hosts", Integer.toString(hosts)));
            if (charonRoot != null) {
                args.add("--charon-root");
                args.add(charonRoot.toString());
            }
            if (bridge) {
                args.add("--bridge");
            }
            specs.forEach((gw, backend) -> args.add(gw + ":" + backend.scriptName()));
            ProcessResult r = script.run(args);
            if (!r.succeeded()) {
                throw new LabException("could not create the lab (" + String.join(" ", args) + "): " + r.stderr().strip());
            }
            String name = r.stdout().strip();
            LOG.info("lab {} started: {}{}", name, specs, charonRoot == null ? "" : " with the charon in " + charonRoot);
            return new CharonLab(script, name, new ArrayList<>(specs.keySet()));
        }
    }
}
