package org.vici4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vici4j.client.command.CommandResult;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.InitiateRequest;
import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.command.LoadSharedRequest;
import org.vici4j.client.command.LogMessage;
import org.vici4j.client.command.TerminateRequest;
import org.vici4j.client.command.Version;
import org.vici4j.client.message.ViciSection;

/**
 * {@link BlockingViciClient} against real charon daemons of the lab, next to {@link ViciClient} on the same
 * daemon: plain and streamed commands (initiate's control-log, list-sas' list-sa), charon's failures and its
 * unknown commands and events. Run against strongSwan 5.9 ({@link BlockingViciClientIT}) and 6.x
 * ({@link BlockingViciClientStrongSwan6IT}).
 */
abstract class BlockingViciClientChecks extends LabClientChecks {

    private BlockingViciClient blocking;

    @BeforeEach
    void connectBlocking() {
        assertThat(lab().gateway("b").loadSwanctlConf(LabConfigs.netOnly(false)).exitCode()).isZero();
        blocking = BlockingViciClient.connect(ViciClientOptions.builder().uri(a.viciUri())
                .requestTimeout(Duration.ofSeconds(30)).build());
    }

    @AfterEach
    void closeBlocking() {
        blocking.close();
    }

    @Test
    void versionIsTheSameOverBothTransports() {
        Version b = blocking.await(blocking.version());
        Version n = vici.await(vici.version());
        assertThat(b.daemon()).isEqualTo("charon");
        assertThat(b.raw()).isEqualTo(n.raw());
    }

    @Test
    void loadInitiateListAndTerminateOverOneBlockingConnection() {
        blocking.await(blocking.loadConn("net", LabConfigs.netSectionOfA()));
        blocking.await(blocking.loadShared(LoadSharedRequest.ikePsk("ike-1", "s3cr3t", "a", "b")));

        List<LogMessage> streamedLog = new ArrayList<>();
        CommandResult up = blocking.await(blocking.withTimeout(Duration.ofSeconds(40))
                .initiate(InitiateRequest.builder().child("net").timeout(Duration.ofSeconds(30)).build(),
                        streamedLog::add));
        assertThat(streamedLog).as("control-log streamed while initiate ran").isNotEmpty();
        assertThat(up.log()).anyMatch(l -> l.contains("CHILD_SA net{"));

        List<IkeSa> sas = blocking.await(blocking.listSas());
        assertThat(sas).singleElement().satisfies(sa -> {
            assertThat(sa.name()).isEqualTo("net");
            assertThat(sa.state()).isEqualTo("ESTABLISHED");
            assertThat(sa.child("net")).hasValueSatisfying(c -> assertThat(c.isInstalled()).isTrue());
        });
        StreamedResponse raw = blocking.await(blocking.streamed("list-sas", ViciSection.empty(), "list-sa", null));
        StreamedResponse viaNetty = vici.await(vici.streamed("list-sas", ViciSection.empty(), "list-sa", null));
        assertThat(raw.events()).hasSameSizeAs(viaNetty.events());
        assertThat(raw.events().get(0).keys()).isEqualTo(viaNetty.events().get(0).keys());

        blocking.await(blocking.terminate(TerminateRequest.builder().ike("net").timeout(Duration.ofSeconds(10)).build()));
        assertThat(blocking.await(blocking.listSas(ListSasRequest.ALL))).isEmpty();
        blocking.await(blocking.unloadConn("net"));
    }

    @Test
    void charonsFailuresAndUnknownNamesAreTheSameOverBothTransports() {
        for (ViciCommands c : new ViciCommands[] {blocking, vici}) {
            assertThatThrownBy(() -> vici.await(c.unloadConn("no-such-conn")))
                    .isInstanceOfSatisfying(CommandFailedException.class,
                            e -> assertThat(e.errmsg()).isEqualTo("unload: connection 'no-such-conn' not found"));
            assertThatThrownBy(() -> vici.await(c.request("no-such-command", ViciSection.empty())))
                    .isInstanceOf(UnknownCommandException.class)
                    .hasMessage(new UnknownCommandException("no-such-command").getMessage());
            assertThatThrownBy(() -> vici.await(c.streamed("list-sas", ViciSection.empty(), "no-such-event", null)))
                    .isInstanceOf(UnknownEventException.class)
                    .hasMessage(new UnknownEventException("no-such-event").getMessage());
        }
        assertThat(blocking.await(blocking.version()).daemon()).as("the connection is still in step")
                .isEqualTo("charon");
    }
}
