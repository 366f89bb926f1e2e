package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.client.command.TestSupport.done;
import static org.vici4j.client.command.TestSupport.failure;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.message.ViciSection;

class ListingCommandsTest {

    private final FakeCommands vici = new FakeCommands();

    @Test
    void listSasEventsHandsOverCharonsOwnMessages() {
        Fixtures.Capture capture = Fixtures.capture("list-sas");
        vici.answer(capture);
        List<ViciSection> seen = new ArrayList<>();

        long n = done(vici.listSasEvents(new ListSasRequest(true, "net", null, null, null), seen::add));

        assertThat(n).isEqualTo(capture.events().size());
        assertThat(seen).isEqualTo(capture.events());
        assertThat(vici.last().event()).isEqualTo("list-sa");
        assertThat(vici.last().message().bool("noblock")).isTrue();
        assertThat(vici.last().message().stringOr("ike", null)).isEqualTo("net");
    }

    @Test
    void aListingThatSaysNoFailsLikeAnyOtherCommand() {
        vici.answer("list-sas", ViciSection.builder().add("success", false).add("errmsg", "busy").build(), List.of());

        CommandFailedException e = failure(vici.listSasEvents(ListSasRequest.ALL, ev -> { }),
                CommandFailedException.class);
        assertThat(e.errmsg()).isEqualTo("busy");
        failure(vici.listSas(), CommandFailedException.class);
    }

    @Test
    void listSasParsesRealIkeAndChildSa() {
        vici.answer(Fixtures.capture("list-sas"));

        List<IkeSa> sas = done(vici.listSas());

        assertThat(vici.last().event()).isEqualTo("list-sa");
        assertThat(vici.last().message().isEmpty()).isTrue();
        assertThat(sas).hasSize(1);
        IkeSa ike = sas.get(0);
        assertThat(ike.name()).isEqualTo("net");
        assertThat(ike.uniqueId()).isEqualTo(1);
        assertThat(ike.version()).isEqualTo(2);
        assertThat(ike.state()).isEqualTo("ESTABLISHED");
        assertThat(ike.isEstablished()).isTrue();
        assertThat(ike.localHost()).isEqualTo("192.0.2.1");
        assertThat(ike.localPort()).hasValue(4500);
        assertThat(ike.localId()).isEqualTo("a");
        assertThat(ike.remoteHost()).isEqualTo("192.0.2.2");
        assertThat(ike.remoteId()).isEqualTo("b");
        assertThat(ike.initiator()).isTrue();
        assertThat(ike.initiatorSpi()).isEqualTo("ac6b9f0841108cd9");
        assertThat(ike.natRemote()).isTrue();
        assertThat(ike.natLocal()).isFalse();
        assertThat(ike.natAny()).isTrue();
        assertThat(ike.encrAlg()).contains("AES_CBC");
        assertThat(ike.encrKeysize()).hasValue(128);
        assertThat(ike.integAlg()).contains("HMAC_SHA2_256_128");
        assertThat(ike.prfAlg()).contains("PRF_HMAC_SHA2_256");
        assertThat(ike.dhGroup()).contains("CURVE_25519");
        assertThat(ike.additionalKeyExchanges()).isEmpty();
        assertThat(ike.established()).hasValue(0);
        assertThat(ike.rekeyTime()).hasValue(13092);
        assertThat(ike.reauthTime()).isEmpty();
        assertThat(ike.remoteEapId()).isEmpty();
        assertThat(ike.childSas()).hasSize(1);

        ChildSa child = ike.childSas().get(0);
        assertThat(child.key()).isEqualTo("net-1");
        assertThat(child.name()).isEqualTo("net");
        assertThat(child.uniqueId()).isEqualTo(1);
        assertThat(child.reqid()).isEqualTo(1);
        assertThat(child.state()).isEqualTo("INSTALLED");
        assertThat(child.isInstalled()).isTrue();
        assertThat(child.mode()).isEqualTo("TUNNEL");
        assertThat(child.protocol()).isEqualTo("ESP");
        assertThat(child.encap()).isTrue();
        assertThat(child.spiIn()).isEqualTo("d90deef2");
        assertThat(child.spiOut()).isEqualTo("96b1659b");
        assertThat(child.encrAlg()).contains("AES_GCM_16");
        assertThat(child.encrKeysize()).hasValue(128);
        assertThat(child.integAlg()).isEmpty();
        assertThat(child.esn()).isFalse();
        assertThat(child.bytesIn()).isZero();
        assertThat(child.useIn()).isEmpty();
        assertThat(child.rekeyTime()).hasValue(3445);
        assertThat(child.lifeTime()).hasValue(3960);
        assertThat(child.installTime()).hasValue(0);
        assertThat(child.localTs()).containsExactly("198.18.0.0/22");
        assertThat(child.remoteTs()).containsExactly("198.18.4.0/22");
        assertThat(ike.child("net")).contains(child);
        assertThat(ike.raw()).isEqualTo(Fixtures.capture("list-sas").events().get(0).section("net").orElseThrow());
    }

