package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.config.ConfigTestSupport.ENV;
import static org.vici4j.controller.config.ConfigTestSupport.resource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/** The complete example parsed and converted into the VICI messages swanctl would send. */
class ConfigConversionTest {

    private static DesiredState state;

    @BeforeAll
    static void load() {
        state = DesiredStateLoader.builder().environment(ENV).build().loadAll(List.of(resource("complete.yaml")));
    }

    @Test
    void readsEverySection() {
        assertThat(state.connections()).extracting(ConnectionConfig::name).containsExactly("net", "rw");
        assertThat(state.secrets()).extracting(SecretConfig::name)
                .containsExactly("ike-ab", "eap-carol", "xauth-x", "private-gw", "token-hsm");
        assertThat(state.pools()).extracting(PoolConfig::name).containsExactly("rw-pool");
        assertThat(state.authorities()).extracting(AuthorityConfig::name).containsExactly("ca");
        assertThat(state.warnings()).isEmpty();
    }

    @Test
    void connectionBecomesLoadConnMessageWithoutControllerKeys() {
        ViciSection expected = ViciSection.builder().beginSection("net")
                .add("version", "2")
                .addList("local_addrs", "192.0.2.1")
                .addList("remote_addrs", "192.0.2.2", "vpn.example.com")
                .addList("proposals", "aes256gcm16-prfsha384-ecp384", "default")
                .add("dpd_delay", "30s")
                .add("rekey_time", "4h")
                .add("mobike", "no")
                .beginSection("local").add("auth", "psk").add("id", "a").endSection()
                .beginSection("remote").add("auth", "psk").add("id", "b").endSection()
                .beginSection("children")
                .beginSection("net")
                .addList("local_ts", "198.18.0.0/22")
                .addList("remote_ts", "198.18.4.0/22", "198.18.8.0/22[tcp/443]")
                .addList("esp_proposals", "aes128gcm16")
                .add("dpd_action", "trap")
                .endSection()
                .beginSection("web")
                .addList("local_ts", "dynamic")
                .addList("remote_ts", "198.18.4.10-198.18.4.20[udp/5000-5010]")
                .add("start_action", "trap")
                .endSection()
                .endSection()
                .endSection().build();

        assertThat(state.connection("net").orElseThrow().toLoadConnRequest()).isEqualTo(expected);
    }

    @Test
    void certificateFilesAreSentAsTheirContentsAndCertSectionsAsSections() throws Exception {
        byte[] gw = Files.readAllBytes(resource("certs/gw.pem"));
        byte[] ca = Files.readAllBytes(resource("certs/ca.pem"));
        ViciSection expected = ViciSection.builder().beginSection("rw")
                .addList("local_addrs", "192.0.2.1")
                .addList("pools", "rw-pool")
                .beginSection("local").add("auth", "pubkey").add("certs", ViciList.of(List.of(ViciValue.of(gw))))
                .add("id", "gw.example.com").endSection()
                .beginSection("remote").add("auth", "eap-mschapv2").add("eap_id", "%any").endSection()
                .beginSection("remote-2").add("auth", "pubkey").add("cacerts", ViciList.of(List.of(ViciValue.of(ca))))
                .add("revocation", "strict")
                .beginSection("cacert-hsm").add("handle", "0a1b2c").add("slot", "1").endSection()
                .endSection()
                .beginSection("children").beginSection("rw")
                .addList("local_ts", "0.0.0.0/0")
                .add("mode", "tunnel")
                .add("rekey_time", "1h")
                .add("life_bytes", "500m")
                .add("mark_in", "0x2a/0xff")
                .add("if_id_in", "%unique")
                .endSection().endSection()
                .endSection().build();

        assertThat(state.connection("rw").orElseThrow().toLoadConnRequest()).isEqualTo(expected);
    }

