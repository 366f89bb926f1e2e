package org.vici4j.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.vici4j.controller.config.AuthorityConfig;
import org.vici4j.controller.config.ConfigOptions;
import org.vici4j.controller.config.PoolConfig;
import org.vici4j.controller.config.PrivateKeySecret;
import org.vici4j.controller.config.SecretValue;
import org.vici4j.controller.config.SharedSecret;
import org.vici4j.controller.config.TokenSecret;

/**
 * The digests ownership records on disk hold: the values below were computed before the controller sent its
 * commands through the typed client, so a controller upgraded over existing records does not reload everything.
 */
class RequestDigestTest {

    static final SharedSecret SHARED = new SharedSecret("ike-gw", SharedSecret.Type.IKE, SecretValue.ofUtf8("s3cr3t"),
            List.of("gw1@example.org", "gw2@example.org"));
    static final PrivateKeySecret KEY = new PrivateKeySecret("private-gw", PrivateKeySecret.KeyType.RSA,
            SecretValue.of("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"
                    .getBytes(StandardCharsets.UTF_8), "test"));
    static final TokenSecret TOKEN = new TokenSecret("token-gw", "0a1b2c", OptionalLong.of(4), Optional.of("softhsm"),
            Optional.of(SecretValue.ofUtf8("1234")));
    static final PoolConfig POOL = PoolConfig.of("vips", new TreeMap<>(
            Map.of("addrs", "10.3.0.0/24", "dns", "10.3.0.1,10.3.0.2")));
    static final AuthorityConfig AUTHORITY = new AuthorityConfig("ca", ConfigOptions.builder()
            .set("cacert", "-----BEGIN CERTIFICATE-----").setList("crl_uris", List.of("http://ca.example.org/crl"))
            .build());

    @Test
    void secretDigestsAreThoseRecordedBefore() {
        assertThat(RequestDigest.of(SHARED)).isEqualTo(
                "2a240594e1985f2ecdedd4469e27666edaaab40c734cc3e2050242d462cc5e98");
        assertThat(RequestDigest.of(KEY)).isEqualTo(
                "1b09a204b5d233689ae02bf29e2897d1f599d434458241960d0a75133da18d04");
        assertThat(RequestDigest.of(TOKEN)).isEqualTo(
                "ca3f0ca4330aa43df0ed0d0a79972fabeceb97e75c6851d3871bc761eb1d47ae");
    }

    @Test
    void poolAndAuthorityDigestsAreThoseRecordedBefore() {
        assertThat(RequestDigest.of(POOL.toLoadPool())).isEqualTo(
                "3b2986ed44623858df9896f7c67a1ac5538161f26d8a699896f82b8bee21b394");
        assertThat(RequestDigest.of(AUTHORITY.toLoadAuthority())).isEqualTo(
                "3498e40f22388339b852fa2ffc6472b648d814da7fb764b4df5cbdce415120e8");
    }
}
