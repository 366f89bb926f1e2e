package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.cli.testing.ViciProcess;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;
import org.vici4j.lab.TunnelConfig;

/** bin/vici initiate when the initiator's kernel cannot install the CHILD_SA (real netlink failure). */
class CliInstallFailureIT {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();

    @Test
    void initiateOfAChildWhoseInstallFailsExitsOneWithCharonsReason() {
        Gateway a = LAB.gateway("a");
        Gateway b = LAB.gateway("b");
        a.restart(Backend.NETLINK);
        a.loadSwanctlConf(TunnelConfig.psk("net", a, b).toSwanctlConf());
        b.loadSwanctlConf(TunnelConfig.psk("net", b, a).toSwanctlConf());

        ViciProcess.Result r = ViciProcess.run("--uri", a.viciUri(), "initiate", "--child", "net", "--timeout", "30s");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("[KNL] unable to add SAD entry");
        assertThat(r.err()).hasLineCount(1)
                .isEqualTo("vici: initiate failed: establishing CHILD_SA 'net' failed (charon: unable to install"
                        + " inbound and outbound IPsec SA (SAD) in kernel)\n");
    }
}
