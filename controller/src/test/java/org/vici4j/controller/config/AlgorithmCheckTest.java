package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;

/** Proposals checked against what one charon's get-algorithms lists (as the lab's 5.9.8 and 6.1 list them). */
class AlgorithmCheckTest {

    /** A part of the lab charon's get-algorithms answer; {@code keType} is dh (5.x) or ke (6.x). */
    static CharonAlgorithms lab(String keType) {
        ViciSection.Builder ke = ViciSection.builder();
        for (String n : List.of("MODP_2048", "MODP_3072", "ECP_256", "ECP_384", "CURVE_25519")) {
            ke.add(n, "openssl");
        }
        return CharonAlgorithms.of(ViciSection.builder()
                .addSection("encryption", ViciSection.builder().add("AES_CBC", "openssl").add("3DES_CBC", "openssl")
                        .build())
                .addSection("integrity", ViciSection.builder().add("HMAC_SHA2_256_128", "openssl")
                        .add("HMAC_SHA1_96", "openssl").build())
                .addSection("aead", ViciSection.builder().add("AES_GCM_16", "openssl").build())
                .addSection("prf", ViciSection.builder().add("PRF_HMAC_SHA2_256", "openssl").build())
                .addSection(keType, ke.build()).build(), "charon at unix:///test.vici");
    }

    static String yaml(String ike, String esp) {
        return """
                connections:
                  net:
                    remote_addrs: 192.0.2.2
                    proposals: %s
                    local: {auth: psk, id: a}
                    remote: {auth: psk, id: b}
                    children:
                      net:
                        local_ts: 198.18.0.0/24
                        esp_proposals: %s
                """.formatted(ike, esp);
    }

    static DesiredState load(String yaml, CharonAlgorithms offered) {
        return DesiredStateLoader.builder().algorithms(offered).build().parseText(yaml, "t.yaml");
    }

    @Test
    void proposalsOfOfferedAlgorithmsAreAccepted() {
        for (String type : List.of("dh", "ke")) {
            DesiredState s = load(yaml("[aes128-sha256-x25519, aes256gcm16-prfsha256-ecp384, default]",
                    "aes128gcm16-modp2048"), lab(type));
            assertThat(s.connections()).hasSize(1);
        }
    }

    @Test
    void anIkeAlgorithmCharonDoesNotOfferIsRefusedWithFileLineAndTheAlgorithm() {
        ConfigValidationException e = catchThrowableOfType(() -> load(yaml("[aes128-sha256-x25519, serpent256-sha256-ecp256]",
                "aes128gcm16"), lab("dh")), ConfigValidationException.class);
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        ConfigProblem p = e.problems().get(0);
        assertThat(p.file()).isEqualTo("t.yaml");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.format()).contains("algorithm 'serpent256' (SERPENT_CBC) of IKE proposal 'serpent256-sha256-ecp256'"
                + " is not offered by charon at unix:///test.vici").contains("charon.load");
    }

    @Test
    void keyExchangesOfEspProposalsAreCheckedTheirCiphersAreLeftToTheKernel() {
        // camellia is not in charon's list, but ESP's ciphers run in the kernel (or libipsec): not refused
        assertThat(load(yaml("aes128-sha256-ecp256", "camellia128-sha256"), lab("ke")).connections()).hasSize(1);
        ConfigValidationException e = catchThrowableOfType(() -> load(yaml("aes128-sha256-ecp256",
                "aes128gcm16-ecp521"), lab("ke")), ConfigValidationException.class);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.message()).contains("'ecp521' (ECP_521) of ESP proposal");
        });
    }

    @Test
    void withoutAlgorithmsNothingIsCheckedAgainstACharon() {
        assertThat(DesiredStateLoader.parse(yaml("serpent256-sha256-ecp256", "aes128gcm16-ecp521"), "t.yaml")
                .connections()).hasSize(1);
    }
}
