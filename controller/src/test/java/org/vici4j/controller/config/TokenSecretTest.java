package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class TokenSecretTest {

    @Test
    void theTypedLoadTokenRequestSendsWhatTheConfigSays() {
        TokenSecret t = new TokenSecret("token-hsm", "0a1b", OptionalLong.of(2), Optional.of("opensc"),
                Optional.of(SecretValue.ofUtf8("123456")));
        assertThat(t.toLoadToken().toMessage()).isEqualTo(t.toRequest());
        assertThat(t.toLoadToken().toString()).doesNotContain("123456");
    }

    @Test
    void optionalPartsStayOut() {
        TokenSecret t = new TokenSecret("token-min", "ff", OptionalLong.empty(), Optional.empty(), Optional.empty());
        assertThat(t.toLoadToken().toMessage()).isEqualTo(t.toRequest());
        assertThat(t.toLoadToken().toMessage().keys()).containsExactly("handle");
    }
}