    @Test
    void controllerKeysAreReadIntoTheModel() {
        ConnectionConfig net = state.connection("net").orElseThrow();
        assertThat(net.child("net").orElseThrow().ensure()).isEqualTo(Ensure.UP);
        assertThat(net.child("web").orElseThrow().ensure()).isEqualTo(Ensure.LOADED);
        assertThat(state.connection("rw").orElseThrow().child("rw").orElseThrow().ensure()).isEqualTo(Ensure.TRAP);

        RetryPolicy global = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 1.5, 0.1, OptionalInt.empty());
        assertThat(state.controller()).isEqualTo(new ControllerSettings(Duration.ofSeconds(45), global, "gw-a"));
        // per-connection retry: given fields override, the rest come from controller.retry
        assertThat(state.retryPolicy("net"))
                .isEqualTo(new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 1.5, 0.1, OptionalInt.of(7)));
        assertThat(state.retryPolicy("rw")).isEqualTo(global);
    }

    @Test
    void sharedSecretsBecomeLoadSharedWithIdTypeDataOwners() {
        assertThat(secret("ike-ab").toRequest()).isEqualTo(ViciSection.builder()
                .add("id", "ike-ab").add("type", "ike").add("data", "file-psk-value-123")
                .addList("owners", "a", "b").build());
        assertThat(secret("eap-carol").toRequest()).isEqualTo(ViciSection.builder()
                .add("id", "eap-carol").add("type", "eap").add("data", "carol-env-pw-456")
                .addList("owners", "carol").build());
        // 0x... is hex, as in swanctl.conf
        assertThat(secret("xauth-x").toRequest()).isEqualTo(ViciSection.builder()
                .add("id", "xauth-x").add("type", "xauth").add("data", "secr")
                .addList("owners", "x", "y").build());
        assertThat(secret("ike-ab").command()).isEqualTo("load-shared");
    }

    @Test
    void privateKeysAndTokensBecomeLoadKeyAndLoadToken() throws Exception {
        byte[] key = Files.readAllBytes(resource("keys/gw.key"));
        SecretConfig pk = secret("private-gw");
        assertThat(pk.command()).isEqualTo("load-key");
        assertThat(pk.toRequest()).isEqualTo(ViciSection.builder().add("type", "any").add("data", key).build());

        SecretConfig token = secret("token-hsm");
        assertThat(token.command()).isEqualTo("load-token");
        assertThat(token.toRequest()).isEqualTo(ViciSection.builder().add("handle", "0a1b2c").add("slot", 1L)
                .add("module", "softhsm").add("pin", "4711".getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void poolsAndAuthoritiesBecomeLoadPoolAndLoadAuthority() throws Exception {
        assertThat(state.pools().get(0).toLoadPoolRequest()).isEqualTo(ViciSection.builder().beginSection("rw-pool")
                .add("addrs", "10.3.0.0/24")
                .addList("dns", "198.18.0.53", "2001:db8::53")
                .addList("split_include", "198.18.0.0/22")
                .endSection().build());
        byte[] ca = Files.readAllBytes(resource("certs/ca.pem"));
        assertThat(state.authorities().get(0).toLoadAuthorityRequest()).isEqualTo(ViciSection.builder()
                .beginSection("ca").add("cacert", ca).addList("crl_uris", "http://crl.example.com/ca.crl")
                .endSection().build());
    }

    @Test
    void aStateBuiltInCodeConvertsLikeTheSameYaml() {
        DesiredState built = DesiredState.builder()
                .connection(ConnectionConfig.builder("net")
                        .option("version", "2")
                        .option("local_addrs", "192.0.2.1")
                        .option("remote_addrs", "192.0.2.2, vpn.example.com")
                        .option("proposals", List.of("aes256gcm16-prfsha384-ecp384", "default"))
                        .option("dpd_delay", "30s")
                        .option("rekey_time", "4h")
                        .option("mobike", "no")
                        .retry(RetryPolicy.DEFAULT.withInitial(Duration.ofSeconds(5)))
                        .auth(AuthRound.builder("local").option("auth", "psk").option("id", "a").build())
                        .auth(AuthRound.builder("remote").option("auth", "psk").option("id", "b").build())
                        .child(ChildConfig.builder("net").option("local_ts", "198.18.0.0/22")
                                .option("remote_ts", "198.18.4.0/22, 198.18.8.0/22[tcp/443]")
                                .option("esp_proposals", "aes128gcm16").option("dpd_action", "trap")
                                .ensure(Ensure.UP).build())
                        .child(ChildConfig.builder("web").option("local_ts", "dynamic")
                                .option("remote_ts", "198.18.4.10-198.18.4.20[udp/5000-5010]")
                                .option("start_action", "trap").build())
                        .build())
                .secret(new SharedSecret("ike-ab", SharedSecret.Type.IKE, SecretValue.ofUtf8("x"), List.of("a", "b")))
                .build();

        assertThat(built.connection("net").orElseThrow().toLoadConnRequest())
                .isEqualTo(state.connection("net").orElseThrow().toLoadConnRequest());
    }

    private static SecretConfig secret(String name) {
        return state.secrets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
