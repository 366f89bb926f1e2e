package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.client.command.TestSupport.done;
import static org.vici4j.client.command.TestSupport.failure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.message.ViciSection;

class ConfigCommandsTest {

    private final FakeCommands vici = new FakeCommands();

    private static ViciSection extraConfig() {
        return ViciSection.builder().addList("local_addrs", "192.0.2.1").addList("remote_addrs", "192.0.2.9")
                .beginSection("local").add("auth", "psk").endSection()
                .beginSection("remote").add("auth", "psk").endSection()
                .beginSection("children").beginSection("c1").addList("local_ts", "10.0.0.0/24").endSection()
                .endSection().build();
    }

    @Test
    void loadConnSendsNameAsSectionKeyLikeTheRequestCharonAccepted() {
        Fixtures.Capture capture = Fixtures.capture("load-conn");
        vici.answer(capture);

        CommandResult r = done(vici.loadConn("extra", extraConfig()));

        assertThat(vici.last().command()).isEqualTo("load-conn");
        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThat(r.raw().string("success")).contains("yes");
    }

    @Test
    void loadConnRejectedByCharonFailsWithErrmsg() {
        vici.answer(Fixtures.capture("load-conn-bad"));

        CommandFailedException e = failure(
                vici.loadConn(new LoadConnRequest("bad", ViciSection.builder().add("bogus_key", "1").build())),
                CommandFailedException.class);

        assertThat(e.command()).isEqualTo("load-conn");
        assertThat(e.errmsg()).isEqualTo("unknown option: bogus_key, config discarded");
    }

    @Test
    void loadConnValidatesName() {
        assertThatThrownBy(() -> new LoadConnRequest(" ", ViciSection.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connection name");
        assertThatThrownBy(() -> new LoadConnRequest("x".repeat(256), ViciSection.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
        assertThatThrownBy(() -> new LoadConnRequest("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unloadConnAndItsFailure() {
        vici.answer(Fixtures.capture("unload-conn"));
        done(vici.unloadConn("extra"));
        assertThat(vici.last().message()).isEqualTo(Fixtures.capture("unload-conn").request());

        vici.answer(Fixtures.capture("unload-conn-unknown"));
        CommandFailedException e = failure(vici.unloadConn("nope"), CommandFailedException.class);
        assertThat(e.errmsg()).isEqualTo("unload: connection 'nope' not found");
    }

    @Test
    void getConnsListsNames() {
        vici.answer(Fixtures.capture("get-conns"));

        NameList conns = done(vici.getConns());

        assertThat(conns.names()).containsExactly("net", "shunts");
        assertThat(conns.raw()).isEqualTo(Fixtures.capture("get-conns").response());
    }

    @Test
    void loadPoolBuilderEncodesLikeTheRequestCharonAccepted() {
        Fixtures.Capture capture = Fixtures.capture("load-pool");
        vici.answer(capture);

        done(vici.loadPool(LoadPoolRequest.builder("p2").addrs("10.4.0.0/30").attribute("dns", "10.4.0.1").build()));

        assertThat(vici.last().message()).isEqualTo(capture.request());
    }

    @Test
    void unloadPoolAndItsFailure() {
        vici.answer(Fixtures.capture("unload-pool"));
        done(vici.unloadPool("p2"));
        assertThat(vici.last().message()).isEqualTo(Fixtures.capture("unload-pool").request());

        vici.answer(Fixtures.capture("unload-pool-unknown"));
        assertThat(failure(vici.unloadPool("p2"), CommandFailedException.class).errmsg()).isEqualTo("p2 not found");
    }

    @Test
    void getPoolsParsesRealAnswer() {
        Fixtures.Capture capture = Fixtures.capture("get-pools");
        vici.answer(capture);

        List<Pool> pools = done(vici.getPools(GetPoolsRequest.ALL_WITH_LEASES));

        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThat(pools).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("vpool");
            assertThat(p.base()).isEqualTo("10.3.0.0");
            assertThat(p.size()).isEqualTo(14);
            assertThat(p.online()).isZero();
            assertThat(p.leases()).isEmpty();
        });
    }

    @Test
    void getPoolsAnsweredSuccessNoFailsInsteadOfListingNothing() {
        vici.answer("get-pools", ViciSection.builder().add("success", "no").add("errmsg", "no pools").build());

        CommandFailedException e = failure(vici.getPools(), CommandFailedException.class);

        assertThat(e.command()).isEqualTo("get-pools");
        assertThat(e.errmsg()).isEqualTo("no pools");
    }

    @Test
    void getPoolsParsesLeasesAndEncodesName() {
        ViciSection answer = ViciSection.builder().beginSection("vpool").add("base", "10.3.0.0").add("size", "14")
                .add("online", "1").add("offline", "1").beginSection("leases")
                .beginSection("0").add("address", "10.3.0.1").add("identity", "carol").add("status", "online")
                .endSection()
                .beginSection("1").add("address", "10.3.0.2").add("identity", "dave").add("status", "offline")
                .endSection().endSection().endSection().build();
        vici.answer("get-pools", answer);

        Pool p = done(vici.getPools(new GetPoolsRequest(true, "vpool"))).get(0);

        assertThat(vici.last().message())
                .isEqualTo(ViciSection.builder().add("leases", "yes").add("name", "vpool").build());
        assertThat(p.leases()).extracting(Pool.Lease::identity).containsExactly("carol", "dave");
        assertThat(p.leases().get(0).isOnline()).isTrue();
        assertThat(p.leases().get(1).isOnline()).isFalse();
        assertThat(p.leases().get(1).index()).isEqualTo("1");
        assertThat(GetPoolsRequest.ALL.toMessage().isEmpty()).isTrue();
    }
}