    @Test
    void listSasOfNothingIsEmpty() {
        vici.answer(Fixtures.capture("list-sas-empty"));

        assertThat(done(vici.listSas())).isEmpty();
    }

    @Test
    void listSasRequestEncodesFiltersAsTheSpecNamesThem() {
        assertThat(ListSasRequest.ike("net").withNoblock(true).toMessage())
                .isEqualTo(Fixtures.capture("list-sas-noblock").request());
        assertThat(ListSasRequest.ALL.withNoblock(true).toMessage().keys()).containsExactly("noblock");
        assertThat(new ListSasRequest(true, "i", 4L, "c", 9L).toMessage())
                .isEqualTo(ViciSection.builder().add("noblock", "yes").add("ike", "i").add("ike-id", "4")
                        .add("child", "c").add("child-id", "9").build());
        assertThat(ListSasRequest.ALL.toMessage().isEmpty()).isTrue();
        assertThatThrownBy(() -> ListSasRequest.ikeId(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listSasWithCallbackDeliversEachSaAsItArrives() {
        ViciSection one = Fixtures.capture("list-sas").events().get(0);
        ViciSection two = ViciSection.builder().beginSection("other").add("uniqueid", "2").add("state", "CONNECTING")
                .endSection().build();
        vici.answer("list-sas", ViciSection.empty(), List.of(one, two));
        List<String> names = new ArrayList<>();

        long count = done(vici.listSas(ListSasRequest.ALL, sa -> names.add(sa.name() + "#" + sa.uniqueId())));

        assertThat(count).isEqualTo(2);
        assertThat(names).containsExactly("net#1", "other#2");
    }

    @Test
    void aThrowingItemCallbackFailsTheFutureWithItsException() {
        vici.answer("list-sas", ViciSection.empty(), List.of(Fixtures.capture("list-sas").events().get(0),
                Fixtures.capture("list-sas").events().get(0)));
        List<IkeSa> seen = new ArrayList<>();

        IllegalStateException e = failure(vici.listSas(ListSasRequest.ALL, sa -> {
            seen.add(sa);
            throw new IllegalStateException("stop");
        }), IllegalStateException.class);

        assertThat(e).hasMessage("stop");
        assertThat(seen).hasSize(1);
    }

    @Test
    void strongSwan6KeysAreReadAndUnknownKeysKept() {
        ViciSection event = ViciSection.builder().beginSection("vpn")
                .add("uniqueid", "7").add("version", "2").add("state", "ESTABLISHED")
                .add("local-host", "10.0.0.1").add("local-port", "500").add("local-id", "me")
                .add("remote-host", "10.0.0.2").add("remote-port", "4501").add("remote-id", "you")
                .add("remote-eap-id", "carol").add("initiator-spi", "01").add("responder-spi", "02")
                .add("if-id-in", "0000002a").add("if-id-out", "0000002b")
                .add("encr-alg", "AES_GCM_16").add("encr-keysize", "256").add("prf-alg", "PRF_HMAC_SHA2_384")
                .add("dh-group", "ECP_384").add("ake1", "ML_KEM_768").add("ake3", "ML_KEM_1024")
                .add("reauth-time", "900").add("brand-new-key", "v")
                .addList("local-vips", "10.3.0.1").addList("tasks-queued", "IKE_REKEY")
                .beginSection("child-sas").beginSection("c-9")
                .add("name", "c").add("uniqueid", "9").add("reqid", "4").add("state", "INSTALLED")
                .add("mode", "TUNNEL").add("protocol", "ESP").add("spi-in", "aa").add("spi-out", "bb")
                .add("mark-in", "00000001").add("mark-mask-in", "ffffffff").add("per-cpu-sas", "yes")
                .add("cpu", "3").add("label", "73797374656d5f75").add("esn", "1").add("ake1", "ML_KEM_512")
                .add("use-in", "5").add("bytes-in", "1024").add("packets-in", "8").add("child-new-key", "x")
                .addList("local-ts", "10.1.0.0/16", "10.2.0.0/16").addList("remote-ts", "0.0.0.0/0")
                .endSection().endSection().endSection().build();
        vici.answer("list-sas", ViciSection.empty(), List.of(event));

        IkeSa ike = done(vici.listSas()).get(0);

        assertThat(ike.remotePort()).hasValue(4501);
        assertThat(ike.remoteEapId()).contains("carol");
        assertThat(ike.ifIdIn()).contains("0000002a");
        assertThat(ike.additionalKeyExchanges()).containsExactly("ML_KEM_768", "ML_KEM_1024");
        assertThat(ike.reauthTime()).hasValue(900);
        assertThat(ike.established()).isEmpty();
        assertThat(ike.localVips()).containsExactly("10.3.0.1");
        assertThat(ike.tasksQueued()).containsExactly("IKE_REKEY");
        assertThat(ike.raw().string("brand-new-key")).contains("v");
        ChildSa c = ike.childSas().get(0);
        assertThat(c.perCpuSas()).isTrue();
        assertThat(c.cpu()).hasValue(3);
        assertThat(c.markIn()).contains("00000001");
        assertThat(c.markMaskIn()).contains("ffffffff");
        assertThat(c.label()).contains("73797374656d5f75");
        assertThat(c.esn()).isTrue();
        assertThat(c.additionalKeyExchanges()).containsExactly("ML_KEM_512");
        assertThat(c.useIn()).hasValue(5);
        assertThat(c.bytesIn()).isEqualTo(1024);
        assertThat(c.localTs()).containsExactly("10.1.0.0/16", "10.2.0.0/16");
        assertThat(c.raw().string("child-new-key")).contains("x");
    }

    @Test
    void missingKeysGiveDefaultsNotErrors() {
        ViciSection event = ViciSection.builder().beginSection("bare")
                .add("version", "not-a-number").beginSection("child-sas").beginSection("x-1").endSection()
                .endSection().endSection().build();
        vici.answer("list-sas", ViciSection.empty(), List.of(event));

        IkeSa ike = done(vici.listSas()).get(0);

        assertThat(ike.name()).isEqualTo("bare");
        assertThat(ike.uniqueId()).isZero();
        assertThat(ike.version()).isZero();
        assertThat(ike.state()).isEmpty();
        assertThat(ike.localPort()).isEmpty();
        assertThat(ike.encrAlg()).isEmpty();
        assertThat(ike.tasksActive()).isEmpty();
        ChildSa c = ike.childSas().get(0);
        assertThat(c.name()).isEqualTo("x-1");
        assertThat(c.reqid()).isZero();
        assertThat(c.installTime()).isEmpty();
        assertThat(c.localTs()).isEmpty();
    }

    @Test
    void updownEventsOfTheReferenceCaptureParseAsIkeSas() {
        List<ViciSection> events = Fixtures.events("reference-child-installed-initiator-events", "child-updown");
        ViciSection event = events.get(0);

        assertThat(event.bool("up")).isTrue();
        List<IkeSa> sas = IkeSa.fromEvent(event);

        assertThat(sas).hasSize(1);
        assertThat(sas.get(0).tasksActive()).containsExactly("CHILD_CREATE");
        assertThat(sas.get(0).childSas()).singleElement()
                .satisfies(c -> assertThat(c.spiIn()).isEqualTo("f49a4e8e"))
                .satisfies(c -> assertThat(c.localTs()).containsExactly("198.51.100.0/24"));

        ViciSection down = Fixtures.events("reference-initiator-install-failure-responder-events", "child-updown")
                .get(1);
        assertThat(down.bool("up")).isFalse();
        assertThat(IkeSa.fromEvent(down).get(0).childSas().get(0).state()).isEqualTo("DELETED");
    }

    @Test
    void listConnsParsesRealConnections() {
        vici.answer(Fixtures.capture("list-conns"));

        List<Connection> conns = done(vici.listConns());

        assertThat(vici.last().event()).isEqualTo("list-conn");
        assertThat(conns).extracting(Connection::name).containsExactly("net", "shunts");
        Connection net = conns.get(0);
        assertThat(net.localAddrs()).containsExactly("192.0.2.1");
        assertThat(net.remoteAddrs()).containsExactly("192.0.2.2");
        assertThat(net.version()).isEqualTo("IKEv1/2");
        assertThat(net.reauthTime()).hasValue(0);
        assertThat(net.rekeyTime()).hasValue(14400);
        assertThat(net.unique()).contains("UNIQUE_NO");
        assertThat(net.localPort()).isEmpty();
        assertThat(net.local()).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("local-1");
            assertThat(a.authClass()).contains("pre-shared key");
            assertThat(a.id()).contains("a");
            assertThat(a.groups()).isEmpty();
        });
        assertThat(net.remote()).singleElement().satisfies(a -> assertThat(a.id()).contains("b"));
        ChildConfig child = net.child("net").orElseThrow();
        assertThat(child.mode()).isEqualTo("TUNNEL");
        assertThat(child.rekeyTime()).hasValue(3600);
        assertThat(child.dpdAction()).contains("none");
        assertThat(child.localTs()).containsExactly("198.18.0.0/22");
        assertThat(child.remoteTs()).containsExactly("198.18.4.0/22");
        assertThat(conns.get(1).children()).singleElement()
                .satisfies(c -> assertThat(c.mode()).isEqualTo("PASS"));
    }

    @Test
    void listConnsFilterAndStreamingVariant() {
        Fixtures.Capture capture = Fixtures.capture("list-conns-one");
        vici.answer(capture);
        List<String> names = new ArrayList<>();

        long n = done(vici.listConns("net", c -> names.add(c.name())));

        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThat(n).isEqualTo(1);
        assertThat(names).containsExactly("net");
    }

    @Test
    void listConnsReadsStrongSwan6Keys() {
        ViciSection event = ViciSection.builder().beginSection("c6").addList("local_addrs", "%any")
                .add("local_port", "4500").add("remote_port", "4501").add("version", "IKEv2")
                .add("dpd_delay", "30").add("ppk_id", "ppk").add("ppk_required", "yes")
                .beginSection("local-1").add("class", "public key").add("ca_id", "CN=CA").endSection()
                .beginSection("children").beginSection("k").add("mode", "TUNNEL").add("label", "6c")
                .add("interface", "eth0").add("priority", "100").endSection().endSection()
                .endSection().build();
        vici.answer("list-conns", ViciSection.empty(), List.of(event));

        Connection c = done(vici.listConns()).get(0);

        assertThat(c.localPort()).hasValue(4500);
        assertThat(c.remotePort()).hasValue(4501);
        assertThat(c.dpdDelay()).hasValue(30);
        assertThat(c.dpdTimeout()).isEmpty();
        assertThat(c.ppkId()).contains("ppk");
        assertThat(c.ppkRequired()).isTrue();
        assertThat(c.local().get(0).caId()).contains("CN=CA");
        assertThat(c.remote()).isEmpty();
        assertThat(c.children().get(0).label()).contains("6c");
        assertThat(c.children().get(0).iface()).contains("eth0");
        assertThat(c.children().get(0).priority()).hasValue(100);
    }

    @Test
    void listPoliciesParsesRealShunt() {
        Fixtures.Capture capture = Fixtures.capture("list-policies");
        vici.answer(capture);

        List<Policy> policies = done(vici.listPolicies());

        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThat(vici.last().event()).isEqualTo("list-policy");
        assertThat(policies).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("shunts/bypass");
            assertThat(p.child()).isEqualTo("bypass");
            assertThat(p.ike()).contains("shunts");
            assertThat(p.mode()).isEqualTo("PASS");
            assertThat(p.reqid()).isEmpty();
            assertThat(p.localTs()).containsExactly("198.18.0.0/24");
        });
    }

    @Test
    void listPoliciesToleratesOldShapeAndReadsReqid() {
        ViciSection old = ViciSection.builder().beginSection("trapped").add("mode", "TUNNEL").endSection().build();
        ViciSection v6 = ViciSection.builder().beginSection("conn/t").add("child", "t").add("reqid", "12")
                .add("ike", "conn").add("mode", "TUNNEL").endSection().build();
        vici.answer("list-policies", ViciSection.empty(), List.of(old, v6));
        List<Policy> seen = new ArrayList<>();

        long n = done(vici.listPolicies(new ListPoliciesRequest(true, false, false, "t", null), seen::add));

        assertThat(n).isEqualTo(2);
        assertThat(seen.get(0).child()).isEqualTo("trapped");
        assertThat(seen.get(0).ike()).isEmpty();
        assertThat(seen.get(1).reqid()).hasValue(12);
        assertThat(vici.last().message())
                .isEqualTo(ViciSection.builder().add("trap", "yes").add("child", "t").build());
        assertThatThrownBy(() -> new ListPoliciesRequest(false, false, false, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trap, drop or pass");
    }

    @Test
    void listCertsParsesRealCertificateAndItsDer() throws Exception {
        vici.answer(Fixtures.capture("list-certs"));

        List<CertificateInfo> certs = done(vici.listCerts());

        assertThat(vici.last().event()).isEqualTo("list-cert");
        CertificateInfo cert = certs.get(0);
        assertThat(cert.type()).isEqualTo("X509");
        assertThat(cert.flag()).contains("CA");
        assertThat(cert.hasPrivateKey()).isTrue();
        assertThat(cert.subject()).isEmpty();
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.data()));
        assertThat(x509.getSubjectX500Principal().getName()).contains("CN=vici4j Test CA");
        assertThat(cert.raw().toString()).contains("data=<redacted>");
    }

    @Test
    void listCertsRequestAndStreamingVariant() {
        vici.answer(Fixtures.capture("list-certs"));
        List<CertificateInfo> seen = new ArrayList<>();

        long n = done(vici.listCerts(new ListCertsRequest(CertType.X509, CertFlag.CA, "CN=x"), seen::add));

        assertThat(n).isEqualTo(1);
        assertThat(seen).hasSize(1);
        assertThat(vici.last().message()).isEqualTo(
                ViciSection.builder().add("type", "X509").add("flag", "CA").add("subject", "CN=x").build());
        assertThat(ListCertsRequest.ALL.toMessage().isEmpty()).isTrue();
    }

    @Test
    void listAuthoritiesParsesRealAuthority() {
        vici.answer(Fixtures.capture("list-authorities"));
        List<String> streamed = new ArrayList<>();

        List<Authority> all = done(vici.listAuthorities());
        long n = done(vici.listAuthorities("vici4j-ca", a -> streamed.add(a.name())));

        assertThat(all).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("vici4j-ca");
            assertThat(a.cacert()).contains("C=CH, O=vici4j, CN=vici4j Test CA");
            assertThat(a.crlUris()).containsExactly("http://crl.example.org/ca.crl");
            assertThat(a.ocspUris()).containsExactly("http://ocsp.example.org");
            assertThat(a.certUriBase()).contains("http://certs.example.org/");
        });
        assertThat(n).isEqualTo(1);
        assertThat(streamed).containsExactly("vici4j-ca");
        assertThat(vici.last().message()).isEqualTo(ViciSection.builder().add("name", "vici4j-ca").build());
        assertThat(vici.last().event()).isEqualTo("list-authority");
    }

    @Test
    void getAuthoritiesListsNames() {
        vici.answer(Fixtures.capture("get-authorities"));

        assertThat(done(vici.getAuthorities()).names()).containsExactly("vici4j-ca");
    }

    @Test
    void getAuthoritiesAnsweredSuccessNoFailsInsteadOfListingNothing() {
        vici.answer("get-authorities", ViciSection.builder().add("success", "no").add("errmsg", "failed").build());

        assertThat(failure(vici.getAuthorities(), CommandFailedException.class).errmsg()).isEqualTo("failed");
    }
}
