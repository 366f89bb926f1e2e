package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.vici4j.client.internal.ViciUri;

class ViciClientOptionsTest {

    @Test
    void defaultsMatchSwanctl() {
        ViciClientOptions o = ViciClientOptions.builder().build();
        assertThat(o.uri()).isEqualTo("unix:///var/run/charon.vici");
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.poolSize()).isEqualTo(4);
        assertThat(o.reconnect()).isFalse();
        assertThat(o.listenerExecutor()).isEmpty();
        assertThat(o.scheduler()).isEmpty();
        assertThat(o.toBuilder().poolSize(2).build().poolSize()).isEqualTo(2);
        assertThat(o.toString()).contains("unix:///var/run/charon.vici");
    }

    @Test
    void invalidSettingsSayWhatIsWrong() {
        ViciClientOptions.Builder b = ViciClientOptions.builder();
        assertThatThrownBy(() -> b.poolSize(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> b.eventBufferSize(0)).hasMessageContaining("eventBufferSize");
        assertThatThrownBy(() -> b.reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> b.reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> b.uri("http://charon")).hasMessageContaining("unix:///path");
        assertThatThrownBy(() -> b.threadNamePrefix(" ")).hasMessageContaining("blank");
    }

    @Test
    void urisAreParsedLikeSwanctl() {
        ViciUri unix = ViciUri.parse("unix:///run/charon.vici");
        assertThat(unix.isUnix()).isTrue();
        assertThat(unix.socketPath()).isEqualTo(Path.of("/run/charon.vici"));
        ViciUri tcp = ViciUri.parse("tcp://127.0.0.1:4502");
        assertThat(tcp.isUnix()).isFalse();
        assertThat(tcp.host()).isEqualTo("127.0.0.1");
        assertThat(tcp.port()).isEqualTo(4502);
        assertThat(ViciUri.parse("tcp://[::1]:4502").host()).isEqualTo("::1");
        assertThatThrownBy(() -> ViciUri.parse("unix://relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ViciUri.parse("tcp://host")).hasMessageContaining("port");
        assertThatThrownBy(() -> ViciUri.parse("tcp://host:99999")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> ViciUri.parse("tcp://host:x")).hasMessageContaining("not a number");
    }
}
