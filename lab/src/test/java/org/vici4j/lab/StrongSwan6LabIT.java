package org.vici4j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lab with strongSwan 6 gateways: charon 6.x from the root file system made by scripts/install-strongswan6.sh,
 * chrooted in each namespace, driven from the host exactly like the host's 5.9 charon: {@link TwoGatewayLabChecks}
 * and what only the 6.x lab does.
 */
class StrongSwan6LabIT extends TwoGatewayLabChecks {
    @RegisterExtension
    static final CharonLabExtension LAB = twoGateways(true);

    @Override
    CharonLabExtension lab() {
        return LAB;
    }

    @Test
    @Order(2)
    void theChrootMountsStayInsideTheDaemonsOwnMountNamespace() throws Exception {
        String hostMounts = Files.readString(Path.of("/proc/self/mountinfo"));
        String root = System.getProperty(CharonLab.STRONGSWAN6_ROOT_PROPERTY,
                System.getenv().getOrDefault("VICI4J_STRONGSWAN6_ROOT", CharonLab.STRONGSWAN6_DEFAULT_ROOT));
        assertThat(hostMounts).doesNotContain(Path.of(root).toRealPath().toString());
    }
}
