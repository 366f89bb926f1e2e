package org.vici4j.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.LabSupport.awaitStatus;
import static org.vici4j.controller.testing.LabProbes.listSas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.client.command.IkeSa;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;
import org.vici4j.controller.status.ChildState;

/** Several connections with several children each, brought up concurrently (initiates limited, IKE_SAs shared). */
class ControllerScaleIT {

    static final int CONNS = 5;
    static final int CHILDREN = 4;

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).hostsPerGateway(CONNS * CHILDREN).build();

    @TempDir
    Path dir;

    /** The i-th (1-based) host address of a gateway's subnet. */
    static String host(Gateway g, int i) {
        String first = g.host(); // x.y.z.1
        String prefix = first.substring(0, first.lastIndexOf('.') + 1);
        return prefix + (Integer.parseInt(first.substring(first.lastIndexOf('.') + 1)) + i - 1);
    }

    @Test
    void twentyTunnelsOnFiveConnectionsComeUp() throws Exception {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        StringBuilder yaml = new StringBuilder("controller: {resync: 5s}\nconnections:\n");
        StringBuilder conf = new StringBuilder("connections {\n");
        StringBuilder ids = new StringBuilder();
        for (int k = 1; k <= CONNS; k++) {
            yaml.append("  c").append(k).append(":\n")
                    .append("    local_addrs: ").append(a.address()).append('\n')
                    .append("    remote_addrs: ").append(b.address()).append('\n')
                    .append("    local: {auth: psk, id: a-").append(k).append("}\n")
                    .append("    remote: {auth: psk, id: b-").append(k).append("}\n")
                    .append("    children:\n");
            conf.append("  c").append(k).append(" {\n    local_addrs = ").append(b.address())
                    .append("\n    remote_addrs = ").append(a.address())
                    .append("\n    local {\n      auth = psk\n      id = b-").append(k)
                    .append("\n    }\n    remote {\n      auth = psk\n      id = a-").append(k)
                    .append("\n    }\n    children {\n");
            for (int j = 1; j <= CHILDREN; j++) {
                int h = (k - 1) * CHILDREN + j;
                yaml.append("      t").append(h).append(": {local_ts: ").append(host(a, h)).append("/32, remote_ts: ")
                        .append(host(b, h)).append("/32, esp_proposals: aes128gcm16, ensure: up}\n");
                conf.append("      t").append(h).append(" {\n        local_ts = ").append(host(b, h))
                        .append("/32\n        remote_ts = ").append(host(a, h))
                        .append("/32\n        esp_proposals = aes128gcm16\n      }\n");
            }
            conf.append("    }\n  }\n");
            ids.append(ids.isEmpty() ? "" : ", ").append("a-").append(k).append(", b-").append(k);
        }
        yaml.append("secrets:\n  ike-all: {id: [").append(ids).append("], secret: scale-secret}\n");
        conf.append("}\nsecrets {\n  ike-all {\n");
        for (int k = 1; k <= CONNS; k++) {
            conf.append("    id-a").append(k).append(" = a-").append(k).append("\n    id-b").append(k).append(" = b-")
                    .append(k).append('\n');
        }
        conf.append("    secret = scale-secret\n  }\n}\n");
        var r = b.loadSwanctlConf(conf.toString());
        assertThat(r.succeeded()).as(r.output()).isTrue();
        DesiredState state = DesiredStateLoader.parse(yaml.toString(), "scale.yaml");

        try (Controller c = Controller.builder().uri(a.viciUri()).desiredState(state)
                .statusFile(dir.resolve("status.json")).retryPolicy(LabSupport.FAST)
                .initiateTimeout(Duration.ofSeconds(20)).build()) {
            c.start();
            awaitStatus(c, Duration.ofSeconds(120), s -> s.connections().size() == CONNS && s.connections().stream()
                    .allMatch(cs -> cs.children().stream().allMatch(ch -> ch.state() == ChildState.INSTALLED)));
            List<IkeSa> sas = listSas(a);
            assertThat(sas).hasSize(CONNS); // one IKE_SA per connection, shared by its children
            assertThat(sas.stream().mapToLong(i -> i.childSas().stream().filter(cs -> cs.isInstalled()).count()).sum())
                    .isEqualTo(CONNS * CHILDREN);
        }
    }
}
