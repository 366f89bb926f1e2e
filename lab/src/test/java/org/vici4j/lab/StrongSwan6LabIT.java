package org.vici4j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lab with strongSwan 6 gateways: charon 6.x from the root file system made by scripts/install-strongswan6.sh,
 * chrooted in each namespace, driven from the host exactly like the host's 5.9 charon.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrongSwan6LabIT {
    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder().strongSwan6()
            .gateway("a", Backend.LIBIPSEC)
            .gateway("b", Backend.LIBIPSEC)
            .build();

    private static void loadTunnel(Gateway local, Gateway remote) {
        local.loadSwanctlConf(TunnelConfig.psk("net", local, remote).toSwanctlConf());
    }

    @Test
    @Order(1)
    void bothDaemonsAreStrongSwan6AndAnswerOnTheHostPathsOfTheirSockets() {
        for (Gateway gw : LAB.lab().gateways()) {
            assertThat(gw.socketPath()).exists();
            ProcessResult r = gw.swanctl("--version", "--daemon", "--raw");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.stdout()).containsPattern("daemon=charon").containsPattern("version=6\\.\\d+\\.\\d+");
        }
    }

    @Test
    @Order(2)
    void theChrootMountsStayInsideTheDaemonsOwnMountNamespace() throws Exception {
        String hostMounts = Files.readString(Path.of("/proc/self/mountinfo"));
        String root = System.getProperty(CharonLab.STRONGSWAN6_ROOT_PROPERTY,
                System.getenv().getOrDefault("VICI4J_STRONGSWAN6_ROOT", CharonLab.STRONGSWAN6_DEFAULT_ROOT));
        assertThat(hostMounts).doesNotContain(Path.of(root).toRealPath().toString());
    }

    @Test
    @Order(3)
    void tunnelIsInstalledAndCarriesTraffic() {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        loadTunnel(a, b);
        loadTunnel(b, a);
        ProcessResult initiate = a.swanctl("--initiate", "--child", "net", "--timeout", "20");
        assertThat(initiate.exitCode()).as(initiate.output()).isZero();
        assertThat(a.swanctl("--list-sas", "--ike", "net").stdout()).containsPattern("net: #\\d+, reqid \\d+, INSTALLED");
        ProcessResult ping = a.exec("ping", "-c", "2", "-W", "3", "-I", a.host(), b.host());
        assertThat(ping.exitCode()).as(ping.output()).isZero();
        assertThat(a.swanctl("--terminate", "--ike", "net", "--timeout", "10").exitCode()).isZero();
    }

    @Test
    @Order(4)
    void onNetlinkTheSadInstallFailsForRealAndARestartKeepsStrongSwan6() {
        Gateway a = LAB.gateway("a");
        a.restart(Backend.NETLINK);
        try {
            loadTunnel(a, LAB.gateway("b"));
            ProcessResult initiate = a.swanctl("--initiate", "--child", "net", "--timeout", "20");
            assertThat(initiate.exitCode()).as(initiate.output()).isNotZero();
            assertThat(a.logContains(Pattern.compile("unable to install inbound and outbound IPsec SA \\(SAD\\) in kernel")))
                    .as("the initiator's log names the SAD install failure").isTrue();
            assertThat(a.swanctl("--version", "--daemon", "--raw").stdout()).containsPattern("version=6\\.");
        } finally {
            a.restart(Backend.LIBIPSEC);
        }
        assertThat(a.running()).isTrue();
    }
}
