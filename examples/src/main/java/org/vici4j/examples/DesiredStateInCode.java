package org.vici4j.examples;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.vici4j.controller.config.AuthRound;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConfigValidationException;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.ControllerSettings;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.Ensure;
import org.vici4j.controller.config.RetryPolicy;
import org.vici4j.controller.config.SecretValue;
import org.vici4j.controller.config.SharedSecret;

/**
 * Builds the desired state in code instead of YAML (same vocabulary, same validation) and runs the controller with
 * it. The tunnel: connection and child "net" between two gateways with PSK authentication, kept up by the
 * controller.
 *
 * <pre>
 * VICI4J_EXAMPLE_PSK=s3cr3t java -cp ... org.vici4j.examples.DesiredStateInCode \
 *     unix:///var/run/charon.vici 192.0.2.1 192.0.2.2 198.18.0.0/22 198.18.4.0/22 a b
 * </pre>
 *
 * The PSK comes from the environment, never from the command line (where {@code ps} would show it).
 */
public final class DesiredStateInCode {

    /** The environment variable holding the pre-shared key. */
    public static final String PSK_VARIABLE = "VICI4J_EXAMPLE_PSK";

    private DesiredStateInCode() {
    }

    /**
     * The desired state of one side of a site-to-site tunnel "net".
     *
     * @param localAddress this gateway's address ({@code local_addrs})
     * @param remoteAddress the peer's address ({@code remote_addrs})
     * @param localSubnet the subnet behind this gateway ({@code local_ts})
     * @param remoteSubnet the subnet behind the peer ({@code remote_ts})
     * @param localId this side's IKE identity
     * @param remoteId the peer's IKE identity
     * @param psk the pre-shared key of the two identities
     * @return the validated state
     * @throws ConfigValidationException if a value is invalid (the same checks as for YAML, without file positions)
     */
    public static DesiredState tunnel(String localAddress, String remoteAddress, String localSubnet,
            String remoteSubnet, String localId, String remoteId, SecretValue psk) {
        RetryPolicy retry = RetryPolicy.DEFAULT.withInitial(Duration.ofSeconds(1)).withMax(Duration.ofMinutes(1))
                .withAttempts(OptionalInt.empty());
        return DesiredState.builder()
                .controller(new ControllerSettings(Duration.ofSeconds(30), retry, "in-code-example"))
                .connection(ConnectionConfig.builder("net")
                        .option("local_addrs", localAddress)
                        .option("remote_addrs", remoteAddress)
                        .option("dpd_delay", "30s")
                        .auth(AuthRound.builder("local").option("auth", "psk").option("id", localId).build())
                        .auth(AuthRound.builder("remote").option("auth", "psk").option("id", remoteId).build())
                        .child(ChildConfig.builder("net")
                                .option("local_ts", localSubnet)
                                .option("remote_ts", remoteSubnet)
                                .option("esp_proposals", "aes128gcm16")
                                .ensure(Ensure.UP)
                                .build())
                        .build())
                .secret(new SharedSecret("ike-net", SharedSecret.Type.IKE, psk, List.of(localId, remoteId)))
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        String psk = System.getenv(PSK_VARIABLE);
        if (args.length != 7 || psk == null || psk.isEmpty()) {
            System.err.println("""
                    usage: %s=<psk> DesiredStateInCode <vici-uri> <local-address> <remote-address> \
                    <local-subnet> <remote-subnet> <local-id> <remote-id>""".formatted(PSK_VARIABLE));
            System.exit(2); // the program's entry point; nothing below it exits the JVM
            return;
        }
        DesiredState state;
        try {
            state = tunnel(args[1], args[2], args[3], args[4], args[5], args[6],
                    SecretValue.of(psk.getBytes(java.nio.charset.StandardCharsets.UTF_8), "env " + PSK_VARIABLE));
        } catch (ConfigValidationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        EmbeddedController.runUntilShutdown(args[0], state, System.out);
    }
}
