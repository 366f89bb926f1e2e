package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vici4j.client.message.ViciSection;

class ExceptionsTest {

    @Test
    void hierarchyIsUncheckedUnderViciException() {
        assertThat(new ProtocolException("x")).isInstanceOf(ViciException.class).isInstanceOf(RuntimeException.class);
        assertThat(new ConnectionLostException("x")).isInstanceOf(ViciConnectionException.class);
        assertThat(new ViciTimeoutException("x")).isInstanceOf(ViciException.class);
        IOException cause = new IOException("refused");
        assertThat(new ViciConnectionException("cannot connect", cause)).hasCause(cause).hasMessage("cannot connect");
    }

    @Test
    void commandFailedCarriesDetailsButNotTheResponseInTheMessage() {
        ViciSection response = ViciSection.builder().add("success", "no").add("errmsg", "no config").build();
        CommandFailedException e = new CommandFailedException("initiate", "no config", List.of("l1"), response);
        assertThat(e).hasMessage("charon command 'initiate' failed: no config");
        assertThat(e.command()).isEqualTo("initiate");
        assertThat(e.errmsg()).isEqualTo("no config");
        assertThat(e.log()).containsExactly("l1");
        assertThat(e.response()).isSameAs(response);

        CommandFailedException bare = new CommandFailedException("load-conn", null, null, null);
        assertThat(bare.errmsg()).isEmpty();
        assertThat(bare.log()).isEmpty();
        assertThat(bare.response()).isEqualTo(ViciSection.empty());
        assertThat(bare.getMessage()).contains("'load-conn' failed (success = no) without an error message");
    }

    @Test
    void unknownCommandAndEventNameTheCulprit() {
        UnknownCommandException command = new UnknownCommandException("list-foo");
        assertThat(command.command()).isEqualTo("list-foo");
        assertThat(command).hasMessageContaining("'list-foo'");
        UnknownEventException event = new UnknownEventException("foo-updown");
        assertThat(event.event()).isEqualTo("foo-updown");
        assertThat(event).hasMessageContaining("'foo-updown'");
    }
}
